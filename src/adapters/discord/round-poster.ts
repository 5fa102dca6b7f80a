// Drives channel rounds on Discord: on every tick (and after every interaction) asks the core to
// advance rounds whose deadline passed (or to hand back a step saved but never posted), posts the
// reveal, next question or scoreboard, and tells the core whether that worked. Ticks are
// serialised within one process; across processes the core's version guard decides.
import { createHash } from "node:crypto";
import type { Services } from "../../core/commands/types";
import {
  advanceDueRounds,
  roundPosted,
  roundUndeliverable,
  type RoundEvent,
} from "../../core/rounds/channel-round";
import type { Logger } from "../../core/ports/logger";
import { toMessage, type DiscordMessage } from "./render";
import type { DiscordRest } from "./rest";
import { UnavailableError } from "../../core/errors";

export interface RoundPoster {
  tick(): Promise<void>;
  start(intervalMs: number): void;
  stop(): void;
}

/**
 * Answers after which posting this round can never work: 404 (unknown channel or webhook, e.g.
 * an expired interaction token), 403 (the bot lost access), and 401 on the interaction webhook
 * (invalid token). Anything else (5xx, network) may pass later: the core re-posts the step.
 */
export function undeliverable(e: unknown, viaWebhook: boolean): boolean {
  const status = (e as { status?: unknown } | null)?.status;
  return status === 404 || status === 403 || (viaWebhook && status === 401);
}

/** Thrown when a round has neither a bot token nor an interaction token to post with. */
class NoWayToPost extends Error {
  readonly status = 404;
  constructor() {
    super("round has no way to post (set DISCORD_TOKEN)");
  }
}

/**
 * Same step, same reply → same nonce; with enforce_nonce Discord returns the message it already
 * created for a nonce seen in the last few minutes instead of posting it twice (bot messages only;
 * webhooks have no such key).
 */
function withNonce(m: DiscordMessage, ev: RoundEvent, i: number): DiscordMessage {
  const nonce = createHash("sha256")
    .update(`${ev.round.id}:${ev.round.position}:${ev.round.status}:${i}`)
    .digest("base64url")
    .slice(0, 25);
  return { ...m, body: { ...m.body, nonce, enforce_nonce: true } };
}

export function createRoundPoster(
  services: Services,
  rest: DiscordRest,
  logger: Logger,
): RoundPoster {
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function post(ev: RoundEvent) {
    for (const [i, r] of ev.replies.entries()) {
      const m = toMessage({ ...r, private: false }, ev.round.locale);
      // With a bot token post to the channel (no expiry); in HTTP-only mode use the starting
      // interaction's webhook, valid for 15 minutes (the core refuses rounds that could outlast it).
      if (rest.hasBotToken) await rest.channelMessage(ev.round.channelId, withNonce(m, ev, i));
      else if (ev.round.messageRef) await rest.followUp(ev.round.messageRef, m);
      else throw new NoWayToPost();
    }
  }

  async function deliver(ev: RoundEvent) {
    const where = {
      round: ev.round.id,
      channel: ev.round.channelId,
      position: ev.round.position,
      reposted: ev.reposted,
    };
    try {
      await post(ev);
    } catch (e) {
      if (!undeliverable(e, !rest.hasBotToken)) {
        logger.warn(
          { ...where, err: String(e) },
          "posting round update failed; it will be posted again",
        );
        return;
      }
      const cancelled = await roundUndeliverable(services, ev);
      logger.error(
        { ...where, err: String(e), cancelled },
        "round messages cannot be posted to this channel; round cancelled",
      );
      return;
    }
    await roundPosted(services, ev);
  }

  async function once() {
    const events = await advanceDueRounds(services, { platform: "discord" });
    // One round's failure (even the database refusing the confirmation) must not hold up the others.
    for (const ev of events)
      await deliver(ev).catch((e) =>
        logger.error({ round: ev.round.id, err: String(e) }, "round update failed"),
      );
  }

  return {
    tick() {
      // A database outage is not a bug here: the next tick tries again.
      chain = chain
        .then(once)
        .catch((e) =>
          (e instanceof UnavailableError ? logger.warn : logger.error)(
            { err: String(e) },
            "round tick failed",
          ),
        );
      return chain;
    },
    start(intervalMs) {
      timer = setInterval(() => {
        void this.tick();
      }, intervalMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
    },
  };
}
