// Repository contract: every Store method behaves the same on SQLite and PostgreSQL.
// One suite, run once per engine (describe.each(PROVIDERS)).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CardRecord } from "../../src/core/ports/learning";
import { StaleSessionError, type NewAnswer } from "../../src/core/ports/quiz";
import type { Store } from "../../src/core/ports/store";
import { createStore } from "../../src/db/store";
import { createTestDb, PROVIDERS, type TestDb } from "../helpers/db";

const T0 = new Date("2026-03-02T09:00:00Z");
const at = (min: number) => new Date(T0.getTime() + min * 60_000);

function card(
  learnerId: string,
  questionId: string,
  due: Date,
  extra: Partial<CardRecord> = {},
): CardRecord {
  return {
    learnerId,
    questionId,
    due,
    stability: 2.3,
    difficulty: 5.1,
    elapsedDays: 0,
    scheduledDays: 3,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    state: 2,
    lastReview: T0,
    ...extra,
  };
}

describe.each(PROVIDERS)("repository contract (%s)", (provider) => {
  let tdb: TestDb;
  let store: Store;
  beforeAll(async () => {
    tdb = await createTestDb(provider);
    store = createStore(tdb.db.prisma);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  const key = (externalId: string, workspaceId = "w1") => ({
    platform: "discord",
    workspaceId,
    externalId,
  });
  function answer(
    learnerId: string,
    sessionId: string | null,
    questionId: string,
    createdAt: Date,
    extra: Partial<NewAnswer> = {},
  ): NewAnswer {
    return {
      learnerId,
      sessionId,
      questionId,
      topic: "units",
      lessonId: "l02-parameters",
      workspaceId: "w1",
      given: { type: "single", choice: "a" },
      correct: true,
      score: 1,
      points: 10,
      timeTakenMs: 4000,
      hintUsed: false,
      firstTry: true,
      createdAt,
      ...extra,
    };
  }

  describe("learners", () => {
    it("upsert creates once, refreshes the name, update patches settings", async () => {
      const a = await store.learners.upsert(key("L1"), "Ann");
      const again = await store.learners.upsert(key("L1"), "Annie");
      expect(again.id).toBe(a.id);
      expect(again.displayName).toBe("Annie");
      expect((await store.learners.upsert(key("L1"))).displayName).toBe("Annie");
      expect((await store.learners.upsert(key("L1", "w2"))).id).not.toBe(a.id);
      const u = await store.learners.update(a.id, {
        locale: "zh",
        timeZone: "Asia/Shanghai",
        streakCount: 3,
        streakLastDay: "2026-03-02",
        streakFreezes: 1,
      });
      expect(u).toMatchObject({
        locale: "zh",
        timeZone: "Asia/Shanghai",
        streakCount: 3,
        streakLastDay: "2026-03-02",
        streakFreezes: 1,
      });
      expect(await store.learners.get(a.id)).toMatchObject({ id: a.id, locale: "zh" });
      expect(await store.learners.get("nope")).toBeNull();
    });
  });

  describe("sessions and answers", () => {
    it("create, findOpen, conditional update, abandonOpen", async () => {
      const l = await store.learners.upsert(key("S1"));
      const s = await store.sessions.create({
        learnerId: l.id,
        mode: "review",
        topic: null,
        questionIds: ["q1", "q2"],
        questionShownAt: T0,
        startedAt: T0,
      });
      expect(s).toMatchObject({
        mode: "review",
        questionIds: ["q1", "q2"],
        position: 0,
        status: "open",
        version: 0,
      });
      expect((await store.sessions.findOpen(l.id))?.id).toBe(s.id);
      const u = await store.sessions.update(s.id, 0, { hintsShown: 1 });
      expect(u).toMatchObject({ hintsShown: 1, version: 1 });
      await expect(store.sessions.update(s.id, 0, { hintsShown: 2 })).rejects.toBeInstanceOf(
        StaleSessionError,
      );
      expect(await store.sessions.abandonOpen(l.id, at(5))).toBe(1);
      expect(await store.sessions.findOpen(l.id)).toBeNull();
      expect((await store.sessions.get(s.id))?.status).toBe("abandoned");
    });

    it("markShown sets the shown time at the current position of an open session, leaving the version alone", async () => {
      const l = await store.learners.upsert(key("SM1"));
      const s = await store.sessions.create({
        learnerId: l.id,
        mode: "practice",
        topic: null,
        questionIds: ["q1", "q2"],
        questionShownAt: T0,
        startedAt: T0,
      });
      expect(await store.sessions.markShown(s.id, 0, at(2))).toBe(true);
      expect(await store.sessions.get(s.id)).toMatchObject({
        questionShownAt: at(2),
        position: 0,
        version: 0,
      });
      // A double click of Next: fine again, and the version-guarded step that follows is not stale.
      expect(await store.sessions.markShown(s.id, 0, at(3))).toBe(true);
      expect(await store.sessions.update(s.id, 0, { position: 1 })).toMatchObject({
        position: 1,
        version: 1,
        questionShownAt: at(3),
      });
      // A Next for a question already past, an unknown session, a closed session: nothing changes.
      expect(await store.sessions.markShown(s.id, 0, at(9))).toBe(false);
      expect((await store.sessions.get(s.id))?.questionShownAt).toEqual(at(3));
      expect(await store.sessions.markShown("no-such-session", 0, at(9))).toBe(false);
      await store.sessions.abandonOpen(l.id, at(10));
      expect(await store.sessions.markShown(s.id, 1, at(11))).toBe(false);
      expect(await store.sessions.get(s.id)).toMatchObject({
        status: "abandoned",
        questionShownAt: at(3),
        version: 2,
      });
    });

    it("answer records the answer, the card and the learner patch in one transaction", async () => {
      const l = await store.learners.upsert(key("S2"));
      const s = await store.sessions.create({
        learnerId: l.id,
        mode: "practice",
        topic: "units",
        questionIds: ["q1", "q2"],
        questionShownAt: T0,
        startedAt: T0,
      });
      const r = await store.sessions.answer(
        s.id,
        0,
        { position: 1 },
        answer(l.id, s.id, "q1", at(1)),
        {
          card: card(l.id, "q1", at(3 * 1440)),
          streak: { count: 1, lastDay: "2026-03-02", freezes: 0, previousDay: null },
        },
      );
      expect(r.session).toMatchObject({ position: 1, version: 1 });
      expect(r.answer).toMatchObject({
        questionId: "q1",
        correct: true,
        points: 10,
        given: { type: "single", choice: "a" },
      });
      expect(await store.cards.get(l.id, "q1")).toMatchObject({
        questionId: "q1",
        reps: 1,
        due: at(3 * 1440),
      });
      expect((await store.learners.get(l.id))?.streakCount).toBe(1);
      // A stale version writes nothing: no answer, no card change, no streak change.
      await expect(
        store.sessions.answer(s.id, 0, { position: 2 }, answer(l.id, s.id, "q2", at(2)), {
          card: card(l.id, "q2", at(10)),
          streak: { count: 9, lastDay: "2026-03-03", freezes: 0, previousDay: "2026-03-02" },
        }),
      ).rejects.toBeInstanceOf(StaleSessionError);
      expect(await store.answers.listBySession(s.id)).toHaveLength(1);
      expect(await store.cards.get(l.id, "q2")).toBeNull();
      expect((await store.learners.get(l.id))?.streakCount).toBe(1);
      // A second answer to the same question replaces the card.
      await store.sessions.answer(
        s.id,
        1,
        { position: 2, status: "finished", finishedAt: at(3) },
        answer(l.id, s.id, "q1", at(3), { correct: false, score: 0, points: 0 }),
        { card: card(l.id, "q1", at(1440), { lapses: 1, reps: 2 }) },
      );
      expect(await store.cards.get(l.id, "q1")).toMatchObject({
        lapses: 1,
        reps: 2,
        due: at(1440),
      });
    });

    it("lists answers by learner (since, limit) and by session; hasAnswered", async () => {
      const l = await store.learners.upsert(key("S3"));
      for (let i = 0; i < 4; i++)
        await store.sessions.answer(
          (
            await store.sessions.create({
              learnerId: l.id,
              mode: "practice",
              topic: null,
              questionIds: ["x"],
              questionShownAt: T0,
              startedAt: T0,
            })
          ).id,
          0,
          { position: 1 },
          answer(l.id, null, `q${i}`, at(i)),
        );
      expect((await store.answers.listByLearner(l.id)).map((a) => a.questionId)).toEqual([
        "q0",
        "q1",
        "q2",
        "q3",
      ]);
      expect(
        (await store.answers.listByLearner(l.id, { since: at(2) })).map((a) => a.questionId),
      ).toEqual(["q2", "q3"]);
      expect(await store.answers.listByLearner(l.id, { limit: 2 })).toHaveLength(2);
      expect(await store.answers.hasAnswered(l.id, "q1")).toBe(true);
      expect(await store.answers.hasAnswered(l.id, "q9")).toBe(false);
    });
  });

  describe("cards", () => {
    it("put / get / listByLearner / listDue oldest first / countDue / nextDue", async () => {
      const l = await store.learners.upsert(key("C1"));
      expect(await store.cards.nextDue(l.id)).toBeNull();
      await store.cards.put(card(l.id, "b", at(30)));
      await store.cards.put(card(l.id, "a", at(10)));
      await store.cards.put(card(l.id, "c", at(100)));
      await store.cards.put(card(l.id, "d", at(20), { lastReview: null, state: 0 }));
      expect((await store.cards.get(l.id, "d"))?.lastReview).toBeNull();
      expect((await store.cards.listByLearner(l.id)).map((c) => c.questionId)).toEqual([
        "a",
        "d",
        "b",
        "c",
      ]);
      expect((await store.cards.listDue(l.id, at(30))).map((c) => c.questionId)).toEqual([
        "a",
        "d",
        "b",
      ]);
      expect((await store.cards.listDue(l.id, at(30), 2)).map((c) => c.questionId)).toEqual([
        "a",
        "d",
      ]);
      expect(await store.cards.countDue(l.id, at(25))).toBe(2);
      expect(await store.cards.nextDue(l.id)).toEqual(at(10));
      const other = await store.learners.upsert(key("C2"));
      expect(await store.cards.countDue(other.id, at(1000))).toBe(0);
    });
  });

  describe("communities", () => {
    it("get is null until set; setTimeZone upserts", async () => {
      const k = { platform: "slack", workspaceId: "T1" };
      expect(await store.communities.get(k)).toBeNull();
      expect(await store.communities.setTimeZone(k, "Asia/Shanghai")).toMatchObject({
        ...k,
        timeZone: "Asia/Shanghai",
      });
      await store.communities.setTimeZone(k, "Europe/Berlin");
      expect((await store.communities.get(k))?.timeZone).toBe("Europe/Berlin");
    });
  });

  describe("confirmations", () => {
    it("consume works once, only before expiry, only with the latest token", async () => {
      const l = await store.learners.upsert(key("F1"));
      const old = await store.confirmations.issue(l.id, "forget-me", at(10));
      const token = await store.confirmations.issue(l.id, "forget-me", at(10));
      expect(token).not.toBe(old);
      expect(await store.confirmations.consume(l.id, "forget-me", at(1), old)).toBe(false);
      expect(await store.confirmations.consume(l.id, "other", at(1))).toBe(false);
      expect(await store.confirmations.consume(l.id, "forget-me", at(11), token)).toBe(false);
      expect(await store.confirmations.consume(l.id, "forget-me", at(1), token)).toBe(true);
      expect(await store.confirmations.consume(l.id, "forget-me", at(1), token)).toBe(false);
      await store.confirmations.issue(l.id, "forget-me", at(10));
      expect(await store.confirmations.consume(l.id, "forget-me", at(2))).toBe(true);
    });
  });

  describe("leaderboard", () => {
    it("sums points per learner of one workspace, since a date, highest first", async () => {
      const ws = { platform: "discord", workspaceId: "LB" };
      const [a, b, c] = [
        await store.learners.upsert({ ...ws, externalId: "a" }, "Ada"),
        await store.learners.upsert({ ...ws, externalId: "b" }, "Bo"),
        await store.learners.upsert({ ...ws, externalId: "c" }, "Cy"),
      ];
      const elsewhere = await store.learners.upsert(
        { platform: "discord", workspaceId: "OTHER", externalId: "a" },
        "Ada2",
      );
      const add = async (id: string, points: number, when: Date) => {
        const s = await store.sessions.create({
          learnerId: id,
          mode: "practice",
          topic: null,
          questionIds: ["x"],
          questionShownAt: when,
          startedAt: when,
        });
        await store.sessions.answer(
          s.id,
          0,
          { position: 1 },
          answer(id, s.id, "q", when, { points, workspaceId: ws.workspaceId }),
        );
      };
      await add(a.id, 30, at(0));
      await add(b.id, 10, at(0));
      await add(b.id, 15, at(100));
      await add(c.id, 0, at(100));
      await add(elsewhere.id, 99, at(100));
      expect(await store.leaderboard.top(ws, { limit: 10 })).toEqual([
        { learnerId: a.id, displayName: "Ada", points: 30 },
        { learnerId: b.id, displayName: "Bo", points: 25 },
      ]);
      expect(await store.leaderboard.top(ws, { since: at(50), limit: 10 })).toEqual([
        { learnerId: b.id, displayName: "Bo", points: 15 },
      ]);
      expect(await store.leaderboard.top(ws, { limit: 1 })).toHaveLength(1);
      expect(await store.leaderboard.standing(b.id, ws)).toEqual({ points: 25, ahead: 1 });
      expect(await store.leaderboard.standing(a.id, ws, at(50))).toEqual({ points: 0, ahead: 1 });
      expect(await store.leaderboard.standing(c.id, ws)).toEqual({ points: 0, ahead: 2 });
    });
  });

  describe("analytics", () => {
    it("answerFacts: oldest first, since, per workspace", async () => {
      const ws = { platform: "discord", workspaceId: "AN" };
      const l = await store.learners.upsert({ ...ws, externalId: "x" });
      for (const [i, q] of ["q1", "q2"].entries()) {
        const s = await store.sessions.create({
          learnerId: l.id,
          mode: "practice",
          topic: null,
          questionIds: [q],
          questionShownAt: at(i),
          startedAt: at(i),
        });
        await store.sessions.answer(
          s.id,
          0,
          { position: 1 },
          answer(l.id, s.id, q, at(1000 + i), { hintUsed: i === 1, correct: i === 0 }),
        );
      }
      const facts = await store.analytics.answerFacts({ community: ws });
      expect(facts).toEqual([
        {
          learnerId: l.id,
          questionId: "q1",
          topic: "units",
          lessonId: "l02-parameters",
          correct: true,
          score: 1,
          hintUsed: false,
          given: { type: "single", choice: "a" },
          createdAt: at(1000),
          timeTakenMs: 4000,
        },
        {
          learnerId: l.id,
          questionId: "q2",
          topic: "units",
          lessonId: "l02-parameters",
          correct: false,
          score: 1,
          hintUsed: true,
          given: { type: "single", choice: "a" },
          createdAt: at(1001),
          timeTakenMs: 4000,
        },
      ]);
      // Without the answers' JSON (the Class page): the same rows, given left out.
      expect(
        (await store.analytics.answerFacts({ community: ws, given: false })).map((f) => f.given),
      ).toEqual([null, null]);
      expect(
        (await store.analytics.answerFacts({ community: ws, since: at(1001) })).map(
          (f) => f.questionId,
        ),
      ).toEqual(["q2"]);
      expect((await store.analytics.answerFacts()).length).toBeGreaterThan(2);
    });
  });

  describe("privacy", () => {
    it("export has every kind of row; forget deletes them all and nothing of others", async () => {
      const prisma = tdb.db.prisma;
      const me = await store.learners.upsert(key("P1", "PR"), "Pat");
      const other = await store.learners.upsert(key("P2", "PR"), "Other");
      for (const l of [me, other]) {
        const s = await store.sessions.create({
          learnerId: l.id,
          mode: "practice",
          topic: null,
          questionIds: ["q"],
          questionShownAt: T0,
          startedAt: T0,
        });
        await store.sessions.answer(s.id, 0, { position: 1 }, answer(l.id, s.id, "q", at(1)), {
          card: card(l.id, "q", at(100)),
        });
        await prisma.tutorTurn.create({
          data: { learnerId: l.id, threadKey: "t", role: "user", content: "hi" },
        });
        await prisma.llmBudget.create({
          data: { learnerId: l.id, tokens: 100, refilledAt: T0, day: "2026-03-02" },
        });
        await prisma.llmUsage.create({
          data: {
            learnerId: l.id,
            model: "m",
            tokensIn: 1,
            tokensOut: 1,
            latencyMs: 1,
            outcome: "ok",
          },
        });
        await prisma.reminderLog.create({ data: { learnerId: l.id, day: "2026-03-02" } });
        const round = await prisma.channelRound.create({
          data: { platform: "discord", workspaceId: "PR", channelId: "c", questionIds: ["q"] },
        });
        await prisma.roundAnswer.create({
          data: {
            roundId: round.id,
            questionIndex: 0,
            learnerId: l.id,
            correct: true,
            elapsedMs: 5,
          },
        });
        await prisma.subscription.create({
          data: {
            platform: "discord",
            workspaceId: "PR",
            channelId: "dm",
            learnerExternalId: l.externalId,
            courseId: "c",
            timeZone: "UTC",
          },
        });
        await store.confirmations.issue(l.id, "forget-me", at(10));
      }
      const exported = await store.privacy.exportLearner(me.id);
      expect(exported).not.toBeNull();
      const e = exported!;
      expect(e.learner).toMatchObject({ id: me.id, displayName: "Pat" });
      for (const list of [
        e.sessions,
        e.answers,
        e.cards,
        e.tutorTurns,
        e.llmUsage,
        e.confirmations,
        e.reminders,
        e.roundAnswers,
        e.subscriptions,
      ])
        expect(list).toHaveLength(1);
      expect(e.llmBudget).toMatchObject({ learnerId: me.id });
      expect(JSON.stringify(e)).not.toContain(other.id);

      const counts = await store.privacy.forgetLearner(me.id);
      expect(counts).toMatchObject({
        answers: 1,
        sessions: 1,
        cards: 1,
        tutorTurns: 1,
        llmUsage: 1,
        reminders: 1,
        roundAnswers: 1,
        subscriptions: 1,
        learner: 1,
      });
      const where = { where: { learnerId: me.id } };
      const left = await Promise.all([
        prisma.quizSession.count(where),
        prisma.answer.count(where),
        prisma.card.count(where),
        prisma.tutorTurn.count(where),
        prisma.llmBudget.count(where),
        prisma.llmUsage.count(where),
        prisma.confirmation.count(where),
        prisma.reminderLog.count(where),
        prisma.roundAnswer.count(where),
        prisma.learner.count({ where: { id: me.id } }),
        prisma.subscription.count({ where: { learnerExternalId: me.externalId } }),
      ]);
      expect(left).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(await store.privacy.exportLearner(me.id)).toBeNull();
      expect(await store.privacy.forgetLearner(me.id)).toEqual({});
      // The other learner keeps everything.
      const theirs = (await store.privacy.exportLearner(other.id))!;
      for (const list of [
        theirs.sessions,
        theirs.answers,
        theirs.cards,
        theirs.tutorTurns,
        theirs.llmUsage,
        theirs.confirmations,
        theirs.reminders,
        theirs.roundAnswers,
        theirs.subscriptions,
      ])
        expect(list).toHaveLength(1);
      expect(theirs.llmBudget).not.toBeNull();
    });
  });
});
