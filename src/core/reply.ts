// Platform-neutral replies. The core says *what* to show (text, a question, buttons, files);
// adapters turn it into Discord embeds/components, Slack Block Kit or terminal text.
import type { WidgetDescriptor } from "./question-types/module";
import type { Locale } from "./i18n";

export type Tone = "info" | "success" | "warning" | "error";

export interface Button {
  type: "button";
  /** Routed back to the core as an action: "<handler>:<arg>:…" (≤ 100 chars, Discord's limit). */
  id: string;
  label: string;
  style?: "primary" | "secondary" | "success" | "danger";
  /** Console shortcut, e.g. "/hint". */
  command?: string;
}

export interface OptionView {
  id: string;
  label: string;
}

/** A question waiting for an answer, described semantically; adapters pick the widgets. */
export interface QuestionView {
  sessionId: string;
  questionId: string;
  /** The question's type name, for logs and tests; adapters render `widget`, never this. */
  type: string;
  /** Which input to offer (choice buttons, a text box, order or pair selects). */
  widget: WidgetDescriptor;
  position: number;
  total: number;
  prompt: string;
  /** Display order; labels include the letter or number the learner may type. */
  options: OptionView[];
  /** A second column (matching's right-hand side), when the type has one. */
  right?: OptionView[];
  /** The unit a typed answer may carry (numeric; may be ""). */
  unit?: string;
  /** Action id that submits an answer (ids as values, or typed text). */
  answerAction: string;
  /** How to type an answer, for text-only surfaces. */
  howToAnswer: string;
}

export interface Attachment {
  filename: string;
  contentType: string;
  data: Uint8Array;
  description?: string;
}

export interface Reply {
  title?: string;
  text: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: string;
  tone?: Tone;
  question?: QuestionView;
  buttons?: Button[];
  attachments?: Attachment[];
  /** Only the asker sees it (Discord ephemeral, Slack ephemeral/DM). */
  private?: boolean;
  /**
   * The command needs a file the surface could not attach to it (a Slack slash command carries
   * none): a surface that can asks for one (a form with a file field) and runs the command again
   * with it in `option`; others show `text`.
   */
  fileRequest?: { command: string; sub?: string; option: string; title: string };
  /** The language the core wrote it in; set at the bot's boundary so adapters label widgets to match. */
  locale?: Locale;
}
