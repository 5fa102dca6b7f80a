// Round rules and the RoundRepo contract on both engines: one answer per learner and question,
// exactly one of two concurrent advancers wins, points by speed among correct answers, one
// running round per channel even when two starts race, and rounds that could outlast a limited
// posting window (Discord without a bot token) are refused before anything is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../../src/core/commands/types";
import { UserError } from "../../../src/core/errors";
import { RoundRunningError, type RoundRepo } from "../../../src/core/ports/rounds";
import {
  advanceDueRounds,
  answerRound,
  roundPosted,
  startRound,
} from "../../../src/core/rounds/channel-round";
import {
  fitPostWindow,
  pointsForQuestion,
  scoreboard,
  ROUND_STUCK_AFTER_MS,
} from "../../../src/core/rounds/rules";
import { PROVIDERS } from "../../helpers/db";
import { actor, createTestApp, type TestApp } from "../../helpers/app";
import { msg } from "../../../src/core/messages/catalogue";

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
      {
        ...base,
        id: "1",
        learnerId: "a",
        displayName: "A",
        correct: true,
        elapsedMs: 3000,
        points: 8,
      },
      {
        ...base,
        id: "2",
        learnerId: "b",
        displayName: "B",
        correct: true,
        elapsedMs: 1000,
        points: 8,
      },
      {
        ...base,
        id: "3",
        learnerId: "c",
        displayName: "C",
        correct: false,
        elapsedMs: 500,
        points: 0,
      },
    ]);
    expect(lines.map((l) => l.name)).toEqual(["B", "A", "C"]);
  });

  it("fits a round into a posting window with two minutes to spare, and says what would fit", () => {
    const window = 15 * 60_000; // 13 usable minutes = 780 s
    expect(fitPostWindow(20, 20, window)).toMatchObject({ fits: true, plannedMs: 400_000 });
    expect(fitPostWindow(6, 120, window).fits).toBe(true); // 720 s
    expect(fitPostWindow(13, 60, window).fits).toBe(true); // exactly 780 s
    expect(fitPostWindow(7, 120, window)).toMatchObject({
      fits: false,
      plannedMs: 840_000,
      maxQuestions: 6,
      maxSeconds: 111,
    });
    expect(fitPostWindow(20, 120, window)).toMatchObject({
      fits: false,
      maxQuestions: 6,
      maxSeconds: 39,
    });
  });
});

describe.each(PROVIDERS)("channel rounds on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => {
    await t?.close();
  });

  const ctxFor = async (
    userId: string,
    channelId = "c1",
    extra: Partial<Ctx["actor"]> = {},
  ): Promise<Ctx> => {
    const a = actor(userId, { platform: "slack", channelId, ...extra });
    const learner = await t.services.store.learners.upsert(
      { platform: a.platform, workspaceId: a.workspaceId, externalId: userId },
      userId,
    );
    return {
      ...t.services,
      actor: a,
      learner,
      locale: "en" as const,
      msg: (key, ...params) => msg("en", key, ...params),
      t: (_zh: string, en: string) => en,
    };
  };
  const roundsIn = (channelId: string) =>
    t.testDb.db.prisma.channelRound.findMany({ where: { channelId } });
  const userError = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserError);
    return e as UserError;
  };

  it("refuses direct messages and a second round in the same channel", async () => {
    const dm = await ctxFor("u1");
    await expect(
      startRound({ ...dm, actor: { ...dm.actor, isDirectMessage: true } }, {}),
    ).rejects.toThrow(/server channel/);
    await startRound(await ctxFor("u1", "busy"), { count: 1 });
    await expect(startRound(await ctxFor("u2", "busy"), { count: 1 })).rejects.toThrow(
      /already running/,
    );
  });

  it("takes one answer per learner and lets exactly one concurrent advancer close the question", async () => {
    const ctx = await ctxFor("u1", "c2");
    await startRound(ctx, { count: 2, seconds: 20 });
    const round = (await t.services.store.rounds.findRunning("slack", "c2"))!;
    const q = t.services.index.question(round.questionIds[0])!;
    const ids =
      q.type === "single"
        ? [q.answer]
        : q.type === "true-false"
          ? [String(q.answer)]
          : q.type === "numeric"
            ? [`${q.answer.value}${q.answer.unit}`]
            : q.type === "matching"
              ? Object.entries(q.answer).map(([l, r]) => `${l}=${r}`)
              : q.answer;
    const answer = { ids };
    t.clock.advance(1_500);
    expect((await answerRound(ctx, round.id, "0", answer)).text).toContain(
      "Answer locked in (1.5 s)",
    );
    await expect(answerRound(ctx, round.id, "0", answer)).rejects.toThrow(/already answered/);
    t.clock.advance(18_500);
    const [a, b] = await Promise.all([
      advanceDueRounds(t.services, { platform: "slack" }),
      advanceDueRounds(t.services, { platform: "slack" }),
    ]);
    const forC2 = [...a, ...b].filter((e) => e.round.channelId === "c2");
    expect(forC2).toHaveLength(1);
    expect(forC2[0].replies.map((r) => r.title)).toEqual([
      "Time's up · 1/2",
      "Channel round · 2/2",
    ]);
    await expect(answerRound(ctx, round.id, "0", answer)).rejects.toThrow(/Time is up/);
  });

  it("lets exactly one of two racing starts run a round; the other starter is told plainly", async () => {
    // Both starters pass the "is a round running?" check before either creates its round, the
    // way two clicks or two instances interleave: only the database can tell them apart.
    let arrived = 0;
    let release!: () => void;
    const bothChecked = new Promise<void>((r) => {
      release = r;
    });
    const racing: RoundRepo = {
      ...t.services.store.rounds,
      async findRunning(platform, channelId) {
        const found = await t.services.store.rounds.findRunning(platform, channelId);
        if (++arrived === 2) release();
        await bothChecked;
        return found;
      },
    };
    const [ann, bo] = await Promise.all([ctxFor("ann", "race"), ctxFor("bo", "race")]);
    const results = await Promise.allSettled([
      startRound({ ...ann, store: { ...ann.store, rounds: racing } }, { count: 2 }),
      startRound({ ...bo, store: { ...bo.store, rounds: racing } }, { count: 2 }),
    ]);
    expect(arrived).toBe(2);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toBeInstanceOf(UserError);
    expect(lost[0].reason.code).toBe("round_running");
    expect(lost[0].reason.text).toEqual({
      zh: "这个频道已经有一轮抢答在进行中，直接参加就好；结束后再开新的一轮。",
      en: "A round is already running in this channel. Join in, or start a new one when it ends.",
    });
    const stored = await roundsIn("race");
    expect(stored.map((r) => r.status)).toEqual(["running"]);
    expect((await t.services.store.rounds.findRunning("slack", "race"))?.id).toBe(stored[0].id);
  });

  it("the database refuses every second running round in a channel, however many creates race", async () => {
    const base = {
      platform: "slack",
      workspaceId: "w1",
      channelId: "stampede",
      questionIds: ["x"],
      secondsPerQuestion: 20,
      questionStartedAt: t.clock.now(),
      locale: "en" as const,
      messageRef: null,
    };
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, () => t.services.store.rounds.create(base)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results
        .filter((r) => r.status === "rejected")
        .map((r) => (r as PromiseRejectedResult).reason),
    ).toEqual(Array(5).fill(expect.any(RoundRunningError)));
    // Another channel, or the same channel id on another platform, is not affected.
    await t.services.store.rounds.create({ ...base, channelId: "stampede-2" });
    await t.services.store.rounds.create({ ...base, platform: "discord" });
  });

  it("frees the channel when a round finishes, and replaces a round nothing has advanced for long", async () => {
    const ctx = await ctxFor("u1", "reuse");
    await startRound(ctx, { count: 1, seconds: 10 });
    t.clock.advance(10_000);
    const events = (await advanceDueRounds(t.services, { platform: "slack" })).filter(
      (e) => e.round.channelId === "reuse",
    );
    expect(events.map((e) => e.finished)).toEqual([true]);
    await roundPosted(t.services, events[0]);
    await startRound(ctx, { count: 1, seconds: 10 }); // the finished round no longer holds the channel

    // No instance ticks this round any more: just past its deadline it still blocks (a tick is
    // due any moment), a minute later a new start cancels it and takes the channel.
    t.clock.advance(10_000);
    await expect(startRound(await ctxFor("u2", "reuse"), { count: 1 })).rejects.toThrow(
      /already running/,
    );
    t.clock.advance(ROUND_STUCK_AFTER_MS);
    await startRound(await ctxFor("u2", "reuse"), { count: 1 });
    const stored = await roundsIn("reuse");
    expect(stored.map((r) => r.status).sort()).toEqual(["cancelled", "finished", "running"]);
  });

  it("refuses a round that could outlast a limited posting window, saying what would fit", async () => {
    // The setting to name is the platform's own word (the actor's terms), not the core's.
    const limited = await ctxFor("u1", "webhook-only", {
      replyWindowMs: 15 * 60_000,
      terms: { botToken: "DISCORD_TOKEN" },
    });
    const e = await userError(startRound(limited, { count: 20, seconds: 120 }));
    expect(e.code).toBe("round_too_long");
    expect(e.text.en).toBe(
      "This round would take about 40 min, but without a bot token the bot can only post here for 15 minutes after your command. " +
        "Use fewer questions or less time (at most 6 questions at 120 s each, or at most 39 s each for 20 questions), or ask an admin to set a bot token (DISCORD_TOKEN).",
    );
    expect(e.text.zh).toContain("每题 120 秒时最多 6 题");
    expect(e.text.zh).toContain("20 题时每题最多 39 秒");
    expect(await roundsIn("webhook-only")).toEqual([]); // nothing was stored

    // What the message suggests is accepted; without a window the long round is fine too.
    await startRound(limited, { count: 6, seconds: 120 });
    const unlimited = await ctxFor("u1", "bot-token");
    await startRound(unlimited, { count: 20, seconds: 120 });
    expect((await roundsIn("bot-token")).map((r) => (r.questionIds as string[]).length)).toEqual([
      20,
    ]);
  });
});
