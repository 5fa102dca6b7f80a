// The learner cache across instances (PostgreSQL): two "instances" (two openDatabase on one
// database) each cache learners; a change made through one (settings, the streak written with an
// answer, forgetting the learner) reaches the other's copy through NOTIFY; with the LISTEN
// connection gone the cache is off (every request reads the row) until it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countStatements } from "../../bench/lib/floor";
import type { Store } from "../../src/core/ports/store";
import { openDatabase, type Database_ } from "../../src/db/connect";
import { pgLearnerCache } from "../../src/db/fast/learner-cache";
import { createStore } from "../../src/db/store";
import { createTestDatabaseUrl } from "../helpers/db";

const T0 = new Date("2026-03-02T09:00:00Z");

async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("learner cache across instances (postgres)", () => {
  let drop: () => Promise<void>;
  let a: Database_;
  let b: Database_;
  let storeA: Store;
  let storeB: Store;
  beforeAll(async () => {
    const t = await createTestDatabaseUrl("postgres");
    drop = t.drop;
    a = await openDatabase(t.url, { poolSize: 3 });
    b = await openDatabase(t.url, { poolSize: 3, migrate: false });
    storeA = createStore(a.prisma);
    storeB = createStore(b.prisma);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  const key = (externalId: string) => ({ platform: "discord", workspaceId: "w1", externalId });
  /** Whether instance A answers this learner from its cache (no statement). */
  async function cachedOnA(externalId: string, name: string) {
    const counter = countStatements(a.raw);
    try {
      await storeA.learners.upsert(key(externalId), name);
      return counter.count === 0;
    } finally {
      counter.restore();
    }
  }

  it("serves a known learner without a statement, and sees another instance's settings", async () => {
    const counter = countStatements(a.raw);
    try {
      const first = await storeA.learners.upsert(key("u1"), "Ada");
      await until("the cache to be live", async () => {
        counter.reset();
        await storeA.learners.upsert(key("u1"), "Ada");
        return counter.count === 0;
      });
      // Another instance changes the learner's language: this one's copy follows.
      await storeB.learners.update(first.id, { locale: "zh" });
      await until("instance A to see the new locale", async () => {
        return (await storeA.learners.upsert(key("u1"), "Ada")).locale === "zh";
      });
      // A new name is written by the instance that sees it, whatever its copy said.
      const renamed = await storeA.learners.upsert(key("u1"), "Ada L.");
      expect(renamed.displayName).toBe("Ada L.");
      expect((await storeB.learners.get(first.id))?.displayName).toBe("Ada L.");
    } finally {
      counter.restore();
    }
  });

  it("a streak written by one instance reaches the other's copy", async () => {
    const l = await storeA.learners.upsert(key("u2"), "Bo");
    expect(await cachedOnA("u2", "Bo")).toBe(true);
    const s = await storeB.sessions.create({
      learnerId: l.id,
      mode: "practice",
      topic: null,
      questionIds: ["q1", "q2"],
      questionShownAt: T0,
      startedAt: T0,
    });
    await storeB.sessions.answer(
      s.id,
      0,
      { position: 1 },
      {
        learnerId: l.id,
        sessionId: s.id,
        questionId: "q1",
        topic: "t",
        lessonId: "l",
        workspaceId: "w1",
        given: { choice: "a" },
        correct: true,
        score: 1,
        points: 10,
        timeTakenMs: 1000,
        hintUsed: false,
        firstTry: true,
        createdAt: T0,
      },
      { streak: { count: 1, lastDay: "2026-03-02", freezes: 0, previousDay: null } },
    );
    await until("instance A to see the streak", async () => {
      return (await storeA.learners.upsert(key("u2"), "Bo")).streakLastDay === "2026-03-02";
    });
  });

  it("a learner forgotten on one instance is a new learner on the other", async () => {
    const l = await storeA.learners.upsert(key("u3"), "Cy");
    expect(await cachedOnA("u3", "Cy")).toBe(true);
    await storeB.privacy.forgetLearner(l.id);
    await until("instance A to forget the learner", async () => {
      return (await storeA.learners.upsert(key("u3"), "Cy")).id !== l.id;
    });
  });
});

describe("learner cache without its LISTEN connection", () => {
  it("keeps nothing while the connection is down, and resumes when it is back", async () => {
    const t = await createTestDatabaseUrl("postgres");
    const db = await openDatabase(t.url, { poolSize: 2 });
    const errors: unknown[] = [];
    const cache = pgLearnerCache({
      url: t.url,
      raw: db.raw as Extract<Database_["raw"], { provider: "postgres" }>,
      onError: (e) => errors.push(e),
    });
    try {
      const learner = {
        id: "l1",
        platform: "discord",
        workspaceId: "w",
        externalId: "x",
        displayName: "",
        locale: null,
        timeZone: "UTC",
        remindersOn: false,
        streakCount: 0,
        streakLastDay: null,
        streakFreezes: 0,
        createdAt: T0,
      };
      await until("live", () => cache.live);
      cache.put(learner, cache.generation);
      expect(cache.get(learner)?.id).toBe("l1");
      // A copy read before an announcement is not kept.
      const before = cache.generation;
      cache.drop("someone-else");
      cache.put({ ...learner, id: "l2", externalId: "y" }, before);
      expect(cache.get({ ...learner, externalId: "y" })).toBeUndefined();
      // The server ends the LISTEN connection: the cache empties and keeps nothing.
      await db.raw.run(
        {
          sqlite: "",
          pg: `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN coursebot_learner%' AND datname = current_database()`,
          name: "test_kill_listen",
        },
        [],
      );
      await until("down", () => !cache.live);
      expect(cache.get(learner)).toBeUndefined();
      cache.put(learner, cache.generation);
      expect(cache.get(learner)).toBeUndefined();
      // It reconnects by itself.
      await until("live again", () => cache.live, 10_000);
      cache.put(learner, cache.generation);
      expect(cache.get(learner)?.id).toBe("l1");
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await cache.close();
      await db.close();
      await t.drop();
    }
  });
});
