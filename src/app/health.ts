// GET /healthz for load balancers and orchestrators: 200 when the database answers and the
// course is loaded, 503 otherwise (a load balancer then routes around this instance while the
// process stays up and recovers by itself). The body says which part failed, never why in detail.
import type { App } from "./app";
import { sendJson, type Route } from "./http-server";

const PING_TIMEOUT_MS = 3_000;

export interface Health {
  ok: boolean;
  body: Record<string, unknown>;
}

export async function checkHealth(
  app: Pick<App, "db" | "services">,
  started = Date.now(),
): Promise<Health> {
  const course = app.services.index.course;
  const content = {
    loaded: course.questions.length > 0,
    questions: course.questions.length,
    lessons: course.lessons.length,
  };
  let database: "ok" | "unreachable" = "ok";
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      app.db.ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("ping timeout")), PING_TIMEOUT_MS);
      }),
    ]);
  } catch {
    database = "unreachable";
  } finally {
    clearTimeout(timer);
  }
  const ok = database === "ok" && content.loaded;
  return {
    ok,
    body: {
      status: ok ? "ok" : "unavailable",
      database,
      provider: app.db.provider,
      content,
      uptimeSeconds: Math.round((Date.now() - started) / 1000),
    },
  };
}

export function healthRoute(app: Pick<App, "db" | "services">): Route {
  const started = Date.now();
  return {
    method: "GET",
    path: "/healthz",
    async handler(_req, res) {
      const h = await checkHealth(app, started);
      res.setHeader("cache-control", "no-store");
      sendJson(res, h.ok ? 200 : 503, h.body);
    },
  };
}

export function metricsRoute(app: Pick<App, "metrics">): Route {
  return {
    method: "GET",
    path: "/metrics",
    async handler(_req, res) {
      const { contentType, body } = await app.metrics.render();
      res.writeHead(200, {
        "content-type": contentType,
        "content-length": Buffer.byteLength(body),
      });
      res.end(body);
    },
  };
}
