// One command, declared once: name, description, options and run. Discord and Slack command
// definitions, the Slack manifest, the console's /help and argument checking all derive from it.
import type { ActionPrefix } from "./action-ids";
import type { Actor } from "../actor";
import type { Clock } from "../clock";
import type { Catalogue } from "../content/catalogue";
import type { CourseIndex } from "../content/model";
import type { Bilingual, Locale } from "../i18n";
import type { ChartPort } from "../ports/charts";
import type { DeckPort } from "../ports/decks";
import type { LearnerRecord } from "../ports/learners";
import type { Logger } from "../ports/logger";
import type { DashboardLinks } from "../ports/dashboard";
import type { MetricsPort } from "../ports/metrics";
import type { Store } from "../ports/store";
import type { MessageKey, ParamsArg } from "../messages/types";
import type { Reply } from "../reply";
import type { ProgressFn, TutorService } from "../tutor/service";
import type { CourseSource } from "../authoring/course-source";
import type { LessonSettings } from "../schedule/settings";

/** What an option suggests as the user types (see suggest.ts). */
export type SuggestKind = "topic" | "timezone" | "glossary";

export type OptionType = "string" | "integer" | "number" | "boolean" | "channel" | "attachment";

export interface CommandOption {
  name: string;
  description: Bilingual;
  type: OptionType;
  required?: boolean;
  choices?: { value: string | number; name: Bilingual }[];
  /** Suggest values as the user types (Discord autocomplete). */
  autocomplete?: SuggestKind;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Free text that takes the rest of a typed line ("/ask what is a token?" needs no quotes). */
  rest?: boolean;
}

export interface SubcommandDef {
  name: string;
  description: Bilingual;
  options?: CommandOption[];
  admin?: boolean;
}

/** An attached file, downloaded by the adapter (Discord attachment, Slack file input). */
export interface FileArg {
  filename: string;
  contentType?: string;
  data: Uint8Array;
}

export type ArgValue = string | number | boolean | FileArg;
export type Args = Record<string, ArgValue | undefined>;

/** What every command and action may use. Feature modules add their services here. */
export interface Services {
  /**
   * The course this request (round, delivery) runs: the actor's channel's or community's choice,
   * else the catalogue's default (see courses/scope.ts). `store` and `tutor` are scoped to it.
   */
  index: CourseIndex;
  /** Every course this instance serves; absent: `index` is the only one. */
  catalogue?: Catalogue;
  /** The tutor of one course (each has its own retriever); absent: `tutor` for every course. */
  tutorFor?: (courseId: string) => TutorService | undefined;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Renders charts (PNG); absent in tests and when the renderer is unavailable. */
  charts?: ChartPort;
  /** Writes flash-card decks (/export missed); absent in tests that do not need it. */
  decks?: DeckPort;
  /** The tutor (/ask, follow-ups); absent in tests that do not need it. */
  tutor?: TutorService;
  /** Weekly lesson rules (stale window, retries, cron validator); defaults when absent. */
  lessons?: LessonSettings;
  /** Platforms this instance can post lessons on (those with a LessonSender); unknown when absent. */
  lessonPlatforms?: ReadonlySet<string>;
  /** Counters for LLM tokens and lesson deliveries (absent in tests: use `metrics?.…`). */
  metrics?: MetricsPort;
  /** Issues instructor-dashboard sign-in links; absent when no HTTP server serves the dashboard. */
  dashboard?: DashboardLinks;
  /** The served course version, swapped when a new one is published (absent: /content is off). */
  courses?: CourseSource;
}

export interface Ctx extends Services {
  actor: Actor;
  learner: LearnerRecord;
  locale: Locale;
  /** The learner's text for a catalogue key (src/core/messages): ctx.msg("quiz.noQuiz"). */
  msg<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string;
  /** Deprecated: an inline pair. Kept for commands merged after the catalogue (content.ts). */
  t(zh: string, en: string): string;
  /** Set by adapters that can edit a message as a long answer streams in (see RequestOptions). */
  onProgress?: ProgressFn;
}

export interface CommandDef {
  name: string;
  description: Bilingual;
  options?: CommandOption[];
  subcommands?: SubcommandDef[];
  /** Only admins (Manage Server / workspace admins) may run it. */
  admin?: boolean;
  /** Replies only the asker should see (Discord ephemeral). */
  private?: boolean;
  /** Its answer streams in (the tutor): platforms show a placeholder and edit it as it grows. */
  streams?: boolean;
  run(ctx: Ctx, args: Args, sub?: string): Promise<Reply | Reply[]>;
}

/** Input that comes with a button press, menu choice or modal submit. */
export interface ActionInput {
  values?: string[];
  text?: string;
}

/** Handles action ids that start with `${prefix}:` (action-ids.ts builds and parses them).
 *  How a platform carries the action is declared here, so adapters never match action names. */
export interface ActionDef {
  prefix: ActionPrefix;
  /** Its replies belong in a thread under the pressed message (the tutor's follow-ups); where
   *  threads cannot reach the bot, a form asks for the question instead. */
  opensThread?: boolean;
  /** It asks the learner to type something for this command's option; platforms where typed
   *  messages do not reach the bot open a form that runs the command with the text. */
  collectsText?: { command: string; option: string };
  /** Replies only the presser should see (like the command it stands for). */
  private?: boolean;
  /** Answering moves a channel round on: round posters tick right after it. */
  advancesRounds?: boolean;
  run(ctx: Ctx, parts: string[], input: ActionInput): Promise<Reply | Reply[]>;
}
