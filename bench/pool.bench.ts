// Connection pool size under 200 concurrent streams: the app on PostgreSQL with Discord HTTP
// interactions, 200 learners at once each sending signed /quiz and /progress interactions over
// HTTP with no pause, for several DATABASE_POOL_SIZE values. Reports throughput, the HTTP answer
// latency (p50/p99, Discord's limit is 3 s) and the share of answers that had to be deferred
// (took longer than the 1.5 s the adapter waits before answering "thinking…"). The default pool
// size is chosen from this table, so it spans both sides of the default (10): 2 and 5 show whether
// fewer connections make answers wait for one, 20 and 30 whether more only add contention. The
// client runs in the same process as the bot, so both share the CPU.
// Overrides: POOL_SIZES (e.g. "10,30"), POOL_STREAMS, POOL_ROUNDS.
import { loadavg } from "node:os";
import { FakeClock } from "../src/core/clock";
import { createTestDatabaseUrl } from "../test/helpers/db";
import { makeKeys, post, slash, startDiscordApp, startFakeDiscord } from "../test/helpers/discord";
import { round, summarise, type BenchResult } from "./lib/stats";

export default async function pool(): Promise<BenchResult> {
  const sizes = (process.env.POOL_SIZES ?? "2,5,10,20,30").split(",").map(Number);
  const streams = Number(process.env.POOL_STREAMS ?? 200);
  const rounds = Number(process.env.POOL_ROUNDS ?? 5);
  const rows: Record<string, string | number>[] = [];
  for (const size of sizes) {
    const fake = await startFakeDiscord();
    const keys = makeKeys();
    const db = await createTestDatabaseUrl("postgres");
    const run = await startDiscordApp({
      databaseUrl: db.url,
      keys,
      fake,
      clock: new FakeClock(new Date().toISOString()),
      discord: { deferAfterMs: 1500 },
      env: { DATABASE_POOL_SIZE: String(size) },
    });
    try {
      const ms: number[] = [];
      let deferred = 0;
      const stream = async (n: number) => {
        const user = { id: `70000000000${String(n).padStart(7, "0")}`, name: `S${n}` };
        for (let r = 0; r < rounds; r++) {
          for (const payload of [
            slash(user, "quiz", [{ name: "count", type: 4, value: 3 }]),
            slash(user, "progress"),
          ]) {
            const t = performance.now();
            const res = await post(run.base, keys, payload);
            ms.push(performance.now() - t);
            if (res.json?.type === 5 || res.json?.type === 6) deferred++;
          }
        }
      };
      await Promise.all(Array.from({ length: 20 }, (_, n) => stream(100_000 + n))); // warm-up
      ms.length = 0;
      deferred = 0;
      // Each size runs for seconds only, so one busy neighbour can move its row: the load average
      // beside each row tells a pool's effect from the machine's.
      const loadBefore = loadavg()[0];
      const t0 = performance.now();
      await Promise.all(Array.from({ length: streams }, (_, n) => stream(n)));
      const seconds = (performance.now() - t0) / 1000;
      await run.surfaces.discord!.idle();
      const s = summarise(ms);
      rows.push({
        pool: size,
        streams,
        requests: s.n,
        "req/s": round(s.n / seconds, 1),
        "p50 (ms)": round(s.p50, 0),
        "p99 (ms)": round(s.p99, 0),
        "max (ms)": round(s.max, 0),
        deferred: `${round((deferred / s.n) * 100, 1)}%`,
        "load avg": `${loadBefore.toFixed(1)}→${loadavg()[0].toFixed(1)}`,
      });
    } finally {
      await run.stop();
      await fake.close();
      await db.drop();
    }
  }
  return {
    title: `Pool size: ${streams} concurrent streams of signed Discord interactions on PostgreSQL`,
    rows,
    json: rows,
  };
}
