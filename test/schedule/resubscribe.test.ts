// One subscription per target, on both engines: concurrent /lesson subscribe calls (from one bot
// and from several instances on one database) leave one active row and each lesson posts once;
// re-subscribing keeps the subscription (id, history, next lesson, skips) and moves only its slot;
// a pending /lesson skip survives a new slot that still fires then, else the reply says it is gone.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/actor";
import { createBot, type Bot } from "../../src/core/bot";
import { openDatabase, type Database_ } from "../../src/db/connect";
import { createStore } from "../../src/db/store";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { PROVIDERS } from "../helpers/db";
import { RecordingSender, testSettings, ticker } from "./helpers";

const text = (rs: { title?: string; text: string; fields?: { name: string; value: string }[] }[]) =>
  rs
    .map((r) =>
      [r.title, r.text, ...(r.fields ?? []).map((f) => `${f.name}: ${f.value}`)]
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n---\n");

describe.each(PROVIDERS)("one subscription per target (%s)", (provider) => {
  let app: TestApp;
  let sender: RecordingSender;
  const others: Database_[] = [];
  const admin = actor("ann", { channelId: "C1", isAdmin: true });
  const me = actor("ada", { isDirectMessage: true, channelId: "D1" });
  const say = async (line: string, who: Actor = me, bot: Bot = app.bot) =>
    text(await bot.handleText(who, line));
  const subs = () => app.testDb.db.prisma.subscription.findMany({ orderBy: { createdAt: "asc" } });

  beforeEach(async () => {
    app = await createTestApp(provider);
    app.services.lessons = testSettings();
    sender = new RecordingSender(app.clock);
  });
  afterEach(async () => {
    for (const db of others.splice(0)) await db.close();
    await app.close();
  });

  /** Another instance's store: its own connection pool on the same database. */
  async function otherStore() {
    const db = await openDatabase(app.testDb.url, { poolSize: 3 });
    others.push(db);
    return createStore(db.prisma);
  }
  // PostgreSQL: three instances, each with its own pool. SQLite runs as one process (README,
  // deployment shape 1), so there the race is between requests interleaving on its connection.
  const instances = async () =>
    provider === "postgres"
      ? [
          app.bot,
          ...(await Promise.all(
            [0, 1].map(async () => createBot({ ...app.services, store: await otherStore() })),
          )),
        ]
      : [app.bot];

  it("concurrent subscribes for one channel leave one active subscription; the lesson posts once", async () => {
    app.clock.set("2026-03-01T12:00:00Z"); // a Sunday
    const bots = await instances();
    const lines = [
      "/lesson subscribe channel:C1",
      "/lesson subscribe channel:C1 day:mon time:09:00",
      "/lesson subscribe channel:<#C1> mon 09:00 UTC",
    ];
    const replies = await Promise.all(
      [...bots, app.bot, app.bot].map((bot, i) => say(lines[i % lines.length], admin, bot)),
    );
    expect(replies).toHaveLength(bots.length + 2);
    for (const r of replies)
      expect(r).toContain(
        '#C1: Mondays at 09:00 (UTC).\nNext: lesson 1, "Generative AI and large models", on Mon 2 Mar 2026, 09:00 (UTC).',
      );
    // DMs too: the learner's DM is one target whichever DM channel they write from.
    await Promise.all([
      say("/lesson subscribe tue 10:00 UTC", me, bots.at(-1)),
      say("/lesson subscribe tue 10:00 UTC", { ...me, channelId: "D2" }, bots.at(-2)),
      say("/lesson subscribe tue 10:00 UTC", me),
    ]);
    const rows = await subs();
    expect(
      rows.map((r) => [r.channelId === "C1" ? "C1" : "dm", r.learnerExternalId, r.active]),
    ).toEqual([
      ["C1", null, true],
      ["dm", "ada", true],
    ]);
    app.clock.set("2026-03-02T09:00:30Z");
    expect((await ticker(app, sender)()).sent).toBe(1);
    app.clock.set("2026-03-03T10:00:30Z");
    expect((await ticker(app, sender)()).sent).toBe(1);
    expect(sender.sent.map((s) => [s.subscriptionId, s.title!.slice(0, 11)])).toEqual([
      [rows[0].id, "Lesson 1 of"],
      [rows[1].id, "Lesson 1 of"],
    ]);
  });

  it("the store's upsert is race-safe on its own: 30 concurrent calls on 10 targets, one row each", async () => {
    const stores =
      provider === "postgres"
        ? [app.services.store, await otherStore(), await otherStore()]
        : [app.services.store];
    const at = new Date("2026-03-01T12:00:00Z");
    const calls = Array.from({ length: 30 }, (_, i) => {
      const target = {
        platform: "console",
        workspaceId: "w",
        channelId: `c${i % 10}`,
        learnerExternalId: null,
      };
      const slot = {
        channelId: target.channelId,
        timeZone: "UTC",
        weekday: 1 + (i % 3),
        time: "09:00",
        cron: null,
        locale: "en" as const,
      };
      return stores[i % stores.length].subscriptions.upsert(
        { ...target, ...slot, courseId: "c", nextLesson: 0, createdAt: at },
        slot,
      );
    });
    const results = await Promise.all(calls);
    const rows = await subs();
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.active)).toBe(true);
    // Every call got the target's one row back.
    for (const [i, r] of results.entries())
      expect(r.id).toBe(rows.find((x) => x.channelId === `c${i % 10}`)!.id);
  });

  it("re-subscribing moves the slot of the same subscription: history, next lesson and id stay; the new slot does not catch up", async () => {
    const tick = ticker(app, sender);
    app.clock.set("2026-03-01T12:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    app.clock.set("2026-03-02T09:00:30Z");
    await tick();
    const [before] = await subs();
    app.clock.set("2026-03-04T12:00:00Z"); // Wednesday
    const out = await say("/lesson subscribe wed 10:00 UTC");
    expect(out).toContain("Subscription updated");
    // 10:00 today has passed: the new slot starts now, so it is not posted as a catch-up.
    expect(out).toContain('Next: lesson 2, "');
    expect(out).toContain("on Wed 11 Mar 2026, 10:00 (UTC)");
    const rows = await subs();
    expect(rows.map((r) => [r.id, r.weekday, r.time, r.nextLesson, r.active])).toEqual([
      [before.id, 3, "10:00", 1, true],
    ]);
    app.clock.set("2026-03-04T12:00:30Z");
    await tick();
    expect(sender.sent).toHaveLength(1);
    const list = await say("/lesson list");
    expect(list).toContain("Next lesson: 2.");
    expect(list).toContain("✅ Mon 2 Mar 2026, 09:00 (UTC): lesson 1 sent");
    app.clock.set("2026-03-11T10:00:30Z");
    await tick();
    expect(sender.sent.map((s) => [s.subscriptionId, s.title!.slice(0, 11)])).toEqual([
      [before.id, "Lesson 1 of"],
      [before.id, "Lesson 2 of"],
    ]);
    // Unsubscribing and subscribing again reactivates the same row, at the same lesson.
    await say("/lesson unsubscribe");
    expect(await say("/lesson subscribe")).toContain('Next: lesson 3, "');
    expect((await subs()).map((r) => [r.id, r.active])).toEqual([[before.id, true]]);
  });

  it("console repro: a pending skip whose occurrence the new slot no longer has is dropped, and the reply says so", async () => {
    const tick = ticker(app, sender);
    app.clock.set("2026-11-29T13:00:00Z"); // Sunday
    await say("/lesson subscribe");
    expect(await say("/lesson skip")).toContain("Skipped the post on Mon 30 Nov 2026, 09:00 (UTC)");
    const out = await say('/lesson subscribe cron:"30 8 * * 1,4"');
    expect(out).toContain(
      'cron `30 8 * * 1,4` (UTC).\nNext: lesson 1, "Generative AI and large models", on Mon 30 Nov 2026, 08:30 (UTC).',
    );
    expect(out).toContain(
      "Your skip of Mon 30 Nov 2026, 09:00 (UTC) no longer applies: the new schedule does not post then. To skip Mon 30 Nov 2026, 08:30 (UTC) instead, run /lesson skip again.",
    );
    expect(await app.testDb.db.prisma.delivery.count()).toBe(0);
    expect(await say("/lesson list")).not.toContain("skipped");
    app.clock.set("2026-11-30T08:30:30Z");
    await tick();
    expect(sender.sent.map((s) => s.title!.slice(0, 11))).toEqual(["Lesson 1 of"]);
  });

  it("a pending skip the new slot still fires at stays, even behind an earlier post of the new slot", async () => {
    const tick = ticker(app, sender);
    app.clock.set("2026-03-04T12:00:00Z"); // Wednesday
    await say("/lesson subscribe mon 09:00 UTC");
    expect(await say("/lesson skip")).toContain("Skipped the post on Mon 9 Mar 2026, 09:00 (UTC)");
    const out = await say('/lesson subscribe cron:"0 9 * * 1,5"');
    expect(out).toContain(
      'Next: lesson 1, "Generative AI and large models", on Fri 6 Mar 2026, 09:00 (UTC).',
    );
    expect(out).toContain("Still skipped: Mon 9 Mar 2026, 09:00 (UTC).");
    expect(out).not.toContain("no longer applies");
    const list = await say("/lesson list");
    expect(list).toContain("Next post: Fri 6 Mar 2026, 09:00 (UTC)");
    expect(list).toContain("⏭️ Mon 9 Mar 2026, 09:00 (UTC): skipped (/lesson skip, by the learner)");
    // A second skip takes the next free occurrence: Friday, not the already skipped Monday.
    expect(await say("/lesson skip")).toContain(
      "Skipped the post on Fri 6 Mar 2026, 09:00 (UTC). Lesson 1 moves to Fri 13 Mar 2026, 09:00 (UTC)",
    );
    await app.testDb.db.prisma.delivery.deleteMany({
      where: { occurrenceAt: new Date("2026-03-06T09:00:00Z") },
    }); // undo it
    for (const at of ["2026-03-06T09:00:30Z", "2026-03-09T09:00:30Z", "2026-03-13T09:00:30Z"]) {
      app.clock.set(at);
      await tick();
    }
    expect(sender.sent.map((s) => [s.at.toISOString(), s.title!.slice(0, 11)])).toEqual([
      ["2026-03-06T09:00:30.000Z", "Lesson 1 of"],
      ["2026-03-13T09:00:30.000Z", "Lesson 2 of"],
    ]);
    const rows = await app.testDb.db.prisma.delivery.findMany({ orderBy: { occurrenceAt: "asc" } });
    expect(rows.map((d) => [d.occurrenceAt.toISOString().slice(0, 10), d.status])).toEqual([
      ["2026-03-06", "sent"],
      ["2026-03-09", "skipped"],
      ["2026-03-13", "sent"],
    ]);
  });
});
