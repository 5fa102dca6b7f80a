// The database connection drops while requests are in the middle of their work. Signed Discord
// interactions (quizzes, answers, progress) go to the running app 100 at a time through a TCP proxy
// to PostgreSQL that the test cuts mid-flight. Every request caught by a drop must hear "try
// again shortly" (not the apology for a bug), count as `unavailable` in the metrics, not as an
// error, and write no error-level log line.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/core/clock";
import { get } from "../helpers/http";
import {
  makeKeys,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
} from "../helpers/discord";
import { proxiedTestDatabase, type TcpProxy } from "../helpers/tcp-proxy";

let fake: FakeDiscord;
let keys: Keys;
let proxy: TcpProxy;
let run: Running;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const t = await proxiedTestDatabase();
  ({ proxy, drop } = t);
  run = await startDiscordApp({
    databaseUrl: t.url,
    keys,
    fake,
    clock: new FakeClock("2026-03-02T09:00:00Z"),
  });
});
afterAll(async () => {
  await run?.stop();
  await proxy?.stop();
  await fake?.close();
  await drop?.();
});

const APOLOGY = "something went wrong";

describe("a database drop mid-flight", () => {
  it("tells every request it caught to try again and counts none as an error", async () => {
    const port = Number(new URL(run.base).port);
    const users = Array.from({ length: 100 }, (_, n) => ({
      id: `8880000000000${String(n).padStart(5, "0")}`,
      name: `L${n}`,
    }));
    const commands = ["quiz", "progress", "review", "leaderboard", "export"];
    // Warm up: every learner exists, so the drop lands on real work, not only on sign-up.
    await Promise.all(users.map((u) => post(run.base, keys, slash(u, "help"))));
    // Three drops, each landing at a different moment of the requests' work.
    const replies = [];
    for (const delayMs of [5, 40, 120]) {
      const inFlight = users.map((u, n) =>
        post(run.base, keys, slash(u, commands[(n + delayMs) % commands.length])),
      );
      await new Promise((r) => setTimeout(r, delayMs));
      await proxy.stop();
      replies.push(...(await Promise.all(inFlight)));
      await proxy.start();
      while ((await get(port, "/healthz")).status !== 200)
        await new Promise((r) => setTimeout(r, 100));
    }
    expect(replies.every((r) => r.status === 200)).toBe(true);
    const texts = replies.map((r) => JSON.stringify(r.json));
    const apologies = texts.filter((t) => t.includes(APOLOGY));
    expect(apologies.length, `${apologies.length} apologies, e.g. ${apologies[0]}`).toBe(0);
    const caught = texts.filter((t) => t.includes("try again shortly")).length;
    const metrics = (await get(port, "/metrics")).body;
    expect(metrics).not.toMatch(/coursebot_interactions_total\{[^}]*outcome="error"\} [1-9]/);
    expect(
      run.logger.lines.filter((l) => l.level === "error").map((l) => ({ msg: l.msg, ...l.obj })),
    ).toEqual([]);
    // The drop did catch requests (otherwise this test proves nothing): each was told to try again.
    expect(caught).toBeGreaterThan(0);
  }, 120_000);
});
