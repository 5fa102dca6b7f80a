// Starts the configured surfaces around a built App: the HTTP server (health, metrics, the
// instructor dashboard and the platforms' HTTP endpoints) and each chat platform. Each platform
// adds one block here.
import type { Logger } from "../core/ports/logger";
import type { App } from "./app";
import { healthRoute, metricsRoute } from "./health";
import { createHttpServer, SHUTDOWN_DRAIN_MS, type HttpServer } from "./http-server";
import { platformsConfigured, publicUrl } from "../config";
import { createDashboardLinks } from "./dashboard/auth";
import { dashboardDeps, startDigestTimer } from "./dashboard/wiring";
import { registerDashboard } from "./dashboard/routes";
import type { SlackRuntime, SlackStartOptions } from "./slack-surface";
import type { LessonSender } from "../core/ports/lesson-sender";
import { createDeliveryLease } from "./scheduler/delivery-lease";
import { createScheduler, type Scheduler } from "./scheduler/scheduler";
import { newInstanceId } from "./instance-id";
import type { DiscordOptions, DiscordSurface } from "../adapters/discord/surface";

export interface Surfaces {
  http?: HttpServer;
  port?: number;
  scheduler?: Scheduler;
  discord?: DiscordSurface;
  slack?: SlackRuntime;
  /** Stops in order: the HTTP server (no new requests, in-flight ones finish), the platforms
   *  (Slack waits for work it already acknowledged), the scheduler. One drainMs budget for all the waiting. */
  stop(drainMs?: number): Promise<void>;
}

export interface SurfaceOptions {
  /** Lesson senders for surfaces started outside (the terminal chat's console sender). */
  senders?: LessonSender[];
  discord?: DiscordOptions;
  slack?: SlackStartOptions;
}

export const DEFAULT_PORT = 3000;

export async function startSurfaces(
  app: App,
  logger: Logger,
  opts: SurfaceOptions = {},
): Promise<Surfaces> {
  const { config } = app;
  // Each platform block pushes its LessonSender here; the scheduler starts once all are known.
  const senders: LessonSender[] = [...(opts.senders ?? [])];
  const platforms = platformsConfigured(config);
  // One id for this process in every claim it makes in the database (lessons, the gateway lease).
  const instanceId = newInstanceId();
  // Each stop gets the time left until the shared shutdown deadline.
  const stops: ((leftMs: () => number) => Promise<void>)[] = [];
  const needHttp = config.PORT !== undefined || platforms.discordHttp || platforms.slackHttp;
  let http: HttpServer | undefined;
  let port: number | undefined;
  // Dashboard links point at PUBLIC_URL, else at this machine on the port actually bound.
  let baseUrl = publicUrl(config);
  const dashboard = dashboardDeps(app, () => baseUrl);
  if (needHttp) {
    http = createHttpServer(logger);
    http.route(healthRoute(app));
    http.route(metricsRoute(app));
    registerDashboard(http, dashboard, logger);
    app.services.dashboard = createDashboardLinks(
      app.services.store,
      app.services.clock,
      () => baseUrl,
    );
  }
  // Platform adapters register their routes and clients here (Discord, Slack, scheduler).
  // Platform SDKs are loaded only when configured: discord.js and Bolt add about a second and
  // tens of MB to start-up for a bot that does not use them.
  const discord =
    platforms.discordGateway || platforms.discordHttp
      ? await (await import("../adapters/discord/surface")).startDiscord(app, http, logger, {
          instanceId,
          ...opts.discord,
        })
      : undefined;
  if (discord) stops.push((left) => discord.stop(left()));
  if (discord?.sender) senders.push(discord.sender);
  let slack: SlackRuntime | undefined;
  if (platforms.slackHttp || platforms.slackSocket) {
    const { startSlack } = await import("./slack-surface");
    const s = await startSlack(app, logger, http, senders, opts.slack);
    slack = s;
    stops.push((left) => s.stop(left()));
  }
  app.services.lessonPlatforms = new Set(senders.map((s) => s.platform));
  let scheduler: Scheduler | undefined;
  if (config.SCHEDULER === "on" && senders.length) {
    const { store, clock } = app.services;
    // One deliverer at a time among instances sharing the database (see delivery-lease.ts).
    const lease = createDeliveryLease({
      leases: store.leases,
      platforms: senders.map((s) => s.platform),
      instanceId,
      clock,
      logger,
    });
    const sched = createScheduler({
      // Read at each tick: a newly published course version reaches lessons without a restart.
      get index() {
        return app.services.index;
      },
      get catalogue() {
        return app.services.catalogue;
      },
      store,
      clock,
      logger,
      senders,
      metrics: app.services.metrics,
      settings: app.services.lessons,
      instanceId,
      tickCron: config.LESSON_TICK_CRON,
      concurrency: config.LESSON_SEND_CONCURRENCY,
      lease,
    });
    lease.run();
    sched.start();
    scheduler = sched;
    const digests = startDigestTimer({ ...dashboard, senders, logger });
    stops.push(async () => {
      digests.stop();
      await sched.stop();
      await lease.stop();
    });
    logger.info(
      {
        platforms: senders.map((s) => s.platform),
        tick: config.LESSON_TICK_CRON,
        instance: sched.instanceId,
      },
      "lesson scheduler started",
    );
  }
  if (http) {
    port = await http.listen(config.PORT ?? DEFAULT_PORT, config.HOST);
    if (!config.PUBLIC_URL) baseUrl = `http://localhost:${port}`;
    logger.info({ port }, "http server listening");
    const server = http;
    stops.unshift((left) => server.close(left()));
  }
  return {
    http,
    port,
    scheduler,
    discord,
    slack,
    async stop(drainMs = SHUTDOWN_DRAIN_MS) {
      const deadline = Date.now() + drainMs;
      const left = () => Math.max(0, deadline - Date.now());
      for (const s of stops)
        await s(left).catch((e) => logger.error({ err: String(e) }, "stop failed"));
    },
  };
}
