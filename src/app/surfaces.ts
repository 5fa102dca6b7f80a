// Starts the configured surfaces around a built App: the HTTP server (health, metrics and the
// platforms' HTTP endpoints) and each chat platform. Each platform adds one block here.
import type { Logger } from "../core/ports/logger";
import type { App } from "./app";
import { healthRoute, metricsRoute } from "./health";
import { createHttpServer, type HttpServer } from "./http-server";
import { platformsConfigured } from "../config";

export interface Surfaces { http?: HttpServer; port?: number; stop(): Promise<void> }

export const DEFAULT_PORT = 3000;

export async function startSurfaces(app: App, logger: Logger): Promise<Surfaces> {
  const { config } = app;
  const platforms = platformsConfigured(config);
  const stops: (() => Promise<void>)[] = [];
  const needHttp = config.PORT !== undefined || platforms.discordHttp || platforms.slackHttp;
  let http: HttpServer | undefined;
  let port: number | undefined;
  if (needHttp) {
    http = createHttpServer(logger);
    http.route(healthRoute(app));
    http.route(metricsRoute(app));
  }
  // Platform adapters register their routes and clients here (Discord, Slack, scheduler).
  if (http) {
    port = await http.listen(config.PORT ?? DEFAULT_PORT, config.HOST);
    logger.info({ port }, "http server listening");
    const server = http;
    stops.unshift(() => server.close());
  }
  return {
    http,
    port,
    async stop() {
      for (const s of stops) await s().catch((e) => logger.error({ err: String(e) }, "stop failed"));
    },
  };
}
