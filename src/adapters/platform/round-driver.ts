// Drives channel rounds on one platform, written once: on every tick (and after every answer)
// asks the core to advance this platform's rounds whose deadline passed (or to hand back a step
// saved but never posted), posts the reveal, next question or scoreboard, and tells the core
// whether that worked. Nothing is kept in memory: a restarted app (or another instance) picks up
// where the database says the round is, and the core's version guard lets exactly one of them
// post each step. Ticks are serialised within one process.
import { createHash } from "node:crypto";
import { UnavailableError } from "../../core/errors";
import type { Logger } from "../../core/ports/logger";
import type { RoundEvent } from "../../core/rounds/channel-round";
import type { Messenger, PlatformIdentity, RoundsPort } from "./contract";

export interface RoundDriver {
  tick(): Promise<void>;
  start(intervalMs: number): void;
  /** Stops the timer and waits for the tick in progress. */
  stop(): Promise<void>;
}

/** Same step, same reply → same key, so a re-post after a crash can be recognised. */
export function stepKey(ev: RoundEvent, i: number): string {
  return createHash("sha256")
    .update(`${ev.round.id}:${ev.round.position}:${ev.round.status}:${i}`)
    .digest("base64url")
    .slice(0, 25);
}

export function createRoundDriver(o: {
  platform: PlatformIdentity;
  rounds: RoundsPort;
  messenger: Messenger;
  logger: Logger;
}): RoundDriver {
  const { messenger, logger } = o;
  const source = o.platform.name;
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function post(ev: RoundEvent) {
    const target = { channelId: ev.round.channelId, replyRef: ev.round.messageRef ?? undefined };
    for (const [i, r] of ev.replies.entries())
      await messenger.post(
        target,
        { ...r, private: false, locale: r.locale ?? ev.round.locale },
        {
          key: stepKey(ev, i),
        },
      );
  }

  async function deliver(ev: RoundEvent) {
    const where = {
      source,
      round: ev.round.id,
      channel: ev.round.channelId,
      position: ev.round.position,
      reposted: ev.reposted,
    };
    try {
      await post(ev);
    } catch (e) {
      const err = messenger.describeSendError(e);
      // Channel gone, bot not in it, token expired…: no retry can post there. Anything else may pass later.
      if (messenger.classifySendError(e) === "retry") {
        logger.warn({ ...where, err }, "posting round update failed; it will be posted again");
        return;
      }
      const cancelled = await o.rounds.undeliverable(ev);
      logger.error(
        { ...where, err, cancelled },
        "round messages cannot be posted to this channel; round cancelled",
      );
      return;
    }
    await o.rounds.posted(ev);
  }

  async function once() {
    const events = await o.rounds.advanceDue(source);
    // One round's failure (even the database refusing the confirmation) must not hold up the others.
    for (const ev of events)
      await deliver(ev).catch((e) =>
        logger.error(
          { source, round: ev.round.id, channel: ev.round.channelId, err: String(e) },
          "round update failed",
        ),
      );
  }

  return {
    tick() {
      // A database outage is not a bug here: the next tick tries again.
      chain = chain
        .then(once)
        .catch((e) =>
          (e instanceof UnavailableError ? logger.warn : logger.error)(
            { source, err: String(e) },
            "round tick failed",
          ),
        );
      return chain;
    },
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => {
        void this.tick();
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await chain;
    },
  };
}
