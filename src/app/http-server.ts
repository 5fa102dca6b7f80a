// The one HTTP server: POST /discord/interactions, POST /slack/events, GET /healthz,
// GET /metrics. Surfaces register routes; the server reads raw bodies (signature checks need
// the exact bytes), caps their size, and tracks in-flight requests for graceful shutdown.
import { sendJson, type Route } from "../adapters/platform/http";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Logger } from "../core/ports/logger";

export const MAX_BODY_BYTES = 1_000_000;
/** How long shutdown waits for requests in flight (and work acknowledged but unfinished) in all. */
export const SHUTDOWN_DRAIN_MS = 10_000;
/** A request must arrive whole (headers and body) within this long; slower senders get 408.
 *  Platforms send small bodies at once; without a bound a trickling client holds a slot for
 *  Node's default of 300 s. */
export const REQUEST_TIMEOUT_MS = 15_000;
export const HEADERS_TIMEOUT_MS = 10_000;

export type { Route, RouteHandler } from "../adapters/platform/http";
export { sendJson };

export interface HttpServer {
  server: Server;
  route(r: Route): void;
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections and waits for in-flight requests (up to timeoutMs). */
  close(timeoutMs?: number): Promise<void>;
  inFlight(): number;
}

/** Past the size limit the rest of a body is read and dropped (so the client gets its 413 rather
 *  than a reset connection) up to this much more; a sender of more than that is cut off. */
const DISCARD_BYTES = 16 * MAX_BODY_BYTES;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > limit + DISCARD_BYTES) req.destroy();
      else if (size <= limit) chunks.push(c);
    });
    req.on("end", () =>
      size > limit
        ? reject(Object.assign(new Error("body too large"), { status: 413 }))
        : resolve(Buffer.concat(chunks)),
    );
    // The client went away (or was cut off) before sending its whole body: nobody to answer,
    // and nothing wrong on our side, so no error line.
    req.on("close", () => {
      if (!req.complete)
        reject(
          Object.assign(new Error("request aborted by the client"), { status: 400, aborted: true }),
        );
    });
    req.on("error", () => {});
  });
}

export function createHttpServer(
  logger: Logger,
  opts: { requestTimeoutMs?: number } = {},
): HttpServer {
  const routes: Route[] = [];
  let active = 0;
  let closing = false;
  const open = new Map<ServerResponse, Route>();
  const server = createServer(
    {
      requestTimeout: opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, opts.requestTimeoutMs ?? HEADERS_TIMEOUT_MS),
      connectionsCheckingInterval: 1_000,
    },
    async (req, res) => {
      const path = (req.url ?? "/").split("?")[0];
      const route = routes.find((r) => r.path === path && r.method === req.method);
      if (!route) {
        const known = routes.some((r) => r.path === path);
        sendJson(res, known ? 405 : 404, { error: known ? "method not allowed" : "not found" });
        return;
      }
      if (closing) {
        res.setHeader("connection", "close");
        sendJson(res, 503, { error: "shutting down" });
        return;
      }
      active++;
      open.set(res, route);
      res.on("close", () => {
        active--;
        open.delete(res);
        // While shutting down, a finished keep-alive connection would hold close() open until its
        // idle timeout; drop it as soon as its last response is out.
        if (closing) setImmediate(() => server.closeIdleConnections());
      });
      try {
        if (route.raw) {
          route.raw(req, res);
          return;
        }
        const body = await readBody(req);
        await route.handler(req, res, body);
      } catch (e) {
        const status = (e as { status?: number }).status ?? 500;
        if (status >= 500) logger.error({ path, err: (e as Error).message }, "http handler failed");
        if ((e as { aborted?: boolean }).aborted) return;
        if (status === 413) res.setHeader("connection", "close");
        if (!res.headersSent)
          sendJson(res, status, {
            error:
              status === 413
                ? "body too large"
                : status < 500
                  ? (e as Error).message
                  : "internal error",
          });
        else res.end();
      }
    },
  );
  server.keepAliveTimeout = 5_000;
  return {
    server,
    route: (r) => {
      routes.push(r);
    },
    listen: (port, host = "0.0.0.0") =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          server.off("error", reject);
          const addr = server.address();
          resolve(typeof addr === "object" && addr ? addr.port : port);
        });
      }),
    async close(timeoutMs = SHUTDOWN_DRAIN_MS) {
      closing = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(async () => {
          // Time is up: whoever is still waiting hears "try again", then the connections go.
          const told = [...open]
            .filter(([res]) => !res.headersSent)
            .map(([res, route]) => {
              const done = new Promise<void>((r) => {
                res.once("finish", () => r());
                res.once("close", () => r());
              });
              try {
                res.setHeader("connection", "close");
                if (route.unfinished) route.unfinished(res);
                else sendJson(res, 503, { error: "shutting down; try again" });
              } catch {
                /* the socket is already gone */
              }
              return done;
            });
          if (told.length) {
            logger.warn(
              { requests: told.length },
              "requests unfinished at the shutdown deadline were told to try again",
            );
            await Promise.race([Promise.all(told), new Promise((r) => setTimeout(r, 500))]);
          }
          server.closeAllConnections();
          resolve();
        }, timeoutMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
    },
    inFlight: () => active,
  };
}
