// Discord's Messenger (platform/contract.ts): posts outside any request as bot messages through
// discord.js REST, which queues per route and waits out 429s itself. Without a bot token (HTTP
// interactions only) a channel round posts through the interaction's webhook (Actor.replyRef,
// valid 15 minutes: the core refuses rounds that could outlast it). A post's key becomes the
// message nonce with enforce_nonce: Discord then returns the message it already created for a
// nonce seen in the last few minutes instead of posting it twice (bot messages only).
import { createHash } from "node:crypto";
import type { LessonSender, SendError } from "../../core/ports/lesson-sender";
import type { Messenger, SendFailure } from "../platform/contract";
import { lessonSender, sendError } from "../platform/lesson-delivery";
import { DISCORD } from "./identity";
import { toMessage } from "./render";
import type { DiscordRest } from "./rest";

/** 404: Unknown Channel/User/Webhook (10003, 10013, 10015); 403: Missing Access/Permissions,
 *  DMs closed (50001, 50013, 50007). 401 on the interaction webhook: its token is invalid. */
const PERMANENT_STATUS = new Set([403, 404]);

/** Thrown when a round has neither a bot token nor an interaction token to post with. */
class NoWayToPost extends Error {
  readonly status = 404;
  constructor() {
    super("no way to post here (set DISCORD_TOKEN)");
  }
}

/** The message nonce for a post's key (Discord allows 25 characters). */
export function deliveryNonce(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 25);
}

export function discordMessenger(rest: DiscordRest): Messenger {
  const viaWebhook = !rest.hasBotToken;
  return {
    async post(target, reply, opts) {
      const m = toMessage({ ...reply, private: false }, reply.locale ?? "en");
      if (rest.hasBotToken) {
        const body = opts?.key
          ? { ...m.body, nonce: deliveryNonce(opts.key), enforce_nonce: true }
          : m.body;
        const sent = await rest.channelMessage(target.channelId, { ...m, body });
        return { channelId: target.channelId, id: sent.id };
      }
      // Webhooks have no nonce: a re-post after a crash may appear twice.
      if (target.replyRef) {
        const sent = await rest.followUp(target.replyRef, m);
        return { channelId: target.channelId, id: sent.id };
      }
      throw new NoWayToPost();
    },
    openDm: async (userId) => rest.dmChannel(userId),
    classifySendError: (e) => classifyDiscordError(e, viaWebhook),
    describeSendError: describeDiscordError,
  };
}

export function classifyDiscordError(e: unknown, viaWebhook: boolean): SendFailure {
  const status = (e as { status?: unknown } | null)?.status;
  if (typeof status !== "number") return "retry";
  return PERMANENT_STATUS.has(status) || (viaWebhook && status === 401) ? "permanent" : "retry";
}

export function describeDiscordError(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown } | null;
  const message = typeof err?.message === "string" ? err.message : String(e);
  return `${message}${err?.code !== undefined ? ` (code ${String(err.code)})` : ""}`;
}

/** Scheduled lessons and reminders as the bot (only with DISCORD_TOKEN: webhooks expire). */
export function discordLessonSender(rest: DiscordRest): LessonSender {
  return lessonSender(DISCORD, discordMessenger(rest));
}

/** A Discord failure as the scheduler's SendError (permanent when no retry can help). */
export function asSendError(e: unknown, where: string): SendError {
  return sendError(classifyDiscordError(e, false), `${where}: ${describeDiscordError(e)}`);
}
