// The typed-answer modal (numbers, and a typed fallback for ordering and matching). The modal
// carries, in private_metadata, the core's answer action and where the question message lives
// (its response_url), so the verdict can replace it after the modal is submitted.
import type { types } from "@slack/bolt";
import type { Locale } from "../../core/i18n";
import { safeMrkdwn, safePlain, truncate } from "./mrkdwn";
import { msg } from "../../core/messages/catalogue";

export const ANSWER_VIEW = "slack.answer";
export const ANSWER_BLOCK = "answer";
export const ANSWER_INPUT = "text";

export interface AnswerMeta {
  /** Core answer action id. */
  a: string;
  /** response_url of the question message. */
  r?: string;
  /** Channel of the question message. */
  c?: string;
  /** The question message is ephemeral. */
  e?: boolean;
}

export function answerModal(meta: AnswerMeta, prompt: string, locale: Locale): types.ModalView {
  return {
    type: "modal",
    callback_id: ANSWER_VIEW,
    private_metadata: JSON.stringify(meta).slice(0, 3000),
    title: { type: "plain_text", text: msg(locale, "adapters.slack.answer-modal.yourAnswer") },
    submit: { type: "plain_text", text: msg(locale, "adapters.slack.answer-modal.submit") },
    close: { type: "plain_text", text: msg(locale, "adapters.slack.answer-modal.cancel") },
    blocks: [
      ...(prompt ? [promptBlock(prompt)] : []),
      {
        type: "input",
        block_id: ANSWER_BLOCK,
        label: {
          type: "plain_text",
          text: safePlain(msg(locale, "adapters.slack.answer-modal.answer"), 2000),
        },
        element: {
          type: "plain_text_input",
          action_id: ANSWER_INPUT,
          max_length: 500,
          placeholder: {
            type: "plain_text",
            text: msg(locale, "adapters.slack.answer-modal.eG12gbOr"),
          },
        },
      },
    ],
  };
}

function promptBlock(prompt: string): types.SectionBlock {
  return {
    type: "section",
    text: { type: "mrkdwn", text: truncate(safeMrkdwn(prompt), 2900), verbatim: true },
  };
}

export function readMeta(raw: string | undefined): AnswerMeta | undefined {
  try {
    const m = JSON.parse(raw ?? "") as AnswerMeta;
    return typeof m.a === "string" ? m : undefined;
  } catch {
    return undefined;
  }
}
