// SIGTERM while a request is in flight: the app stops accepting new work, lets the in-flight
// request finish with its normal answer, closes the database and exits 0.
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/http";
import { spawnApp, waitForHealthy } from "../helpers/spawn-app";

const dir = mkdtempSync(join(tmpdir(), "coursebot-sigterm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => { s.destroy(); resolve(false); });
    s.once("error", () => resolve(true));
  });

describe("SIGTERM", () => {
  it("finishes the in-flight request, refuses new work, closes the database and exits 0", async () => {
    const port = await freePort();
    const app = spawnApp({ PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: `file:${join(dir, "app.db")}`, LOG_LEVEL: "info" });
    await waitForHealthy(port, app);

    // A slow request: headers sent, body still streaming, so the server is mid-request.
    let inFlight!: ReturnType<typeof request>;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/healthz", method: "GET", headers: { "transfer-encoding": "chunked" } }, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => { body += c; });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on("error", reject);
      req.write("part one;");
      inFlight = req;
    });
    // Give the server a moment to read the headers (so it holds an active request, not an idle socket).
    await new Promise((r) => setTimeout(r, 300));

    app.child.kill("SIGTERM");
    await app.waitForLog('"shutting down"');
    // New connections are refused while the old one is still being served.
    expect(await refused(port)).toBe(true);
    expect(app.child.exitCode).toBeNull();

    inFlight.end("part two");
    const r = await response;
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ status: "ok", database: "ok" });

    expect(await app.exited).toBe(0);
    expect(app.output()).toContain("database closed");
  });
});
