// Lesson fan-out: 10,000 Discord channel subscriptions due at the same minute, three scheduler
// instances on one PostgreSQL database (wired as in production: the delivery lease lets one fan
// out while the others stand by; claims keep each occurrence exactly-once), posting through the real Discord lesson sender
// (discord.js REST) to a fake Discord API with a global limit of 50 requests/s (over it: 429 +
// retry_after + X-RateLimit-Global, as Discord answers). Reports total time against the
// 10,000 / 50 = 200 s floor, duplicates, missing deliveries, and the 429s earned (Discord bans an
// IP after 10,000 invalid requests in 10 minutes).
// Overrides for a quick run: FANOUT_SUBS, FANOUT_RPS, FANOUT_INSTANCES, FANOUT_CONCURRENCY,
// FANOUT_OFFSET_MS (discord.js's wait after a rate-limit reset; default DEFAULT_REST_OFFSET_MS).
import { discordLessonSender } from "../src/adapters/discord/messenger";
import { createDiscordRest, DEFAULT_REST_OFFSET_MS } from "../src/adapters/discord/rest";
import { loadContent } from "../src/app/content-files";
import { createDeliveryLease } from "../src/app/scheduler/delivery-lease";
import { createScheduler } from "../src/app/scheduler/scheduler";
import { FakeClock } from "../src/core/clock";
import { silentLogger } from "../src/core/ports/logger";
import { DEFAULT_LESSON_SETTINGS } from "../src/core/schedule/settings";
import { openDatabase, type Database_ } from "../src/db/connect";
import { createStore } from "../src/db/store";
import { createTestDatabaseUrl } from "../test/helpers/db";
import { startFakeDiscordApi } from "./lib/fake-discord-api";

export default async function fanout(): Promise<{
  title: string;
  rows: Record<string, string | number>[];
  json: unknown;
}> {
  const subsCount = Number(process.env.FANOUT_SUBS ?? 10_000);
  const rps = Number(process.env.FANOUT_RPS ?? 50);
  const instances = Number(process.env.FANOUT_INSTANCES ?? 3);
  const concurrency = Number(process.env.FANOUT_CONCURRENCY ?? 8);
  // The offset actually handed to discord.js: the override, else the app's default (the same
  // constant createDiscordRest falls back to), so the row shows which setting was measured.
  const offset = process.env.FANOUT_OFFSET_MS
    ? Number(process.env.FANOUT_OFFSET_MS)
    : DEFAULT_REST_OFFSET_MS;
  if (!Number.isFinite(offset) || offset < 0)
    throw new Error(`FANOUT_OFFSET_MS must be a number of milliseconds ≥ 0, not ${offset}`);
  const index = loadContent("content");
  const target = await createTestDatabaseUrl("postgres");
  const dbs: Database_[] = [];
  const platform = await startFakeDiscordApi(rps);
  try {
    for (let i = 0; i < instances; i++) dbs.push(await openDatabase(target.url, { poolSize: 10 }));
    const createdAt = new Date("2026-03-01T00:00:00Z");
    for (let i = 0; i < subsCount; i += 1000)
      await dbs[0].prisma.subscription.createMany({
        data: Array.from({ length: Math.min(1000, subsCount - i) }, (_, j) => ({
          platform: "discord",
          workspaceId: "g",
          channelId: String(900_000_000_000_000_000n + BigInt(i + j)),
          courseId: index.course.id,
          timeZone: "UTC",
          weekday: 1,
          time: "09:00",
          locale: "en",
          createdAt,
        })),
      });
    const clock = new FakeClock("2026-03-02T09:00:05Z");
    // One REST client per instance, as each instance is its own process; and, as in production
    // (src/app/surfaces.ts), the delivery lease, so one instance fans out and the others stand by.
    const scheds = dbs.map((db, i) => {
      const store = createStore(db.prisma);
      const rest = createDiscordRest({
        applicationId: "100000000000000000",
        token: "bench-token",
        apiUrl: platform.url,
        rateLimitOffsetMs: offset,
      });
      const lease = createDeliveryLease({
        leases: store.leases,
        platforms: ["discord"],
        instanceId: `bench-${i}`,
        clock,
        logger: silentLogger,
      });
      return createScheduler({
        index,
        store,
        clock,
        logger: silentLogger,
        senders: [discordLessonSender(rest)],
        settings: DEFAULT_LESSON_SETTINGS,
        instanceId: `bench-${i}`,
        concurrency,
        lease,
      });
    });
    const started = performance.now();
    const results = await Promise.all(scheds.map((s) => s.tick()));
    const seconds = (performance.now() - started) / 1000;
    const keys = [...platform.received.values()];
    const duplicates = keys.filter((n) => n > 1).reduce((a, n) => a + n - 1, 0);
    const missing = subsCount - platform.received.size;
    const sentRows = await dbs[0].prisma.delivery.count({ where: { status: "sent" } });
    const floor = subsCount / rps;
    const row = {
      subscriptions: subsCount,
      instances,
      "concurrency/instance": concurrency,
      "limit (req/s)": rps,
      "offset (ms)": offset,
      "total (s)": Number(seconds.toFixed(1)),
      "floor (s)": floor,
      "vs floor": `${((seconds / floor) * 100).toFixed(1)}%`,
      "delivered/s": Number((platform.received.size / seconds).toFixed(1)),
      "429s": platform.throttled,
      "worst 429s in 10 min": platform.worst10MinThrottled,
      duplicates,
      missing,
      "db rows sent": sentRows,
    };
    return {
      title: `Lesson fan-out: ${subsCount} subscriptions, ${instances} instances, platform limited to ${rps} req/s, REST offset ${offset} ms`,
      rows: [row],
      json: {
        ...row,
        perInstance: results.map((r, i) => ({
          instance: `bench-${i}`,
          sent: r?.sent ?? 0,
          lost: r?.lost ?? 0,
          failed: r?.failed ?? 0,
        })),
        requests: platform.requests,
      },
    };
  } finally {
    await platform.close();
    for (const db of dbs) await db.close();
    await target.drop();
  }
}
