// Round rules and the RoundRepo contract on both engines: one answer per learner and question,
// exactly one of two concurrent advancers wins, points by speed among correct answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { advanceDueRounds, answerRound, startRound } from "../../../src/core/rounds/channel-round";
import { pointsForQuestion, scoreboard } from "../../../src/core/rounds/rules";
import { PROVIDERS } from "../../helpers/db";
import { actor, createTestApp, type TestApp } from "../../helpers/app";

describe("round rules", () => {
  it("ranks correct answers by speed; wrong answers score nothing", () => {
    const at = new Date(0);
    const pts = pointsForQuestion([
      { id: "slow", correct: true, elapsedMs: 9000, createdAt: at },
      { id: "wrong", correct: false, elapsedMs: 100, createdAt: at },
      { id: "fast", correct: true, elapsedMs: 1000, createdAt: at },
      { id: "mid", correct: true, elapsedMs: 4000, createdAt: at },
      { id: "late", correct: true, elapsedMs: 15000, createdAt: at },
    ]);
    expect(Object.fromEntries(pts)).toEqual({ fast: 10, mid: 8, slow: 6, late: 4, wrong: 0 });
  });

  it("orders the scoreboard by points, then right answers, then time", () => {
    const base = { roundId: "r", questionIndex: 0, createdAt: new Date(0) };
    const lines = scoreboard([
      { ...base, id: "1", learnerId: "a", displayName: "A", correct: true, elapsedMs: 3000, points: 8 },
      { ...base, id: "2", learnerId: "b", displayName: "B", correct: true, elapsedMs: 1000, points: 8 },
      { ...base, id: "3", learnerId: "c", displayName: "C", correct: false, elapsedMs: 500, points: 0 },
    ]);
    expect(lines.map((l) => l.name)).toEqual(["B", "A", "C"]);
  });
});

describe.each(PROVIDERS)("channel rounds on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(provider); });
  afterAll(async () => { await t?.close(); });

  const ctxFor = async (userId: string, channelId = "c1") => {
    const a = actor(userId, { platform: "slack", channelId });
    const learner = await t.services.store.learners.upsert({ platform: a.platform, workspaceId: a.workspaceId, externalId: userId }, userId);
    return { ...t.services, actor: a, learner, locale: "en" as const, t: (_zh: string, en: string) => en };
  };

  it("refuses direct messages and a second round in the same channel", async () => {
    const dm = await ctxFor("u1");
    await expect(startRound({ ...dm, actor: { ...dm.actor, isDirectMessage: true } }, {})).rejects.toThrow(/server channel/);
    await startRound(await ctxFor("u1", "busy"), { count: 1 });
    await expect(startRound(await ctxFor("u2", "busy"), { count: 1 })).rejects.toThrow(/already running/);
  });

  it("takes one answer per learner and lets exactly one concurrent advancer close the question", async () => {
    const ctx = await ctxFor("u1", "c2");
    await startRound(ctx, { count: 2, seconds: 20 });
    const round = (await t.services.store.rounds.findRunning("slack", "c2"))!;
    const q = t.services.index.question(round.questionIds[0])!;
    const ids = q.type === "single" ? [q.answer] : q.type === "true-false" ? [String(q.answer)] : q.type === "numeric" ? [`${q.answer.value}${q.answer.unit}`]
      : q.type === "matching" ? Object.entries(q.answer).map(([l, r]) => `${l}=${r}`) : q.answer;
    const answer = { ids };
    t.clock.advance(1_500);
    expect((await answerRound(ctx, round.id, "0", answer)).text).toContain("Answer locked in (1.5 s)");
    await expect(answerRound(ctx, round.id, "0", answer)).rejects.toThrow(/already answered/);
    t.clock.advance(18_500);
    const [a, b] = await Promise.all([advanceDueRounds(t.services, { platform: "slack" }), advanceDueRounds(t.services, { platform: "slack" })]);
    const forC2 = [...a, ...b].filter((e) => e.round.channelId === "c2");
    expect(forC2).toHaveLength(1);
    expect(forC2[0].replies.map((r) => r.title)).toEqual(["Time's up · 1/2", "Channel round · 2/2"]);
    await expect(answerRound(ctx, round.id, "0", answer)).rejects.toThrow(/Time is up/);
  });
});
