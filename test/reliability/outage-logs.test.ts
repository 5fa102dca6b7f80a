// A 10 s database outage under traffic, on the real entry point (a child process) with Discord
// and Slack in HTTP mode, its lesson scheduler ticking every second and PostgreSQL behind a TCP
// proxy the test cuts: the log gets at most a handful of error-level lines, and the repeated
// warnings are rate-limited with a count ("suppressed"). An upload abandoned half-way by an
// unauthenticated client writes no error line either.
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  APP_ID,
  makeKeys,
  post,
  slash,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
} from "../helpers/discord";
import { startFakeSlack, type FakeSlack } from "../helpers/fake-slack";
import { freePort } from "../helpers/http";
import { spawnApp, waitForHealthy } from "../helpers/spawn-app";
import { proxiedTestDatabase, type TcpProxy } from "../helpers/tcp-proxy";

let fake: FakeDiscord;
let slack: FakeSlack;
let keys: Keys;
let proxy: TcpProxy;
let drop: () => Promise<void>;
let url: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  slack = await startFakeSlack();
  keys = makeKeys();
  ({ url, proxy, drop } = await proxiedTestDatabase());
});
afterAll(async () => {
  await proxy?.stop();
  await fake?.close();
  await slack?.close();
  await drop?.();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const lines = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { level: number; msg: string; suppressed?: number });

describe("logs during an outage", () => {
  it("a 10 s outage under traffic writes a handful of error lines at most, floods counted", async () => {
    const port = await freePort();
    const app = spawnApp({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      LESSON_TICK_CRON: "* * * * * *",
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: fake.url,
      SLACK_BOT_TOKEN: "xoxb-outage",
      SLACK_SIGNING_SECRET: "45c48cce2e2d7fbdea1afc51c7c6ad26",
      SLACK_API_URL: slack.url,
    });
    try {
      await waitForHealthy(port, app, 60_000);
      const base = `http://127.0.0.1:${port}`;
      const before = app.output().length;
      await proxy.stop();
      const until = Date.now() + 10_000;
      let n = 0;
      while (Date.now() < until) {
        await Promise.all(
          Array.from({ length: 10 }, () =>
            post(
              base,
              keys,
              slash(
                { id: `9990000000000${String(n++ % 50).padStart(5, "0")}`, name: "Out" },
                "progress",
              ),
            ),
          ),
        );
        await sleep(100);
      }
      // An unauthenticated upload abandoned half-way.
      await new Promise<void>((resolve) => {
        const s = connect(port, "127.0.0.1", () => {
          s.write(
            'POST /discord/interactions HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100000\r\n\r\n{"type":',
          );
          setTimeout(() => {
            s.destroy();
            resolve();
          }, 200);
        });
        s.on("error", () => resolve());
      });
      await proxy.start();
      await sleep(11_000); // the end of the rate-limit window, when the counts are written
      const during = lines(app.output().slice(before));
      const errors = during.filter((l) => l.level >= 50);
      expect(n).toBeGreaterThan(100);
      expect(
        errors.length,
        errors
          .slice(0, 10)
          .map((l) => l.msg)
          .join("; "),
      ).toBeLessThanOrEqual(5);
      expect(during.some((l) => (l.suppressed ?? 0) > 0)).toBe(true);
      expect(during.filter((l) => l.level >= 40).length).toBeLessThan(100);
    } finally {
      app.child.kill("SIGKILL");
    }
  }, 120_000);
});
