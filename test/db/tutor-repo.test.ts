// TutorRepo contract on both engines: thread turns, the budget's compare-and-set, usage per day
// and the embeddings cache.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/db/store";
import type { Store } from "../../src/core/ports/store";
import { createTestDb, PROVIDERS, type TestDb } from "../helpers/db";

describe.each(PROVIDERS)("TutorRepo on %s", (provider) => {
  let db: TestDb;
  let store: Store;
  let learnerId: string;
  beforeAll(async () => {
    db = await createTestDb(provider);
    store = createStore(db.db.prisma);
    learnerId = (
      await store.learners.upsert({ platform: "console", workspaceId: "w", externalId: "u" })
    ).id;
  });
  afterAll(async () => {
    await db.drop();
  });

  it("keeps the last turns of a thread, oldest first, per thread", async () => {
    for (let i = 0; i < 8; i++)
      await store.tutor.addTurn(learnerId, "t:1", {
        role: i % 2 ? "assistant" : "user",
        content: `m${i}`,
        questionId: i === 7 ? "q1" : null,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      });
    await store.tutor.addTurn(learnerId, "t:2", {
      role: "user",
      content: "other",
      questionId: null,
      createdAt: new Date(Date.UTC(2026, 0, 2)),
    });
    const turns = await store.tutor.recentTurns(learnerId, "t:1", 3);
    expect(turns.map((t) => t.content)).toEqual(["m5", "m6", "m7"]);
    expect(turns[2]).toMatchObject({ role: "assistant", questionId: "q1" });
  });

  it("writes the budget only if it did not change since it was read", async () => {
    const first = {
      tokens: 10,
      refilledAt: new Date("2026-01-01T00:00:00Z"),
      day: "2026-01-01",
      tokensToday: 0,
    };
    expect(await store.tutor.saveBudget(learnerId, null, first)).toBe(true);
    expect(await store.tutor.saveBudget(learnerId, null, first)).toBe(false); // row exists now
    const read = (await store.tutor.getBudget(learnerId))!;
    expect(read).toEqual(first);
    const spent = { ...read, tokens: 9 };
    expect(await store.tutor.saveBudget(learnerId, read, spent)).toBe(true);
    expect(await store.tutor.saveBudget(learnerId, read, { ...read, tokens: 8 })).toBe(false); // stale
    expect((await store.tutor.getBudget(learnerId))!.tokens).toBe(9);
  });

  it("sums usage per UTC day and model", async () => {
    const row = (
      at: string,
      model: string,
      tokensIn: number,
      tokensOut: number,
      outcome: "ok" | "error" = "ok",
    ) =>
      store.tutor.recordUsage({
        learnerId,
        model,
        tokensIn,
        tokensOut,
        latencyMs: 5,
        outcome,
        createdAt: new Date(at),
      });
    await row("2026-02-01T10:00:00Z", "m", 100, 10);
    await row("2026-02-01T23:00:00Z", "m", 50, 5, "error");
    await row("2026-02-02T01:00:00Z", "m", 1, 1);
    await row("2026-01-01T01:00:00Z", "m", 999, 999);
    expect(await store.tutor.usageByDay(new Date("2026-02-01T00:00:00Z"))).toEqual([
      { day: "2026-02-01", model: "m", requests: 2, tokensIn: 150, tokensOut: 15, failures: 1 },
      { day: "2026-02-02", model: "m", requests: 1, tokensIn: 1, tokensOut: 1, failures: 0 },
    ]);
  });

  it("caches embeddings by hash", async () => {
    await store.tutor.putEmbeddings([{ hash: "h1", model: "e", vector: [0.5, -1, 2] }]);
    await store.tutor.putEmbeddings([{ hash: "h1", model: "e", vector: [9] }]); // first write wins
    const got = await store.tutor.getEmbeddings(["h1", "h2"]);
    expect([...got]).toEqual([["h1", [0.5, -1, 2]]]);
  });
});
