// Crash mid-delivery, for a test and for `npm run bench`: three real instances (the entry point,
// as child processes) share one PostgreSQL database and post weekly lessons to a fake Discord API
// that honours enforce_nonce and answers each post after a delay (so posts are in flight).
// `subs` channel subscriptions fall due at once; when a share of them has arrived, the instance
// holding the delivery lease is killed with SIGKILL (`kills` times, each time the new holder).
// Reports duplicates and missing lessons as Discord counts them, and the worst delay of a lesson
// after the first one arrived (the cost of the takeovers).
import { loadContent } from "../../src/app/content-files";
import { openDatabase } from "../../src/db/connect";
import { startFakeDiscordApi } from "../../bench/lib/fake-discord-api";
import { createTestDatabaseUrl } from "./db";
import { freePort } from "./http";
import { spawnApp, waitForHealthy, type SpawnedApp } from "./spawn-app";

export interface CrashResult {
  subs: number;
  kills: number;
  delivered: number;
  duplicates: number;
  missing: number;
  nonceHits: number;
  worstDelayS: number;
  seconds: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ISO_WEEKDAY = (d: Date) => ((d.getUTCDay() + 6) % 7) + 1;

export async function crashDelivery(opts: {
  subs: number;
  kills: number;
  delayMs?: number;
  claimLeaseSeconds?: number;
  timeoutMs?: number;
}): Promise<CrashResult> {
  const index = loadContent("content");
  const target = await createTestDatabaseUrl("postgres");
  const db = await openDatabase(target.url, { poolSize: 2 });
  const platform = await startFakeDiscordApi(1000, { delayMs: opts.delayMs ?? 30 });
  const apps: SpawnedApp[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const app = spawnApp({
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: target.url,
        LOG_LEVEL: "warn",
        DISCORD_TOKEN: "crash-test-token",
        DISCORD_APPLICATION_ID: "100000000000000000",
        DISCORD_API_URL: platform.url,
        LESSON_TICK_CRON: "* * * * * *",
        LESSON_CLAIM_LEASE_SECONDS: String(opts.claimLeaseSeconds ?? 10),
      });
      apps.push(app);
      await waitForHealthy(port, app, 60_000);
    }
    // Due this minute (already passed, so the first tick delivers it), subscribed yesterday.
    const now = new Date();
    const time = `${String(now.getUTCHours()).padStart(2, "0")}:${String(now.getUTCMinutes()).padStart(2, "0")}`;
    await db.prisma.subscription.createMany({
      data: Array.from({ length: opts.subs }, (_, i) => ({
        platform: "discord",
        workspaceId: "g",
        channelId: String(800_000_000_000_000_000n + BigInt(i)),
        courseId: index.course.id,
        timeZone: "UTC",
        weekday: ISO_WEEKDAY(now),
        time,
        locale: "en",
        createdAt: new Date(now.getTime() - 86_400_000),
      })),
    });
    const started = Date.now();
    const deadline = started + (opts.timeoutMs ?? 180_000);
    for (let k = 1; k <= opts.kills; k++) {
      while (platform.received.size < (opts.subs * k) / (opts.kills + 1)) {
        if (Date.now() > deadline)
          throw new Error(`only ${platform.received.size} lessons arrived before kill ${k}`);
        await sleep(5);
      }
      const lease = await db.prisma.lease.findFirst({
        where: { name: { startsWith: "lesson-delivery" } },
      });
      const pid = Number(lease?.holder.split(":").at(-2));
      const victim = apps.find((a) => a.child.pid === pid && a.child.exitCode === null);
      if (!victim)
        throw new Error(`the delivery lease holder (${lease?.holder}) is not a running instance`);
      victim.child.kill("SIGKILL");
      await victim.exited;
    }
    while (
      (await db.prisma.delivery.count({ where: { status: "sent" } })) < opts.subs &&
      Date.now() < deadline
    )
      await sleep(250);
    await sleep(2_000); // a late duplicate would arrive now
    const counts = [...platform.received.values()];
    const first = [...platform.firstAt.values()];
    return {
      subs: opts.subs,
      kills: opts.kills,
      delivered: platform.received.size,
      duplicates: counts.reduce((a, n) => a + n - 1, 0),
      missing: opts.subs - platform.received.size,
      nonceHits: platform.nonceHits,
      worstDelayS: first.length
        ? Number(((Math.max(...first) - Math.min(...first)) / 1000).toFixed(1))
        : 0,
      seconds: Number(((Date.now() - started) / 1000).toFixed(1)),
    };
  } finally {
    for (const a of apps) if (a.child.exitCode === null) a.child.kill("SIGKILL");
    await Promise.all(apps.map((a) => a.exited));
    await platform.close();
    await db.close();
    await target.drop();
  }
}
