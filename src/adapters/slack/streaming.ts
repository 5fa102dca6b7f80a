// Streaming tutor answers on Slack. The core calls onProgress with the partial answer (at most
// about once a second); we show a placeholder, edit it with each partial, then replace it with
// the final reply. Two ways to edit:
// - a real message (thread follow-ups, the bot's DM): chat.postMessage, then chat.update;
// - a slash command's response_url (works in any channel, even where the bot is not a member):
//   the placeholder, then replace_original. Slack allows 5 uses of a response_url, so at most
//   two partial updates are sent that way (placeholder + 2 + final + one spare).
// A private final reply (a refusal, an error) never lands in a public placeholder: the
// placeholder is deleted and the reply is delivered privately instead.
import type { RespondArguments, RespondFn, webApi } from "@slack/bolt";
import type { Locale } from "../../core/i18n";
import type { Logger } from "../../core/ports/logger";
import type { Reply } from "../../core/reply";
import { toMessage } from "./blocks";

type WebClient = webApi.WebClient;

export const RESPONSE_URL_UPDATES = 2;

export function placeholderText(locale: Locale | undefined): string {
  return locale === "zh" ? "💭 思考中…" : "💭 Thinking…";
}

export interface ProgressStream {
  /** Posts the placeholder now (otherwise the first partial creates the message). */
  start(text: string): Promise<void>;
  onProgress(partial: Reply): Promise<void>;
  /** Puts the first final reply in place of the streamed message; `rest` delivers the others (or all, when nothing was shown). */
  finish(replies: Reply[], rest: (replies: Reply[]) => Promise<void>): Promise<void>;
}

/** Runs updates one after another (a late partial never overtakes the final reply); a failed
 *  update is logged and the next one still runs. `drain()` waits for everything queued. */
function serialQueue(logger: Logger, context: object = {}) {
  let chain: Promise<void> = Promise.resolve();
  return {
    run(fn: () => Promise<void>): Promise<void> {
      chain = chain
        .then(fn)
        .catch((e) =>
          logger.warn({ ...context, err: (e as Error).message }, "slack streaming update failed"),
        );
      return chain;
    },
    drain: () => chain,
  };
}

/** Streams into a real message (in a thread when threadTs is set). `privateOk`: the conversation is the learner's own DM. */
export function messageStream(o: {
  client: WebClient;
  channel: string;
  threadTs?: string;
  privateOk: boolean;
  logger: Logger;
}): ProgressStream {
  let ts: string | undefined;
  let done = false;
  const updates = serialQueue(o.logger, { channel: o.channel });
  const where = { channel: o.channel, ...(o.threadTs ? { thread_ts: o.threadTs } : {}) };
  const show = async (msg: { text: string; blocks: unknown[] }) => {
    if (!ts)
      ts = (await o.client.chat.postMessage({ ...where, ...msg } as never)).ts as
        | string
        | undefined;
    else await o.client.chat.update({ channel: o.channel, ts, ...msg } as never);
  };
  const queue = updates.run;
  return {
    start: (text) =>
      queue(() =>
        show({ text, blocks: [{ type: "context", elements: [{ type: "mrkdwn", text }] }] }),
      ),
    onProgress: (partial) =>
      queue(async () => {
        if (!done) await show(toMessage({ ...partial, private: false }));
      }),
    async finish(replies, rest) {
      done = true;
      await updates.drain();
      const [first, ...others] = replies;
      if (!ts || !first) return rest(replies);
      if (first.private && !o.privateOk) {
        await o.client.chat
          .delete({ channel: o.channel, ts })
          .catch((e) =>
            o.logger.warn({ err: (e as Error).message }, "slack placeholder delete failed"),
          );
        return rest(replies);
      }
      try {
        await o.client.chat.update({ channel: o.channel, ts, ...toMessage(first) } as never);
      } catch (e) {
        o.logger.warn(
          { channel: o.channel, err: (e as Error).message },
          "slack final update failed; posting instead",
        );
        return rest(replies);
      }
      if (others.length) await rest(others);
    },
  };
}

/** Streams through a slash command's response_url. `ephemeral`: the answer is only for the asker. */
export function responseUrlStream(o: {
  respond: RespondFn;
  ephemeral: boolean;
  logger: Logger;
}): ProgressStream {
  let shown = false;
  let updates = 0;
  let done = false;
  const serial = serialQueue(o.logger);
  const type = o.ephemeral ? "ephemeral" : "in_channel";
  const send = (body: Record<string, unknown>) => o.respond(body as RespondArguments);
  const queue = serial.run;
  return {
    start: (text) =>
      queue(async () => {
        await send({ response_type: type, replace_original: false, text });
        shown = true;
      }),
    onProgress: (partial) =>
      queue(async () => {
        if (done || updates >= RESPONSE_URL_UPDATES) return;
        updates++;
        await send({
          ...toMessage({ ...partial, private: false }),
          response_type: type,
          replace_original: shown,
        });
        shown = true;
      }),
    async finish(replies, rest) {
      done = true;
      await serial.drain();
      const [first, ...others] = replies;
      if (!shown || !first) return rest(replies);
      if (first.private && !o.ephemeral) {
        await send({ delete_original: true }).catch((e) =>
          o.logger.warn({ err: (e as Error).message }, "slack placeholder delete failed"),
        );
        return rest(replies);
      }
      try {
        await send({ ...toMessage(first), response_type: type, replace_original: true });
      } catch (e) {
        // The response_url was refused (expired or used up): `rest` delivers another way.
        o.logger.warn(
          { err: (e as Error).message },
          "slack final answer through response_url failed; delivering another way",
        );
        return rest(replies);
      }
      if (others.length) await rest(others);
    },
  };
}
