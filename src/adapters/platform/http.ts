// How a platform receives requests over the shared HTTP server (app/http-server.ts): the route it
// mounts and the JSON answer helper. Part of the platform contract, so adapters need nothing
// from src/app to serve their endpoints.
import type { IncomingMessage, ServerResponse } from "node:http";

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
) => Promise<void> | void;

/** A handler that wants the untouched request (e.g. a library's own listener) sets raw.
 *  `unfinished` answers a request still unanswered when shutdown's time is up (default: 503
 *  "try again"), so its sender hears "try again" instead of a dropped connection. */
export interface Route {
  method: string;
  path: string;
  handler: RouteHandler;
  raw?: (req: IncomingMessage, res: ServerResponse) => void;
  unfinished?: (res: ServerResponse) => void;
}

/** Where a platform mounts its routes. */
export interface RouteMount {
  route(r: Route): void;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
