// A dashboard page whose database is away answers with an HTML "try again" page (503), not the
// server's JSON error, and a bug with a 500 page that is logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerDashboard } from "../../src/app/dashboard/routes";
import { createHttpServer, type HttpServer } from "../../src/app/http-server";
import { loadContent } from "../../src/app/content-files";
import { FakeClock } from "../../src/core/clock";
import { UnavailableError } from "../../src/core/errors";
import type { Store } from "../../src/core/ports/store";
import { recordingLogger } from "../helpers/app";

let http: HttpServer;
let base: string;
let failure: Error;
const logger = recordingLogger();

beforeAll(async () => {
  // Only the session lookup is reached before the failure.
  const store = {
    dashboard: {
      getSession: async () => {
        throw failure;
      },
    },
  } as unknown as Store;
  http = createHttpServer(logger);
  registerDashboard(
    http,
    {
      index: loadContent("content"),
      store,
      clock: new FakeClock(),
      prices: { inputPerMTok: 0, outputPerMTok: 0 },
      baseUrl: "http://localhost",
    },
    logger,
  );
  base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}`;
});

afterAll(() => http?.close(1000));

const cookie = { cookie: `coursebot_dashboard=${"a".repeat(43)}` };

describe("dashboard failures", () => {
  it("database away: 503 page saying to try again", async () => {
    failure = new UnavailableError("database unavailable", new Error("ECONNREFUSED"));
    const res = await fetch(`${base}/dashboard/class`, { headers: cookie });
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("briefly unavailable");
  });

  it("a bug: 500 page, logged", async () => {
    failure = new Error("boom");
    const res = await fetch(`${base}/dashboard/lessons`, { headers: cookie });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("boom");
    expect(logger.lines.some((l) => l.msg === "dashboard page failed")).toBe(true);
  });
});
