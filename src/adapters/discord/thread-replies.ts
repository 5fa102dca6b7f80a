// Answers a message typed in one of the bot's threads (gateway mode with Message Content): the
// core's replies are posted in the thread as replies to that message. A streamed answer (the
// tutor) is posted at its first partial and edited as it grows, then edited to the final text.
import type { Actor } from "../../core/actor";
import type { Bot } from "../../core/bot";
import type { Logger } from "../../core/ports/logger";
import type { Reply } from "../../core/reply";
import { toMessage, type DiscordMessage } from "./render";
import type { DiscordRest } from "./rest";

export async function answerInThread(
  deps: { bot: Bot; rest: DiscordRest; logger: Logger },
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
  let streamedId: Promise<string | undefined> | undefined;
  let done = false;
  let edits: Promise<void> = Promise.resolve();
  const onProgress = (partial: Reply) => {
    if (done) return;
    edits = edits
      .then(async () => {
        if (done) return;
        const m = asReply({
          ...partial,
          buttons: undefined,
          question: undefined,
          attachments: undefined,
        });
        if (!streamedId) streamedId = rest.channelMessage(at.channelId, m).then((r) => r.id);
        else {
          const id = await streamedId;
          if (id) await rest.editChannelMessage(at.channelId, id, m);
        }
        await streamedId;
      })
      .catch((e) =>
        deps.logger.warn(
          { err: String(e), channel: at.channelId },
          "thread progress update failed",
        ),
      );
    return edits;
  };
  const replies = await deps.bot.handleText(actor, text, { onProgress });
  done = true;
  await edits;
  const streamed = streamedId ? await streamedId.catch(() => undefined) : undefined;
  for (const [n, r] of replies.entries()) {
    if (n === 0 && streamed) await rest.editChannelMessage(at.channelId, streamed, asReply(r));
    else await rest.channelMessage(at.channelId, asReply(r));
  }
}
