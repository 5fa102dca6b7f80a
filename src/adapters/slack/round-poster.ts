// Drives channel rounds (/quiz mode:channel) on Slack: every second (and after every answer)
// asks the core to advance Slack rounds whose deadline passed, then posts the reveal, the next
// question or the scoreboard into the round's channel with chat.postMessage. Nothing is kept
// in memory: a restarted app (or another instance) picks up where the database says the round
// is, and the core's version guard lets exactly one of them post each step.
import type { webApi } from "@slack/bolt";
import type { Services } from "../../core/commands/types";
import type { Logger } from "../../core/ports/logger";
import { advanceDueRounds, type RoundEvent } from "../../core/rounds/channel-round";
import { toMessage } from "./blocks";

export interface RoundPoster { tick(): Promise<void>; start(intervalMs: number): void; stop(): Promise<void> }

export function createSlackRoundPoster(services: Services, client: webApi.WebClient, logger: Logger): RoundPoster {
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function post(ev: RoundEvent) {
    for (const r of ev.replies) {
      await client.chat.postMessage({ channel: ev.round.channelId, ...toMessage({ ...r, private: false, locale: r.locale ?? ev.round.locale }), unfurl_links: false });
    }
  }

  async function once() {
    const events = await advanceDueRounds(services, { platform: "slack" });
    for (const ev of events) await post(ev).catch((e) => logger.error({ round: ev.round.id, channel: ev.round.channelId, err: String(e) }, "posting slack round update failed"));
  }

  return {
    tick() {
      // Serialised within the process; a failing tick (database outage) must not stop the next.
      chain = chain.then(once).catch((e) => logger.error({ err: String(e) }, "slack round tick failed"));
      return chain;
    },
    start(intervalMs) {
      if (timer) return;
      timer = setInterval(() => { void this.tick(); }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await chain;
    },
  };
}
