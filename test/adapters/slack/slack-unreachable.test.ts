// Slack unreachable at start-up must not take the bot down: the HTTP server starts, health is
// served, Slack events get 503 (Slack retries them) until the Web API can be reached.
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app/app";
import { startSurfaces } from "../../../src/app/surfaces";
import { loadConfig } from "../../../src/config";
import { recordingLogger } from "../../helpers/app";
import { createTestDatabaseUrl } from "../../helpers/db";
import { slackSignature } from "../../helpers/fake-slack";

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe("Slack unreachable at start-up", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("serves health and answers Slack events with 503 while it keeps retrying", async () => {
    const { url, drop } = await createTestDatabaseUrl("sqlite");
    cleanups.push(drop);
    const secret = "0123456789abcdef0123456789abcdef";
    const config = {
      ...loadConfig({
        DATABASE_URL: url,
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: secret,
        SLACK_API_URL: `http://127.0.0.1:${await closedPort()}/api/`,
        HOST: "127.0.0.1",
        CONSOLE: "off",
      }),
      PORT: 0,
    };
    const logger = recordingLogger();
    const app = await createApp(config, logger);
    const surfaces = await startSurfaces(app, logger);
    cleanups.push(async () => {
      await surfaces.stop();
      await app.close();
    });
    const base = `http://127.0.0.1:${surfaces.port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const body = "command=%2Fhelp&text=&user_id=U1&team_id=T1&channel_id=C1";
    const res = await fetch(`${base}/slack/events`, {
      method: "POST",
      body,
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...slackSignature(secret, body, Math.floor(Date.now() / 1000)),
      },
    });
    expect(res.status).toBe(503);
    expect(
      logger.lines.some((l) => l.level === "warn" && /unreachable at start-up/.test(l.msg ?? "")),
    ).toBe(true);
  });
});
