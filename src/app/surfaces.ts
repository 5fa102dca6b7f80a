// Starts the configured surfaces around a built App: the HTTP server (health, metrics, the
// instructor dashboard and the platforms' HTTP endpoints), every platform the registry (platforms/registry.ts) finds turned
// on, and the lesson scheduler over their senders. No platform is named here.
import type { RunningPlatform } from "../adapters/platform/contract";
import type { LessonSender } from "../core/ports/lesson-sender";
import type { Logger } from "../core/ports/logger";
import type { DiscordSurface } from "./platforms/discord-surface";
import { DISCORD } from "../adapters/discord/identity";
import { SLACK } from "../adapters/slack/identity";
import { CONSOLE } from "../adapters/console/identity";
import type { App } from "./app";
import { healthRoute, metricsRoute } from "./health";
import { createHttpServer, SHUTDOWN_DRAIN_MS, type HttpServer } from "./http-server";
import { newInstanceId } from "./instance-id";
import { publicUrl } from "../config";
import { createDashboardLinks } from "./dashboard/auth";
import { dashboardDeps, startDigestTimer } from "./dashboard/wiring";
import { registerDashboard } from "./dashboard/routes";
import type { ConsoleRuntime } from "./platforms/console";
import { PLATFORM_MODULES, type PlatformModule, type PlatformOptions } from "./platforms/registry";
import type { SlackRuntime } from "./platforms/slack";
import { createDeliveryLease } from "./scheduler/delivery-lease";
import { createScheduler, type Scheduler } from "./scheduler/scheduler";

export interface Surfaces {
  http?: HttpServer;
  port?: number;
  scheduler?: Scheduler;
  /** Every platform started, in registry order. */
  platforms: RunningPlatform[];
  discord?: DiscordSurface;
  slack?: SlackRuntime;
  console?: ConsoleRuntime;
  /** Stops in order: the HTTP server (no new requests, in-flight ones finish), the platforms
   *  (each waits for work it already accepted), the scheduler. One drainMs budget for all the waiting. */
  stop(drainMs?: number): Promise<void>;
}

export type SurfaceOptions = PlatformOptions & {
  /** Platforms to choose from (default: the registry's). */
  modules?: readonly PlatformModule[];
};

export const DEFAULT_PORT = 3000;

export async function startSurfaces(
  app: App,
  logger: Logger,
  opts: SurfaceOptions = {},
): Promise<Surfaces> {
  const { config } = app;
  const modules = (opts.modules ?? PLATFORM_MODULES).filter((m) => m.enabled(config, opts));
  // One id for this process in every claim it makes in the database (lessons, the gateway lease).
  const instanceId = newInstanceId();
  // Each stop gets the time left until the shared shutdown deadline.
  const stops: ((leftMs: () => number) => Promise<void>)[] = [];
  let http: HttpServer | undefined;
  let port: number | undefined;
  // Dashboard links point at PUBLIC_URL, else at this machine on the port actually bound.
  let baseUrl = publicUrl(config);
  const dashboard = dashboardDeps(app, () => baseUrl);
  if (config.PORT !== undefined || modules.some((m) => m.needsHttp(config))) {
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
  const platforms: RunningPlatform[] = [];
  for (const m of modules) {
    const running = await m.start(app, { logger, http, instanceId, opts });
    if (!running) continue;
    platforms.push(running);
    stops.push((left) => running.stop(left()));
  }
  const senders = platforms.flatMap((p) => (p.sender ? [p.sender] : []));
  app.services.lessonPlatforms = new Set(senders.map((s) => s.platform));
  const scheduler = startScheduler(app, logger, senders, instanceId, dashboard);
  if (scheduler) stops.push(scheduler.stop);
  if (http) {
    port = await http.listen(config.PORT ?? DEFAULT_PORT, config.HOST);
    if (!config.PUBLIC_URL) baseUrl = `http://localhost:${port}`;
    logger.info({ port }, "http server listening");
    const server = http;
    stops.unshift((left) => server.close(left()));
  }
  const named = (name: string) => platforms.find((p) => p.name === name);
  return {
    http,
    port,
    scheduler: scheduler?.scheduler,
    platforms,
    discord: named(DISCORD.name) as DiscordSurface | undefined,
    slack: named(SLACK.name) as SlackRuntime | undefined,
    console: named(CONSOLE.name) as ConsoleRuntime | undefined,
    async stop(drainMs = SHUTDOWN_DRAIN_MS) {
      const deadline = Date.now() + drainMs;
      const left = () => Math.max(0, deadline - Date.now());
      for (const s of stops)
        await s(left).catch((e) => logger.error({ err: String(e) }, "stop failed"));
    },
  };
}

/** The weekly-lesson scheduler over every started platform's sender (SCHEDULER=on). */
function startScheduler(
  app: App,
  logger: Logger,
  senders: LessonSender[],
  instanceId: string,
  dashboard: ReturnType<typeof dashboardDeps>,
): { scheduler: Scheduler; stop: () => Promise<void> } | undefined {
  const { config } = app;
  if (config.SCHEDULER !== "on" || !senders.length) return undefined;
  const { store, clock } = app.services;
  // One deliverer at a time among instances sharing the database (see delivery-lease.ts).
  const lease = createDeliveryLease({
    leases: store.leases,
    platforms: senders.map((s) => s.platform),
    instanceId,
    clock,
    logger,
  });
  const scheduler = createScheduler({
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
  scheduler.start();
  // The weekly staff digest goes out through the same senders.
  const digests = startDigestTimer({ ...dashboard, senders, logger });
  logger.info(
    {
      platforms: senders.map((s) => s.platform),
      tick: config.LESSON_TICK_CRON,
      instance: scheduler.instanceId,
    },
    "lesson scheduler started",
  );
  return {
    scheduler,
    async stop() {
      digests.stop();
      await scheduler.stop();
      await lease.stop();
    },
  };
}
