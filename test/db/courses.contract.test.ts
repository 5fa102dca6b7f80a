// Repository contract for the course dimension, on SQLite and PostgreSQL: a store scoped to one
// course (store.forCourse) never sees another course's sessions, answers, cards, leaderboard
// points, analytics, tutor turns; rounds carry their course; course choices and the one-time
// language notice behave the same on both engines.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CardRecord } from "../../src/core/ports/learning";
import type { NewAnswer } from "../../src/core/ports/quiz";
import type { Store } from "../../src/core/ports/store";
import { createStore, LEGACY_COURSE_ID } from "../../src/db/store";
import { createTestDb, PROVIDERS, type TestDb } from "../helpers/db";

const T0 = new Date("2026-03-02T09:00:00Z");

const card = (learnerId: string, questionId: string): CardRecord => ({
  learnerId,
  questionId,
  due: T0,
  stability: 2,
  difficulty: 5,
  elapsedDays: 0,
  scheduledDays: 1,
  learningSteps: 0,
  reps: 1,
  lapses: 0,
  state: 2,
  lastReview: T0,
});

const answer = (learnerId: string, sessionId: string, questionId: string): NewAnswer => ({
  learnerId,
  sessionId,
  questionId,
  topic: "t",
  lessonId: "l",
  workspaceId: "w1",
  given: { type: "single", choice: "a" },
  correct: true,
  score: 1,
  points: 10,
  timeTakenMs: 1000,
  hintUsed: false,
  firstTry: true,
  createdAt: T0,
});

describe.each(PROVIDERS)("course dimension contract (%s)", (provider) => {
  let tdb: TestDb;
  let store: Store;
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    tdb = await createTestDb(provider);
    store = createStore(tdb.db.prisma);
    a = store.forCourse("course-a");
    b = store.forCourse("course-b");
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("the unscoped store is the course migration 0006 gave existing rows", () => {
    expect(store.courseId).toBe(LEGACY_COURSE_ID);
    expect(store.forCourse(LEGACY_COURSE_ID)).toBe(store);
    expect(a.courseId).toBe("course-a");
    expect(store.forCourse("course-a")).toBe(a);
  });

  it("sessions, answers and cards of one learner are kept per course", async () => {
    const l = await store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "L1",
    });
    const sa = await a.sessions.create({
      learnerId: l.id,
      mode: "practice",
      topic: null,
      questionIds: ["q1"],
      questionShownAt: T0,
      startedAt: T0,
    });
    const sb = await b.sessions.create({
      learnerId: l.id,
      mode: "practice",
      topic: null,
      questionIds: ["q1"],
      questionShownAt: T0,
      startedAt: T0,
    });
    expect(sa.courseId).toBe("course-a");
    expect((await a.sessions.findOpen(l.id))?.id).toBe(sa.id);
    expect((await b.sessions.findOpen(l.id))?.id).toBe(sb.id);
    // Starting a quiz in one course abandons only that course's open quiz.
    expect(await a.sessions.abandonOpen(l.id, T0)).toBe(1);
    expect(await a.sessions.findOpen(l.id)).toBeNull();
    expect((await b.sessions.findOpen(l.id))?.id).toBe(sb.id);

    // The same question id in two courses is two cards, and the answer goes to the session's course.
    await b.sessions.answer(sb.id, sb.version, { position: 1 }, answer(l.id, sb.id, "q1"), {
      card: card(l.id, "q1"),
    });
    await a.cards.put({ ...card(l.id, "q1"), reps: 7 });
    expect((await a.cards.get(l.id, "q1"))?.reps).toBe(7);
    expect((await b.cards.get(l.id, "q1"))?.reps).toBe(1);
    expect(await a.cards.countDue(l.id, T0)).toBe(1);
    expect(await b.cards.listDue(l.id, T0)).toHaveLength(1);
    expect(await a.answers.hasAnswered(l.id, "q1")).toBe(false);
    expect(await b.answers.hasAnswered(l.id, "q1")).toBe(true);
    expect(await a.answers.listByLearner(l.id)).toHaveLength(0);
    expect(await b.answers.listByLearner(l.id)).toHaveLength(1);
  });

  it("leaderboards and analytics count one course's answers", async () => {
    const key = { platform: "discord", workspaceId: "w1" };
    expect((await b.leaderboard.top(key, { limit: 5 })).map((e) => e.points)).toEqual([10]);
    expect(await a.leaderboard.top(key, { limit: 5 })).toEqual([]);
    expect((await b.analytics.answerFacts()).map((f) => f.questionId)).toEqual(["q1"]);
    expect(await a.analytics.answerFacts()).toEqual([]);
  });

  it("tutor threads are per course; rounds carry the course they were started in", async () => {
    const l = await store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "L2",
    });
    await a.tutor.addTurn(l.id, "th", {
      role: "user",
      content: "hi from a",
      questionId: null,
      createdAt: T0,
    });
    expect((await a.tutor.recentTurns(l.id, "th", 5)).map((t) => t.content)).toEqual(["hi from a"]);
    expect(await b.tutor.recentTurns(l.id, "th", 5)).toEqual([]);
    const round = await b.rounds.create({
      platform: "discord",
      workspaceId: "w1",
      channelId: "c1",
      questionIds: ["q1"],
      secondsPerQuestion: 20,
      questionStartedAt: T0,
      locale: "en",
      messageRef: null,
    });
    expect(round.courseId).toBe("course-b");
    // Any scope reads it back with its own course (timers advance rounds of every course).
    expect((await store.rounds.get(round.id))?.courseId).toBe("course-b");
  });

  it("a community and a channel choose courses; the channel's own choice can be cleared", async () => {
    const key = { platform: "slack", workspaceId: "T1" };
    expect(await store.courses.choices(key, "C1")).toEqual({});
    await store.courses.choose(key, "course-a");
    await store.courses.choose(key, "course-b", "C1");
    expect(await store.courses.choices(key, "C1")).toEqual({
      community: "course-a",
      channel: "course-b",
    });
    expect(await store.courses.choices(key, "C2")).toEqual({ community: "course-a" });
    // Other communities are untouched.
    expect(await store.courses.choices({ platform: "slack", workspaceId: "T2" }, "C1")).toEqual({});
    await store.courses.choose(key, "course-b");
    expect((await store.courses.choices(key)).community).toBe("course-b");
    expect(await store.courses.clearChannel(key, "C1")).toBe(true);
    expect(await store.courses.clearChannel(key, "C1")).toBe(false);
    expect(await store.courses.choices(key, "C1")).toEqual({ community: "course-b" });
  });

  it("the language notice is recorded once per learner and course", async () => {
    const l = await store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "L3",
    });
    expect(await store.courses.noticeOnce(l.id, "course-a")).toBe(true);
    expect(await store.courses.noticeOnce(l.id, "course-a")).toBe(false);
    expect(await store.courses.noticeOnce(l.id, "course-b")).toBe(true);
  });
});
