// SIGTERM while PostgreSQL has stopped answering (a partition: connections stay open, nothing
// comes back). The real entry point runs as a child process, reaching PostgreSQL through a TCP
// proxy the test pauses. Two signed Discord interactions are waiting on the database (deferred,
// as Discord sees them); on SIGTERM the process must still exit within its 10 s budget, and
// both learners are told to try again (their deferred message is edited) instead of hearing
// nothing.
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
import { freePort } from "../helpers/http";
import { spawnApp, waitForHealthy } from "../helpers/spawn-app";
import { proxiedTestDatabase, type TcpProxy } from "../helpers/tcp-proxy";

const BUDGET_S = 10;
let fake: FakeDiscord;
let keys: Keys;
let proxy: TcpProxy;
let drop: () => Promise<void>;
let url: string;

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  ({ url, proxy, drop } = await proxiedTestDatabase());
});
afterAll(async () => {
  proxy?.resume();
  await proxy?.stop();
  await fake?.close();
  await drop?.();
});

describe("SIGTERM with the database not answering", () => {
  it(`exits within ${BUDGET_S} s and tells the requests waiting on the database to try again`, async () => {
    const port = await freePort();
    const app = spawnApp({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      DISCORD_APPLICATION_ID: APP_ID,
      DISCORD_PUBLIC_KEY: keys.publicHex,
      DISCORD_API_URL: fake.url,
    });
    try {
      await waitForHealthy(port, app, 60_000);
      const base = `http://127.0.0.1:${port}`;
      const ok = await post(
        base,
        keys,
        slash({ id: "777000000000000001", name: "Ada" }, "progress"),
      );
      expect(ok.json.type).toBe(4);

      proxy.pause();
      const waiting = [
        slash({ id: "777000000000000002", name: "Bo" }, "progress"),
        slash({ id: "777000000000000003", name: "Cy" }, "quiz"),
      ];
      const acks = await Promise.all(waiting.map((p) => post(base, keys, p)));
      // Deferred ("thinking…"): the answers are waiting on the database.
      expect(acks.map((a) => a.json.type)).toEqual([5, 5]);

      const t0 = Date.now();
      app.child.kill("SIGTERM");
      const code = await Promise.race([
        app.exited,
        new Promise<"hung">((r) => setTimeout(() => r("hung"), (BUDGET_S + 15) * 1000)),
      ]);
      const seconds = (Date.now() - t0) / 1000;
      expect(code, app.output().slice(-2000)).toBe(0);
      // The budget plus a margin for a loaded machine (process exit, the last log lines).
      expect(seconds).toBeLessThan(BUDGET_S + 3);
      for (const p of waiting) {
        const edit = fake.calls.find(
          (c) =>
            c.method === "PATCH" &&
            c.path.includes(`/webhooks/${APP_ID}/${p.token}/messages/@original`),
        );
        expect(JSON.stringify(edit?.body ?? null), `the try-again edit for ${p.token}`).toContain(
          "try again",
        );
      }
      expect(app.output()).toContain("shutdown budget spent");
    } finally {
      if (app.child.exitCode === null) app.child.kill("SIGKILL");
    }
  }, 120_000);
});
