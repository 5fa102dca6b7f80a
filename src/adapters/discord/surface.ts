// Starts Discord for `npm start`: the shared translation layer, the HTTP interactions endpoint
// (DISCORD_PUBLIC_KEY), the gateway client or a ShardingManager (DISCORD_TOKEN,
// DISCORD_SHARDS), and the channel-round ticker. Follow-ups in flight are awaited on stop.
import { fileURLToPath } from "node:url";
import { ShardingManager } from "discord.js";
import type { App } from "../../app/app";
import type { HttpServer } from "../../app/http-server";
import type { Logger } from "../../core/ports/logger";
import { startGateway, type Gateway } from "./gateway";
import { mountInteractions } from "./http-mode";
import { createInteractionHandler } from "./interactions";
import { createDiscordRest } from "./rest";
import { createRoundPoster } from "./round-poster";
import { discordLessonSender } from "./lesson-sender";
import type { LessonSender } from "../../core/ports/lesson-sender";

export interface DiscordOptions {
  /** Wait this long for the core before deferring (default 1500 ms; 0 = always defer). */
  deferAfterMs?: number;
  /** How often to advance channel rounds (default 1000 ms). */
  tickMs?: number;
  /** Connect to the gateway when DISCORD_TOKEN is set (default true). */
  gateway?: boolean;
}

export interface DiscordSurface {
  /** Advances due channel rounds now and posts their messages. */
  tick(): Promise<void>;
  /** Resolves when every follow-up started so far has been sent. */
  idle(): Promise<void>;
  /** Posts scheduled lessons and reminders as the bot (only with DISCORD_TOKEN: webhooks expire). */
  sender?: LessonSender;
  stop(): Promise<void>;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

export function createDiscordCore(app: App, logger: Logger, opts: DiscordOptions & { threadsAvailable?: () => boolean } = {}) {
  const { config } = app;
  const rest = createDiscordRest({ applicationId: config.DISCORD_APPLICATION_ID!, token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL });
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch((e) => logger.error({ err: String(e) }, "discord background work failed")).finally(() => pending.delete(q));
    pending.add(q);
  };
  const poster = createRoundPoster(app.services, rest, logger);
  let threads = opts.threadsAvailable ?? (() => false);
  const handle = createInteractionHandler({
    bot: app.bot, index: app.services.index, rest, logger,
    deferAfterMs: opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    threadsAvailable: () => threads(),
    track,
    afterInteraction: () => track(poster.tick()),
  });
  const idle = async () => { while (pending.size) await Promise.all([...pending]); };
  return { rest, handle, poster, idle, track, setThreads: (f: () => boolean) => { threads = f; } };
}

export async function startDiscord(app: App, http: HttpServer | undefined, logger: Logger, opts: DiscordOptions = {}): Promise<DiscordSurface | undefined> {
  const { config } = app;
  if (!config.DISCORD_APPLICATION_ID || (!config.DISCORD_PUBLIC_KEY && !config.DISCORD_TOKEN)) return undefined;
  const core = createDiscordCore(app, logger, opts);
  if (config.DISCORD_PUBLIC_KEY && http) {
    mountInteractions(http, config.DISCORD_PUBLIC_KEY, core.handle, logger);
    logger.info({ path: "/discord/interactions" }, "discord HTTP interactions enabled");
  }
  let gateway: Gateway | undefined;
  let manager: ShardingManager | undefined;
  if (config.DISCORD_TOKEN && opts.gateway !== false) {
    if (config.DISCORD_SHARDS !== undefined) {
      // Each shard is a child process running shard-process.ts with its own gateway client.
      manager = new ShardingManager(fileURLToPath(new URL("./shard-process.ts", import.meta.url)), {
        token: config.DISCORD_TOKEN, totalShards: config.DISCORD_SHARDS, execArgv: ["--import", "tsx"], respawn: true,
      });
      manager.on("shardCreate", (s) => logger.info({ shard: s.id }, "discord shard launched"));
      await manager.spawn();
    } else {
      gateway = await startGateway({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL, bot: app.bot, rest: core.rest, handle: core.handle, logger });
      const gw = gateway;
      core.setThreads(() => gw.contentIntent);
    }
  }
  if (!config.DISCORD_TOKEN) logger.warn({}, "DISCORD_TOKEN is not set: weekly lessons and review reminders are not posted on Discord");
  core.poster.start(opts.tickMs ?? 1000);
  return {
    tick: () => core.poster.tick(),
    idle: core.idle,
    sender: core.rest.hasBotToken ? discordLessonSender(core.rest) : undefined,
    async stop() {
      core.poster.stop();
      await core.idle();
      await gateway?.stop();
      if (manager) for (const s of manager.shards.values()) s.kill();
    },
  };
}
