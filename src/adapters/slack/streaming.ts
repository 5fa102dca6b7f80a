// Streaming tutor answers on Slack: the two ways Slack can show a message that is edited as the
// answer grows, as StreamSinks for the shared stream (platform/stream.ts owns the rules):
// - a real message (thread follow-ups, the bot's DM): chat.postMessage, then chat.update;
// - a slash command's response_url (works in any channel, even where the bot is not a member):
//   the placeholder, then replace_original. Slack allows 5 uses of a response_url, so at most
//   two partial updates are sent that way (placeholder + 2 + final + one spare).
import type { RespondArguments, RespondFn, webApi } from "@slack/bolt";
import type { Locale } from "../../core/i18n";
import type { Logger } from "../../core/ports/logger";
import { progressStream, type ProgressStream } from "../platform/stream";
import { toMessage, type SlackMessage } from "./blocks";

type WebClient = webApi.WebClient;

export type { ProgressStream };

export const RESPONSE_URL_UPDATES = 2;

export function placeholderText(locale: Locale | undefined): string {
  return locale === "zh" ? "💭 思考中…" : "💭 Thinking…";
}

/** The placeholder as Slack shows it: small grey context text. */
const placeholderMessage = (text: string): SlackMessage => ({
  text,
  blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }],
});

/** Streams into a real message (in a thread when threadTs is set). `privateOk`: the conversation is the learner's own DM. */
export function messageStream(o: {
  client: WebClient;
  channel: string;
  threadTs?: string;
  privateOk: boolean;
  logger: Logger;
}): ProgressStream {
  let ts: string | undefined;
  const where = { channel: o.channel, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) };
  const show = async (msg: SlackMessage) => {
    if (!ts) ts = (await o.client.chat.postMessage({ ...where, ...msg })).ts;
    else await o.client.chat.update({ channel: o.channel, ts, ...msg });
  };
  return progressStream(
    {
      placeholder: (text) => show(placeholderMessage(text)),
      show: (partial) => show(toMessage({ ...partial, private: false })),
      replace: async (final) => {
        await o.client.chat.update({ channel: o.channel, ts: ts!, ...toMessage(final) });
      },
      remove: async () => {
        await o.client.chat.delete({ channel: o.channel, ts: ts! });
      },
      fits: (final) => !final.private || o.privateOk,
    },
    o.logger,
    { source: "slack", channel: o.channel },
  );
}

/** Streams through a slash command's response_url. `ephemeral`: the answer is only for the asker. */
export function responseUrlStream(o: {
  respond: RespondFn;
  ephemeral: boolean;
  logger: Logger;
}): ProgressStream {
  const type = o.ephemeral ? "ephemeral" : "in_channel";
  const send = (body: RespondArguments) => o.respond(body);
  return progressStream(
    {
      maxUpdates: RESPONSE_URL_UPDATES,
      placeholder: async (text) => {
        await send({ response_type: type, replace_original: false, text });
      },
      show: async (partial, shown) => {
        await send({
          ...toMessage({ ...partial, private: false }),
          response_type: type,
          replace_original: shown,
        });
      },
      replace: async (final) => {
        await send({ ...toMessage(final), response_type: type, replace_original: true });
      },
      remove: async () => {
        await send({ delete_original: true });
      },
      fits: (final) => !final.private || o.ephemeral,
    },
    o.logger,
    { source: "slack" },
  );
}
