// Starts Discord for `npm start`: the shared translation layer, the HTTP interactions endpoint
// (DISCORD_PUBLIC_KEY), the gateway (DISCORD_TOKEN) and the channel-round ticker. Follow-ups in
// flight are awaited on stop.
// Of the instances sharing a database only the holder of the gateway lease connects to the
// gateway (a client, or a ShardingManager with DISCORD_SHARDS): see gateway-lease.ts.
import { createInFlight } from "../../adapters/platform/background";
import type { App } from "../app";
import { SHUTDOWN_DRAIN_MS, type HttpServer } from "../http-server";
import { restartingReply } from "../../core/restarting";
import type { Locale } from "../../core/i18n";
import { toMessage } from "../../adapters/discord/render";
import type { LeaseHolder } from "../lease-holder";
import type { Logger } from "../../core/ports/logger";
import { gatewayConnector, type ConnectGateway } from "./discord-gateway-connect";
import { holdGateway } from "./discord-gateway-lease";
import { mountInteractions } from "../../adapters/discord/http-mode";
import { createRequestDedupe } from "../request-dedupe";
import { createInteractionHandler } from "../../adapters/discord/interactions";
import { createDiscordRest } from "../../adapters/discord/rest";
import { createRoundDriver } from "../../adapters/platform/round-driver";
import { roundSteps } from "../../core/rounds/channel-round";
import { discordLessonSender, discordMessenger } from "../../adapters/discord/messenger";
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { RunningPlatform } from "../../adapters/platform/contract";
import { DISCORD } from "../../adapters/discord/identity";

export interface DiscordOptions {
  /** Wait this long for the core before deferring (default 1500 ms; 0 = always defer). */
  deferAfterMs?: number;
  /** How often to advance channel rounds (default 1000 ms). */
  tickMs?: number;
  /** Connect to the gateway when DISCORD_TOKEN is set and this instance holds the lease (default true). */
  gateway?: boolean;
  /** Opens the gateway connection (default: discord.js; tests pass a fake). */
  connectGateway?: ConnectGateway;
  /** This instance's id in the gateway lease (default: host:pid:random). */
  instanceId?: string;
  /** How often to beat the gateway lease (default 10 s; tests pass a long one and beat by hand). */
  leaseBeatMs?: number;
}

export interface DiscordSurface extends RunningPlatform {
  /** Advances due channel rounds now and posts their messages. */
  tick(): Promise<void>;
  /** Resolves when every follow-up started so far has been sent. */
  idle(): Promise<void>;
  /** Posts scheduled lessons and reminders as the bot (only with DISCORD_TOKEN: webhooks expire). */
  sender?: LessonSender;
  /** The gateway lease (with DISCORD_TOKEN): only its holder is connected to the gateway. */
  gatewayLease?: LeaseHolder;
  /** Waits up to drainMs for follow-ups in flight; those unfinished then are told to try again. */
  stop(drainMs?: number): Promise<void>;
}

export const DEFAULT_DEFER_AFTER_MS = 1500;

export function createDiscordCore(
  app: App,
  logger: Logger,
  opts: DiscordOptions & { threadsAvailable?: () => boolean } = {},
) {
  const { config } = app;
  const rest = createDiscordRest({
    applicationId: config.DISCORD_APPLICATION_ID!,
    token: config.DISCORD_TOKEN,
    apiUrl: config.DISCORD_API_URL,
    rateLimitOffsetMs: config.DISCORD_REST_OFFSET_MS,
  });
  const pending = createInFlight();
  const track = (p: Promise<unknown>) => {
    void pending.track(
      p.catch((e) => logger.error({ err: String(e) }, "discord background work failed")),
    );
  };
  const poster = createRoundDriver({
    platform: DISCORD,
    rounds: roundSteps(app.services),
    messenger: discordMessenger(rest),
    logger,
  });
  const unfinished = new Map<string, Locale>();
  let threads = opts.threadsAvailable ?? (() => false);
  const handle = createInteractionHandler({
    bot: app.bot,
    // Read per interaction: a newly published course version is served without a restart.
    get index() {
      return app.services.index;
    },
    rest,
    logger,
    deferAfterMs: opts.deferAfterMs ?? DEFAULT_DEFER_AFTER_MS,
    threadsAvailable: () => threads(),
    track,
    afterInteraction: () => track(poster.tick()),
    unfinished,
  });
  const idle = () => pending.idle();
  /** Waits for follow-ups up to `ms`; deferred answers still unfinished then are told to try again. */
  const settle = async (ms: number) => {
    const done = await pending.drain(ms);
    if (done || !unfinished.size) return;
    logger.warn(
      { interactions: unfinished.size },
      "discord answers unfinished at the shutdown deadline; telling them to try again",
    );
    await Promise.allSettled(
      [...unfinished].map(([token, locale]) =>
        rest.editOriginal(token, toMessage(restartingReply(locale), locale)),
      ),
    );
  };
  return {
    rest,
    handle,
    poster,
    idle,
    settle,
    track,
    setThreads: (f: () => boolean) => {
      threads = f;
    },
  };
}

export async function startDiscord(
  app: App,
  http: HttpServer | undefined,
  logger: Logger,
  opts: DiscordOptions = {},
): Promise<DiscordSurface | undefined> {
  const { config } = app;
  if (!config.DISCORD_APPLICATION_ID || (!config.DISCORD_PUBLIC_KEY && !config.DISCORD_TOKEN))
    return undefined;
  const core = createDiscordCore(app, logger, opts);
  if (config.DISCORD_PUBLIC_KEY && http) {
    const dedupe = createRequestDedupe(app.services.store.seenRequests, app.services.clock, logger);
    mountInteractions(http, config.DISCORD_PUBLIC_KEY, core.handle, logger, {
      firstSeen: (k) => dedupe.firstSeen(k),
    });
    logger.info({ path: "/discord/interactions" }, "discord HTTP interactions enabled");
  }
  let gatewayLease: LeaseHolder | undefined;
  if (config.DISCORD_TOKEN && opts.gateway !== false) {
    gatewayLease = await holdGateway(app, core, logger, {
      connect: opts.connectGateway ?? gatewayConnector(app, core, logger),
      instanceId: opts.instanceId,
      beatMs: opts.leaseBeatMs,
    });
  }
  if (!config.DISCORD_TOKEN)
    logger.warn(
      {},
      "DISCORD_TOKEN is not set: weekly lessons and review reminders are not posted on Discord",
    );
  core.poster.start(opts.tickMs ?? 1000);
  return {
    name: DISCORD.name,
    tick: () => core.poster.tick(),
    idle: core.idle,
    sender: core.rest.hasBotToken ? discordLessonSender(core.rest) : undefined,
    gatewayLease,
    async stop(drainMs = SHUTDOWN_DRAIN_MS) {
      core.poster.stop();
      await core.settle(drainMs);
      // Disconnects, then releases the lease so a peer connects at its next beat.
      await gatewayLease?.stop();
    },
  };
}
