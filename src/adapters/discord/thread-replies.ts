// Answers a message typed in one of the bot's threads (gateway mode with Message Content): the
// core's replies are posted in the thread as replies to that message. A streamed answer (the
// tutor) is posted at its first partial and edited as it grows, then edited to the final text
// (the shared stream, platform/stream.ts, owns those rules).
import type { Actor } from "../../core/actor";
import type { Bot } from "../../core/bot";
import type { Logger } from "../../core/ports/logger";
import type { Reply } from "../../core/reply";
import { progressStream } from "../platform/stream";
import { toMessage, type DiscordMessage } from "./render";
import type { DiscordRest } from "./rest";

export async function answerInThread(
  deps: { bot: Pick<Bot, "handleText">; rest: DiscordRest; logger: Logger },
  actor: Actor,
  text: string,
  at: { channelId: string; messageId: string },
): Promise<void> {
  const { rest } = deps;
  const asReply = (r: Reply): DiscordMessage => {
    const m = toMessage({ ...r, private: false }, r.locale ?? actor.platformLocale ?? "en");
    m.body.message_reference = { message_id: at.messageId, fail_if_not_exists: false };
    return m;
  };
  let streamedId: string | undefined;
  const post = async (rs: Reply[]) => {
    for (const r of rs) await rest.channelMessage(at.channelId, asReply(r));
  };
  const stream = progressStream(
    {
      async show(partial) {
        if (!streamedId) {
          streamedId = (await rest.channelMessage(at.channelId, asReply(partial))).id;
          // Nothing to edit later: the final replies are posted as new messages.
          if (!streamedId) throw new Error("Discord returned no message id");
        } else await rest.editChannelMessage(at.channelId, streamedId, asReply(partial));
      },
      replace: (final) => rest.editChannelMessage(at.channelId, streamedId!, asReply(final)),
      remove: async () => {},
      // Everything in the thread is public: the final reply always takes the partial's place.
      fits: () => true,
    },
    deps.logger,
    { channel: at.channelId },
  );
  const replies = await deps.bot.handleText(actor, text, { onProgress: stream.onProgress });
  await stream.finish(replies, post);
}
