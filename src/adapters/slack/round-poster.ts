// Drives channel rounds (/quiz mode:channel) on Slack: every second (and after every answer)
// asks the core to advance Slack rounds whose deadline passed (or to hand back a step saved but
// never posted), posts the reveal, the next question or the scoreboard into the round's channel
// with chat.postMessage, and tells the core whether that worked. Nothing is kept in memory: a
// restarted app (or another instance) picks up where the database says the round is, and the
// core's version guard lets exactly one of them post each step. Slack has no idempotency key for
// chat.postMessage, so a step re-posted after a crash mid-post may appear twice.
import type { webApi } from "@slack/bolt";
import type { Services } from "../../core/commands/types";
import type { Logger } from "../../core/ports/logger";
import {
  advanceDueRounds,
  roundPosted,
  roundUndeliverable,
  type RoundEvent,
} from "../../core/rounds/channel-round";
import { toMessage } from "./blocks";
import { PERMANENT_SLACK_ERRORS, slackErrorCode } from "./lesson-sender";
import { UnavailableError } from "../../core/errors";

export interface RoundPoster {
  tick(): Promise<void>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createSlackRoundPoster(
  services: Services,
  client: webApi.WebClient,
  logger: Logger,
): RoundPoster {
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function post(ev: RoundEvent) {
    for (const r of ev.replies) {
      await client.chat.postMessage({
        channel: ev.round.channelId,
        ...toMessage({ ...r, private: false, locale: r.locale ?? ev.round.locale }),
        unfurl_links: false,
      });
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
      const code = slackErrorCode(e);
      // Channel gone, bot not in it, archived…: no retry can post there. Anything else may pass later.
      if (!code || !PERMANENT_SLACK_ERRORS.has(code)) {
        logger.warn(
          { ...where, err: code ?? String(e) },
          "posting slack round update failed; it will be posted again",
        );
        return;
      }
      const cancelled = await roundUndeliverable(services, ev);
      logger.error(
        { ...where, err: code, cancelled },
        "slack round messages cannot be posted to this channel; round cancelled",
      );
      return;
    }
    await roundPosted(services, ev);
  }

  async function once() {
    const events = await advanceDueRounds(services, { platform: "slack" });
    // One round's failure (even the database refusing the confirmation) must not hold up the others.
    for (const ev of events)
      await deliver(ev).catch((e) =>
        logger.error(
          { round: ev.round.id, channel: ev.round.channelId, err: String(e) },
          "slack round update failed",
        ),
      );
  }

  return {
    tick() {
      // Serialised within the process; a failing tick (database outage) must not stop the next.
      // A database outage is not a bug here: the next tick tries again.
      chain = chain
        .then(once)
        .catch((e) =>
          (e instanceof UnavailableError ? logger.warn : logger.error)(
            { err: String(e) },
            "slack round tick failed",
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
