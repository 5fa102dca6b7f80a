// Three schedulers, each with its own connection pool, on one PostgreSQL database and one fake
// clock at a due time: every occurrence is delivered exactly once, and a scheduler killed
// mid-send (claimed, never finished) loses nothing: after the lease another one delivers. With the
// delivery lease (as in production), one instance fans out and a peer takes over when it stops.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import { createDeliveryLease, deliveryLeaseName } from "../../src/app/scheduler/delivery-lease";
import { createScheduler } from "../../src/app/scheduler/scheduler";
import { FakeClock } from "../../src/core/clock";
import type { LessonSender } from "../../src/core/ports/lesson-sender";
import { silentLogger } from "../../src/core/ports/logger";
import type { Store } from "../../src/core/ports/store";
import { openDatabase, type Database_ } from "../../src/db/connect";
import { createStore } from "../../src/db/store";
import { createTestDatabaseUrl } from "../helpers/db";
import { RecordingSender, testSettings } from "./helpers";

const index = loadContent("content");
const SUBS = 60;

describe("several instances on one PostgreSQL database", () => {
  let drop: () => Promise<void>;
  const dbs: Database_[] = [];
  const stores: Store[] = [];

  beforeAll(async () => {
    const t = await createTestDatabaseUrl("postgres");
    drop = t.drop;
    for (let i = 0; i < 3; i++) {
      const db = await openDatabase(t.url, { poolSize: 5 });
      dbs.push(db);
      stores.push(createStore(db.prisma));
    }
  });
  afterAll(async () => {
    for (const db of dbs) await db.close();
    await drop();
  });

  async function subscribe(prefix: string, createdAt: Date) {
    for (let i = 0; i < SUBS; i++)
      await stores[0].subscriptions.create({
        platform: "console",
        workspaceId: "w",
        channelId: `${prefix}-${i}`,
        learnerExternalId: null,
        courseId: index.course.id,
        nextLesson: 0,
        timeZone: i % 2 ? "America/New_York" : "Asia/Shanghai",
        weekday: 1,
        time: "09:00",
        cron: null,
        locale: "en",
        createdAt,
      });
  }

  const scheduler = (i: number, clock: FakeClock, sender: LessonSender, name: string) =>
    createScheduler({
      index,
      store: stores[i],
      clock,
      logger: silentLogger,
      senders: [sender],
      settings: testSettings(),
      instanceId: name,
      concurrency: 4,
    });

  it("exactly one delivery per occurrence with three schedulers ticking at once", async () => {
    // Monday 2026-03-09 09:00 in Shanghai is 01:00Z; in New York 13:00Z. Tick after both.
    await subscribe("a", new Date("2026-03-05T00:00:00Z"));
    const clock = new FakeClock("2026-03-09T13:00:30Z");
    const senders = [0, 1, 2].map(() => new RecordingSender(clock));
    const scheds = senders.map((s, i) => scheduler(i, clock, s, `inst-${i}`));
    for (let round = 0; round < 3; round++) await Promise.all(scheds.map((s) => s.tick()));
    const all = senders.flatMap((s) => s.sent.map((x) => x.subscriptionId));
    expect(all).toHaveLength(SUBS);
    expect(new Set(all).size).toBe(SUBS);
    const rows = await dbs[0].prisma.delivery.findMany({
      where: { subscription: { channelId: { startsWith: "a-" } } },
    });
    expect(rows).toHaveLength(SUBS);
    expect(
      rows.every((r) => r.status === "sent" && r.attempts === 1 && r.occurrenceAt < clock.now()),
    ).toBe(true);
  });

  it("none lost when a scheduler dies mid-send: its claims are taken over after the lease", async () => {
    await dbs[0].prisma.subscription.updateMany({ data: { active: false } });
    await subscribe("b", new Date("2026-03-10T00:00:00Z"));
    const clock = new FakeClock("2026-03-16T13:00:30Z");
    // The doomed instance claims occurrences and then never finishes sending (process killed).
    let claimedByDoomed = 0;
    const doomed: LessonSender = {
      platform: "console",
      send: () => {
        claimedByDoomed++;
        return new Promise<void>(() => {});
      },
      sendDirect: async () => {},
    };
    const doomedSched = scheduler(0, clock, doomed, "doomed");
    void doomedSched.tick();
    while (claimedByDoomed < 4) await new Promise((r) => setTimeout(r, 10));
    const senders = [1, 2].map(() => new RecordingSender(clock));
    const alive = senders.map((s, i) => scheduler(i + 1, clock, s, `alive-${i}`));
    await Promise.all(alive.map((s) => s.tick()));
    const sentNow = senders.flatMap((s) => s.sent).length;
    expect(sentNow).toBe(SUBS - claimedByDoomed); // the doomed claims are left alone while the lease runs
    clock.advance(testSettings().rules.leaseMs + 1000);
    await Promise.all(alive.map((s) => s.tick()));
    await Promise.all(alive.map((s) => s.tick()));
    const ids = senders.flatMap((s) => s.sent.map((x) => x.subscriptionId));
    expect(ids).toHaveLength(SUBS);
    expect(new Set(ids).size).toBe(SUBS);
    const rows = await dbs[1].prisma.delivery.findMany({
      where: { subscription: { channelId: { startsWith: "b-" } } },
    });
    expect(rows.every((r) => r.status === "sent")).toBe(true);
    const takenOver = rows.filter((r) => r.attempts === 2);
    expect(takenOver).toHaveLength(claimedByDoomed);
    expect(takenOver.every((r) => r.claimedBy?.startsWith("alive-"))).toBe(true);
  });

  it("with the delivery lease one instance fans out, and a peer takes over when it stops", async () => {
    await dbs[0].prisma.subscription.updateMany({ data: { active: false } });
    await subscribe("c", new Date("2026-03-17T00:00:00Z"));
    const clock = new FakeClock("2026-03-23T13:00:30Z");
    const senders = [0, 1, 2].map(() => new RecordingSender(clock));
    const leases = [0, 1, 2].map((i) =>
      createDeliveryLease({
        leases: stores[i].leases,
        platforms: ["console"],
        instanceId: `leased-${i}`,
        clock,
        logger: silentLogger,
      }),
    );
    const scheds = senders.map((s, i) =>
      createScheduler({
        index,
        store: stores[i],
        clock,
        logger: silentLogger,
        senders: [s],
        settings: testSettings(),
        instanceId: `leased-${i}`,
        concurrency: 4,
        lease: leases[i],
      }),
    );
    const results = await Promise.all(scheds.map((s) => s.tick()));
    // Exactly one instance delivered all; the others stood by (no tick result).
    const delivering = senders.map((s, i) => ({ i, n: s.sent.length })).filter((x) => x.n > 0);
    expect(delivering).toEqual([{ i: delivering[0].i, n: SUBS }]);
    expect(results.filter((r) => r === undefined)).toHaveLength(2);

    // The holder stops (shutdown releases the lease); a week later a peer delivers the next lesson.
    await leases[delivering[0].i].stop();
    clock.advance(7 * 86_400_000);
    const peers = [0, 1, 2].filter((i) => i !== delivering[0].i);
    for (const i of peers) await scheds[i].tick();
    const next = peers.map(
      (i) => senders[i].sent.filter((x) => x.at.getTime() === clock.now().getTime()).length,
    );
    expect(next.reduce((a, b) => a + b, 0)).toBe(SUBS);
    expect(next.filter((n) => n > 0)).toHaveLength(1);
    for (const l of leases) await l.stop();
  });

  it("instances serving different platforms take different delivery leases", () => {
    expect(deliveryLeaseName(["slack", "discord"])).toBe(deliveryLeaseName(["discord", "slack"]));
    expect(deliveryLeaseName(["discord"])).not.toBe(deliveryLeaseName(["discord", "slack"]));
  });
});
