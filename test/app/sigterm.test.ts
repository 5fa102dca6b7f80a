// SIGTERM while a request is in flight: the app stops accepting new work, lets the in-flight
// request finish with its normal answer, closes the database and exits 0. The same for Slack
// work that Slack already got its 200 for: the reply still goes out before the database closes.
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postSigned, startFakeSlack, type SlackCall } from "../helpers/fake-slack";
import { freePort } from "../helpers/http";
import { respondedAt } from "../helpers/slack-app";
import { spawnApp, waitForHealthy } from "../helpers/spawn-app";

const dir = mkdtempSync(join(tmpdir(), "coursebot-sigterm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(false);
    });
    s.once("error", () => resolve(true));
  });

describe("SIGTERM", () => {
  it("finishes the in-flight request, refuses new work, closes the database and exits 0", async () => {
    const port = await freePort();
    const app = spawnApp({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "app.db")}`,
      LOG_LEVEL: "info",
    });
    await waitForHealthy(port, app);

    // A slow request: headers sent, body still streaming, so the server is mid-request.
    let inFlight!: ReturnType<typeof request>;
    const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/healthz",
          method: "GET",
          headers: { "transfer-encoding": "chunked" },
        },
        (res) => {
          let body = "";
          res.on("data", (c: Buffer) => {
            body += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
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

  it("Slack HTTP mode: a request acknowledged before SIGTERM is still answered before the database closes", async () => {
    const fake = await startFakeSlack();
    const secret = "0cc175b9c0f1b6a831c399e269772661";
    const port = await freePort();
    const app = spawnApp({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, "slack.db")}`,
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "xoxb-sigterm-test",
      SLACK_SIGNING_SECRET: secret,
      SLACK_API_URL: fake.url,
    });
    try {
      await waitForHealthy(port, app);
      // The /quiz listener parks at its first Web API call (users.info) until released.
      const release = fake.hold("users.info");
      const url = fake.responseUrl();
      const body = new URLSearchParams({
        team_id: "T1",
        channel_id: "C1",
        user_id: "ULATE",
        command: "/coursebot",
        text: "quiz topic:units",
        response_url: url,
        trigger_id: "t1",
      }).toString();
      const ack = await postSigned(`http://127.0.0.1:${port}/slack/events`, secret, body, "form");
      expect(ack.status).toBe(200); // Slack has its answer; the work has not started
      await fake.waitFor((c) => c.method === "users.info" && c.body.user === "ULATE", "users.info");

      app.child.kill("SIGTERM");
      await app.waitForLog("waiting for acknowledged Slack requests to finish");
      expect(await refused(port)).toBe(true);

      release();
      // The quiz intro, then the first question (which needed the database): both reach Slack
      // before the database is closed.
      const isQuestion = (c: SlackCall) =>
        (c.body.blocks ?? []).some((b: { block_id?: string }) =>
          String(b.block_id ?? "").startsWith("cbq."),
        );
      await fake.waitFor((c) => respondedAt(url)(c) && isQuestion(c), "the first question");
      expect(app.output()).not.toContain("database closed");
      expect(fake.calls.filter(respondedAt(url)).map((c) => c.status)).toEqual([200, 200]);

      expect(await app.exited).toBe(0);
      const out = app.output();
      expect(out).toContain("database closed");
      expect(out).not.toContain("slack listener failed");
      expect(out).not.toContain("still running at the shutdown deadline");
    } finally {
      if (app.child.exitCode === null) app.child.kill("SIGKILL");
      await fake.close();
    }
  });
});
