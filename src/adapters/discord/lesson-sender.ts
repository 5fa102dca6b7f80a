// The LessonSender for Discord: scheduled lessons go to a channel (or, for a learner's own
// subscription, their DM) and review reminders to DMs, as bot messages through discord.js REST,
// which queues per route and waits out 429s itself. Errors that no retry can fix (the channel
// was deleted, the bot was removed or lost access, the user does not accept DMs) become
// permanent SendErrors; anything else is thrown as is and the scheduler retries it.
import { createHash } from "node:crypto";
import type { LearnerKey } from "../../core/ports/learners";
import { SendError, type DeliveryRef, type LessonSender } from "../../core/ports/lesson-sender";
import type { Reply } from "../../core/reply";
import { toMessage, type DiscordMessage } from "./render";
import type { DiscordRest } from "./rest";

/** 404: Unknown Channel/User (10003, 10013); 403: Missing Access/Permissions, DMs closed (50001, 50013, 50007). */
const PERMANENT_STATUS = new Set([403, 404]);
/** DM channel ids are stable per user; remembering them saves a request per post. */
const DM_CACHE_MAX = 10_000;

export function asSendError(e: unknown, where: string): Error {
  const err = e as { status?: unknown; code?: unknown; message?: unknown };
  const detail = `${typeof err?.message === "string" ? err.message : String(e)}${err?.code !== undefined ? ` (code ${String(err.code)})` : ""}`;
  if (typeof err?.status === "number" && PERMANENT_STATUS.has(err.status))
    return new SendError(`${where}: ${detail}`, true);
  return e instanceof Error ? e : new Error(`${where}: ${detail}`);
}

/**
 * The message nonce of a scheduled delivery (Discord allows 25 characters). Sent with
 * enforce_nonce, it makes a second post of the same delivery (an instance died after posting,
 * before recording it, and a peer took the claim over) return the first message instead of
 * creating another; Discord remembers nonces for a few minutes, which the short claim lease keeps
 * takeovers within.
 */
export function deliveryNonce(deliveryId: string): string {
  return createHash("sha256").update(deliveryId).digest("hex").slice(0, 25);
}

const withNonce = (m: DiscordMessage, delivery?: DeliveryRef): DiscordMessage =>
  delivery
    ? { ...m, body: { ...m.body, nonce: deliveryNonce(delivery.id), enforce_nonce: true } }
    : m;

export function discordLessonSender(rest: DiscordRest): LessonSender {
  const dms = new Map<string, string>();

  async function postToUser(userId: string, reply: Reply, delivery?: DeliveryRef): Promise<void> {
    let channel = dms.get(userId);
    try {
      if (!channel) {
        channel = await rest.dmChannel(userId);
        if (dms.size >= DM_CACHE_MAX) dms.clear();
        dms.set(userId, channel);
      }
      await rest.channelMessage(
        channel,
        withNonce(toMessage({ ...reply, private: false }, reply.locale ?? "en"), delivery),
      );
    } catch (e) {
      dms.delete(userId); // the next attempt asks Discord again
      throw asSendError(e, `DM to user ${userId}`);
    }
  }

  return {
    platform: "discord",
    async send(sub, reply, delivery) {
      const r = { ...reply, locale: reply.locale ?? sub.locale };
      if (sub.learnerExternalId) return postToUser(sub.learnerExternalId, r, delivery);
      try {
        await rest.channelMessage(
          sub.channelId,
          withNonce(toMessage({ ...r, private: false }, r.locale), delivery),
        );
      } catch (e) {
        throw asSendError(e, `channel ${sub.channelId}`);
      }
    },
    sendDirect(learner: LearnerKey, reply: Reply) {
      return postToUser(learner.externalId, reply);
    },
  };
}
