// Drives channel rounds on Discord: on every tick (and after every interaction) asks the core to
// advance rounds whose deadline passed, then posts the reveal, next question or scoreboard.
// Ticks are serialised within one process; across processes the core's version guard decides.
import type { Services } from "../../core/commands/types";
import { advanceDueRounds, type RoundEvent } from "../../core/rounds/channel-round";
import type { Logger } from "../../core/ports/logger";
import { toMessage } from "./render";
import type { DiscordRest } from "./rest";

export interface RoundPoster { tick(): Promise<void>; start(intervalMs: number): void; stop(): void }

export function createRoundPoster(services: Services, rest: DiscordRest, logger: Logger): RoundPoster {
  let chain: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function post(ev: RoundEvent) {
    for (const r of ev.replies) {
      const m = toMessage({ ...r, private: false }, ev.round.locale);
      // With a bot token post to the channel (no expiry); in HTTP-only mode use the starting
      // interaction's webhook, valid for 15 minutes (a full 20-question round at 20 s fits).
      if (rest.hasBotToken) await rest.channelMessage(ev.round.channelId, m);
      else if (ev.round.messageRef) await rest.followUp(ev.round.messageRef, m);
      else logger.warn({ round: ev.round.id }, "round has no way to post (set DISCORD_TOKEN)");
    }
  }

  async function once() {
    const events = await advanceDueRounds(services, { platform: "discord" });
    for (const ev of events) await post(ev).catch((e) => logger.error({ round: ev.round.id, err: String(e) }, "posting round update failed"));
  }

  return {
    tick() {
      chain = chain.then(once).catch((e) => logger.error({ err: String(e) }, "round tick failed"));
      return chain;
    },
    start(intervalMs) {
      timer = setInterval(() => { void this.tick(); }, intervalMs);
      timer.unref();
    },
    stop() { if (timer) clearInterval(timer); },
  };
}
