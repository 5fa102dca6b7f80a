// Lesson fan-out: 10,000 subscriptions due at the same minute, three scheduler instances on one
// PostgreSQL database, sending to a fake platform API limited to 50 requests/s (token bucket;
// over the limit it answers 429 + retry_after, which the sender honours). Reports total time
// against the 10,000 / 50 = 200 s floor, duplicates and missing deliveries.
// Overrides for a quick run: FANOUT_SUBS, FANOUT_RPS, FANOUT_INSTANCES, FANOUT_CONCURRENCY.
import { createServer, type Server } from "node:http";
import { loadContent } from "../src/app/content-files";
import { RateGate, retryAfterSeconds } from "../src/app/scheduler/rate-gate";
import { createScheduler } from "../src/app/scheduler/scheduler";
import { FakeClock } from "../src/core/clock";
import { SendError, type LessonSender } from "../src/core/ports/lesson-sender";
import { silentLogger } from "../src/core/ports/logger";
import { DEFAULT_LESSON_SETTINGS } from "../src/core/schedule/settings";
import { openDatabase, type Database_ } from "../src/db/connect";
import { createStore } from "../src/db/store";
import { createTestDatabaseUrl } from "../test/helpers/db";

interface FakePlatform { url: string; received: Map<string, number>; requests: number; throttled: number; close(): Promise<void> }

/** A platform API with a token bucket: `rate` tokens a second, bursts up to `rate`. */
async function fakePlatform(rate: number): Promise<FakePlatform> {
  let tokens = rate;
  let refilled = performance.now();
  const state = { received: new Map<string, number>(), requests: 0, throttled: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.requests++;
      const now = performance.now();
      tokens = Math.min(rate, tokens + ((now - refilled) / 1000) * rate);
      refilled = now;
      if (tokens < 1) {
        state.throttled++;
        const retryAfter = (1 - tokens) / rate;
        res.writeHead(429, { "content-type": "application/json", "retry-after": retryAfter.toFixed(3) });
        res.end(JSON.stringify({ message: "You are being rate limited.", retry_after: retryAfter }));
        return;
      }
      tokens -= 1;
      const { key } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { key: string };
      state.received.set(key, (state.received.get(key) ?? 0) + 1);
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address() as { port: number };
  return { url: `http://127.0.0.1:${addr.port}/messages`, ...state, get requests() { return state.requests; }, get throttled() { return state.throttled; }, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

/** A LessonSender posting JSON to the fake platform, honouring 429 retry_after through a shared gate. */
function httpSender(url: string, occurrenceKey: (subId: string) => string): LessonSender {
  const gate = new RateGate();
  // Being rate limited is not a failure: wait as told, up to a budget well inside the claim lease.
  const budgetMs = 120_000;
  async function post(body: unknown) {
    const deadline = Date.now() + budgetMs;
    while (Date.now() < deadline) {
      await gate.wait();
      const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (res.status === 429) { gate.backOff(retryAfterSeconds(res.headers, await res.json().catch(() => null))); continue; }
      await res.arrayBuffer();
      if (!res.ok) throw new SendError(`platform answered ${res.status}`, res.status >= 400 && res.status < 500);
      gate.passed();
      return;
    }
    throw new SendError(`still rate limited after ${budgetMs / 1000} s`);
  }
  return {
    platform: "fake",
    send: (sub, reply) => post({ key: occurrenceKey(sub.id), channel: sub.channelId, title: reply.title, text: reply.text }),
    sendDirect: (learner, reply) => post({ key: `dm:${learner.externalId}`, text: reply.text }),
  };
}

export default async function fanout(): Promise<{ title: string; rows: Record<string, string | number>[]; json: unknown }> {
  const subsCount = Number(process.env.FANOUT_SUBS ?? 10_000);
  const rps = Number(process.env.FANOUT_RPS ?? 50);
  const instances = Number(process.env.FANOUT_INSTANCES ?? 3);
  const concurrency = Number(process.env.FANOUT_CONCURRENCY ?? 8);
  const index = loadContent("content");
  const target = await createTestDatabaseUrl("postgres");
  const dbs: Database_[] = [];
  const platform = await fakePlatform(rps);
  try {
    for (let i = 0; i < instances; i++) dbs.push(await openDatabase(target.url, { poolSize: 10 }));
    const createdAt = new Date("2026-03-01T00:00:00Z");
    const occurrence = "2026-03-02T09:00:00.000Z"; // Monday 09:00 UTC
    for (let i = 0; i < subsCount; i += 1000)
      await dbs[0].prisma.subscription.createMany({
        data: Array.from({ length: Math.min(1000, subsCount - i) }, (_, j) => ({ platform: "fake", workspaceId: "w", channelId: `c${i + j}`, courseId: index.course.id, timeZone: "UTC", weekday: 1, time: "09:00", locale: "en", createdAt })),
      });
    const clock = new FakeClock("2026-03-02T09:00:05Z");
    const scheds = dbs.map((db, i) =>
      createScheduler({ index, store: createStore(db.prisma), clock, logger: silentLogger, senders: [httpSender(platform.url, (id) => `${id}@${occurrence}`)], settings: DEFAULT_LESSON_SETTINGS, instanceId: `bench-${i}`, concurrency }),
    );
    const started = performance.now();
    const results = await Promise.all(scheds.map((s) => s.tick()));
    const seconds = (performance.now() - started) / 1000;
    const keys = [...platform.received.values()];
    const duplicates = keys.filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
    const missing = subsCount - platform.received.size;
    const sentRows = await dbs[0].prisma.delivery.count({ where: { status: "sent" } });
    const floor = subsCount / rps;
    const row = {
      subscriptions: subsCount, instances, "concurrency/instance": concurrency, "limit (req/s)": rps,
      "total (s)": Number(seconds.toFixed(1)), "floor (s)": floor, "vs floor": `${((seconds / floor) * 100).toFixed(1)}%`,
      "delivered/s": Number((platform.received.size / seconds).toFixed(1)), "429s honoured": platform.throttled,
      duplicates, missing, "db rows sent": sentRows,
    };
    return {
      title: `Lesson fan-out: ${subsCount} subscriptions, ${instances} instances, platform limited to ${rps} req/s`,
      rows: [row],
      json: { ...row, perInstance: results.map((r, i) => ({ instance: `bench-${i}`, sent: r?.sent ?? 0, lost: r?.lost ?? 0, failed: r?.failed ?? 0 })), requests: platform.requests },
    };
  } finally {
    await platform.close();
    for (const db of dbs) await db.close();
    await target.drop();
  }
}
