// Delivery over a real database with a fake clock: first post, weekly cadence, DST, catch-up
// after downtime, stale occurrences, unsubscribe, retries then failure, skip, reminders.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { PROVIDERS } from "../helpers/db";
import { RecordingSender, testSettings, ticker } from "./helpers";

/** The course grows lesson by lesson, so the count comes from the content, not a constant. */
const LESSONS = loadContent("content").course.lessons.length;

const HOUR = 3600_000;

describe.each(PROVIDERS)("lesson delivery (%s)", (provider) => {
  let app: TestApp;
  let sender: RecordingSender;
  const me = actor("ada", { isDirectMessage: true });
  const say = async (line: string, who = me) =>
    (await app.bot.handleText(who, line))
      .map((r) =>
        [r.title, r.text, ...(r.fields ?? []).map((f) => `${f.name}: ${f.value}`)].join("\n"),
      )
      .join("\n---\n");
  const deliveries = () =>
    app.testDb.db.prisma.delivery.findMany({ orderBy: { occurrenceAt: "asc" } });

  beforeEach(async () => {
    app = await createTestApp(provider);
    app.services.lessons = testSettings();
    sender = new RecordingSender(app.clock);
  });
  afterEach(async () => {
    await app.close();
  });

  it("first delivery at the slot, then weekly, advancing through the lessons", async () => {
    const counted: string[] = [];
    app.services.metrics = {
      llmTokens: { inc() {} },
      lessonDeliveries: {
        inc: ({ outcome }) => {
          counted.push(outcome);
        },
      },
    };
    app.clock.set("2026-03-02T08:00:00Z"); // Monday
    expect(await say("/lesson subscribe mon 09:00 UTC")).toContain("Subscribed");
    const tick = ticker(app, sender);
    await tick();
    expect(sender.sent).toHaveLength(0); // not yet
    app.clock.set("2026-03-02T09:00:20Z");
    expect((await tick()).sent).toBe(1);
    expect(sender.sent[0].title).toMatch(new RegExp(`^Lesson 1 of ${LESSONS} · Generative AI`));
    await tick();
    app.clock.set("2026-03-05T12:00:00Z");
    await tick();
    expect(sender.sent).toHaveLength(1); // once per occurrence, however often the tick runs
    app.clock.set("2026-03-09T09:00:05Z");
    await tick();
    app.clock.set("2026-03-16T09:00:05Z");
    await tick();
    expect(sender.sent.map((s) => s.at.toISOString())).toEqual([
      "2026-03-02T09:00:20.000Z",
      "2026-03-09T09:00:05.000Z",
      "2026-03-16T09:00:05.000Z",
    ]);
    expect(sender.sent.map((s) => s.title!.slice(0, 12))).toEqual([
      "Lesson 1 of ",
      "Lesson 2 of ",
      "Lesson 3 of ",
    ]);
    expect((await deliveries()).map((d) => d.status)).toEqual(["sent", "sent", "sent"]);
    expect(counted).toEqual(["sent", "sent", "sent"]);
  });

  it("the lesson message: summary, shortened sections, quiz button, ask prompt, notes, in the subscription's language", async () => {
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 Asia/Shanghai language:zh");
    app.clock.set("2026-03-09T01:00:30Z"); // Monday 09:00 in Shanghai
    await ticker(app, sender)();
    const r = sender.sent[0].reply;
    expect(r.title).toBe(`第 1/${LESSONS} 课 · 生成式 AI 与大模型`);
    expect(r.text).toContain("生成式 AI");
    expect(r.fields!.length).toBeGreaterThan(2);
    expect(r.fields!.every((f) => f.value.length <= 1024)).toBe(true);
    expect(r.fields!.at(-1)!.value).toContain("content/llm-basics/lessons/l01-generative-ai.md");
    expect(r.buttons!.map((b) => [b.id, b.label])).toEqual([
      ["lesson.quiz:l01-generative-ai", "开始本周测验"],
      ["lesson.ask:l01-generative-ai", "提个问题"],
    ]);
    // The button starts a quiz on that lesson's topic through the ordinary quiz logic.
    const quiz = await app.bot.handleAction(me, "lesson.quiz:l01-generative-ai", {});
    expect(quiz[0].text).toMatch(/Quiz on Generative AI and large models: 5 questions/);
    expect(quiz[1].question?.questionId).toMatch(/^l01-/);
    const ask = await app.bot.handleAction(me, "lesson.ask:l01-generative-ai", {});
    expect(ask[0].text).toMatch(/Type your question about "Generative AI and large models"/);
  });

  it("the wording matches the surface: the terminal says what to type, chat platforms name the button", async () => {
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    app.clock.set("2026-03-02T09:00:10Z");
    await ticker(app, sender)();
    const terminal = sender.sent[0].reply;
    expect(terminal.footer).toBe(
      "Questions? Type /ask <question> (or just type your question): I answer from the notes.",
    );
    expect(terminal.buttons!.find((b) => b.id.startsWith("lesson.ask:"))!.command).toBe(
      "/ask <question>",
    );
    // /lesson now in the terminal prints the same wording.
    expect((await app.bot.handleText(me, "/lesson now"))[0].footer).not.toMatch(/Press/);

    const slack = new RecordingSender(app.clock, "slack");
    const dm = actor("ada", { platform: "slack", isDirectMessage: true, channelId: "D1" });
    await app.bot.handleText(dm, "/lesson subscribe mon 10:00 UTC");
    app.clock.set("2026-03-02T10:00:10Z");
    await ticker(app, slack)();
    expect(slack.sent[0].reply.footer).toBe(
      "Questions? Press “Ask a question”, or just send me your question: I answer from the notes.",
    );
  });

  it("DST: Monday 09:00 America/New_York stays 09:00 local across March and November", async () => {
    app.clock.set("2026-02-28T12:00:00Z");
    await say("/lesson subscribe day:monday time:9:00 timezone:America/New_York");
    const tick = ticker(app, sender);
    for (const t of ["2026-03-02T14:00:10Z", "2026-03-09T13:00:10Z", "2026-03-16T13:00:10Z"]) {
      app.clock.set(t);
      await tick();
    }
    // An hour early or late would show up as a send at the wrong tick: tick an hour either side too.
    app.clock.set("2026-03-23T12:00:10Z");
    await tick();
    expect(sender.sent).toHaveLength(3);
    app.clock.set("2026-03-23T13:00:10Z");
    await tick();
    expect(sender.sent).toHaveLength(4);
    // November: resubscribe close to the change (same slot), EDT → EST.
    await app.testDb.db.prisma.subscription.updateMany({ data: { nextLesson: 4 } });
    app.clock.set("2026-10-24T00:00:00Z");
    await say("/lesson subscribe day:mon time:09:00 timezone:America/New_York");
    for (const t of [
      "2026-10-26T13:00:10Z",
      "2026-11-02T13:00:10Z",
      "2026-11-02T14:00:10Z",
      "2026-11-09T14:00:10Z",
    ]) {
      app.clock.set(t);
      await tick();
    }
    expect(sender.sent.slice(4).map((s) => s.at.toISOString())).toEqual([
      "2026-10-26T13:00:10.000Z",
      "2026-11-02T14:00:10.000Z",
      "2026-11-09T14:00:10.000Z",
    ]);
  });

  it("after downtime: one catch-up delivery, not one per missed tick or week", async () => {
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    const tick = ticker(app, sender);
    // Down from Sunday until Monday 15:00, six hours after the slot: within the 24 h window.
    app.clock.set("2026-03-02T15:00:00Z");
    await tick();
    await tick();
    await tick();
    expect(sender.sent).toHaveLength(1);
    expect((await deliveries()).map((d) => [d.occurrenceAt.toISOString(), d.status])).toEqual([
      ["2026-03-02T09:00:00.000Z", "sent"],
    ]);
    // Down for three weeks: only the newest occurrence (09:00 today) is posted; two are recorded as skipped.
    app.clock.set("2026-03-23T10:00:00Z");
    await tick();
    await tick();
    expect(sender.sent).toHaveLength(2);
    expect(sender.sent[1].title).toMatch(/^Lesson 2 of/);
    expect(
      (await deliveries()).map((d) => [
        d.occurrenceAt.toISOString().slice(0, 10),
        d.status,
        d.lastError,
      ]),
    ).toEqual([
      ["2026-03-02", "sent", null],
      ["2026-03-09", "skipped", "stale"],
      ["2026-03-16", "skipped", "stale"],
      ["2026-03-23", "sent", null],
    ]);
  });

  it("skips and records an occurrence older than the stale window", async () => {
    app.services.lessons = testSettings({ staleWindowMs: 2 * HOUR });
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    const tick = ticker(app, sender, app.services.lessons);
    app.clock.set("2026-03-02T12:00:00Z"); // 3 h late > 2 h window
    const r = await tick();
    expect(r).toMatchObject({ sent: 0, skipped: 1 });
    expect(sender.sent).toHaveLength(0);
    expect((await deliveries()).map((d) => [d.status, d.lastError])).toEqual([
      ["skipped", "stale"],
    ]);
    // The lesson was not used up: next week posts lesson 1.
    app.clock.set("2026-03-09T09:00:30Z");
    await tick();
    expect(sender.sent[0].title).toMatch(/^Lesson 1 of/);
    expect(await say("/lesson list")).toContain("skipped (stale)");
  });

  it("unsubscribe stops delivery", async () => {
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    const tick = ticker(app, sender);
    app.clock.set("2026-03-02T09:00:10Z");
    await tick();
    expect(await say("/lesson unsubscribe")).toContain("Weekly lessons for you (DM) stopped");
    app.clock.set("2026-03-09T09:00:10Z");
    await tick();
    app.clock.set("2026-03-16T09:00:10Z");
    await tick();
    expect(sender.sent).toHaveLength(1);
    expect(await say("/lesson unsubscribe")).toContain("You have no weekly lesson subscription");
    // Subscribing again continues where the course left off.
    expect(await say("/lesson subscribe mon 09:00 UTC")).toContain('lesson 2, "');
  });

  it("a failed send is retried with backoff, shown in /lesson list, then marked failed", async () => {
    app.services.lessons = testSettings({ maxAttempts: 3, backoffBaseMs: 60_000 });
    const tick = ticker(app, sender, app.services.lessons);
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    sender.failNext = 10;
    app.clock.set("2026-03-02T09:00:00Z");
    expect((await tick()).failed).toBe(1);
    let [d] = await deliveries();
    expect([d.status, d.attempts, d.nextAttemptAt?.toISOString()]).toEqual([
      "failed",
      1,
      "2026-03-02T09:01:00.000Z",
    ]);
    expect(await say("/lesson list")).toMatch(
      /send failed \(attempt 1\/3: platform said 500\); retrying Mon 2 Mar 2026, 09:01/,
    );
    app.clock.set("2026-03-02T09:00:30Z");
    await tick(); // not yet
    expect((await deliveries())[0].attempts).toBe(1);
    app.clock.set("2026-03-02T09:01:00Z");
    await tick();
    [d] = await deliveries();
    expect([d.status, d.attempts, d.nextAttemptAt?.toISOString()]).toEqual([
      "failed",
      2,
      "2026-03-02T09:03:00.000Z",
    ]);
    app.clock.set("2026-03-02T09:03:00Z");
    await tick();
    [d] = await deliveries();
    expect([d.status, d.attempts, d.nextAttemptAt]).toEqual(["failed", 3, null]);
    app.clock.set("2026-03-02T12:00:00Z");
    await tick(); // no more attempts
    expect((await deliveries())[0].attempts).toBe(3);
    expect(sender.sent).toHaveLength(0);
    expect(await say("/lesson list")).toMatch(/failed after 3 attempts \(platform said 500\)/);
    // Next week the same lesson is tried again (nothing was lost).
    sender.failNext = 0;
    app.clock.set("2026-03-09T09:00:10Z");
    await tick();
    expect(sender.sent.map((s) => s.title!.slice(0, 10))).toEqual(["Lesson 1 o"]);
  });

  it("a failure that then succeeds on retry posts once", async () => {
    const tick = ticker(app, sender);
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    sender.failNext = 1;
    app.clock.set("2026-03-02T09:00:00Z");
    await tick();
    app.clock.set("2026-03-02T09:01:00Z");
    await tick();
    await tick();
    expect(sender.sent).toHaveLength(1);
    const [d] = await deliveries();
    expect([d.status, d.attempts]).toEqual(["sent", 2]);
  });

  it("a claim left by a dead instance is taken over after the lease, but not forever", async () => {
    app.services.lessons = testSettings({ maxAttempts: 2, leaseMs: 5 * 60_000 });
    const tick = ticker(app, sender, app.services.lessons);
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    const sub = await app.testDb.db.prisma.subscription.findFirstOrThrow();
    const occurrenceAt = new Date("2026-03-02T09:00:00Z");
    // Another instance claimed the occurrence at 09:00 and died.
    await app.testDb.db.prisma.delivery.create({
      data: {
        subscriptionId: sub.id,
        occurrenceAt,
        lessonIndex: 0,
        status: "claimed",
        attempts: 1,
        claimedBy: "dead",
        claimedAt: occurrenceAt,
      },
    });
    app.clock.set("2026-03-02T09:04:00Z");
    await tick();
    expect(sender.sent).toHaveLength(0); // lease still running
    app.clock.set("2026-03-02T09:05:00Z");
    await tick();
    expect(sender.sent).toHaveLength(1);
    let [d] = await deliveries();
    expect([d.status, d.attempts, d.claimedBy]).toEqual(["sent", 2, "test-instance"]);
    // A message whose sender keeps dying is given up after the attempt budget.
    await app.testDb.db.prisma.delivery.update({
      where: { id: d.id },
      data: {
        status: "claimed",
        attempts: 2,
        claimedBy: "dead",
        claimedAt: new Date("2026-03-02T09:05:00Z"),
      },
    });
    await app.testDb.db.prisma.subscription.update({
      where: { id: sub.id },
      data: { nextLesson: 0 },
    });
    app.clock.set("2026-03-02T09:20:00Z");
    await tick();
    [d] = await deliveries();
    expect([d.status, d.attempts, d.nextAttemptAt, d.lastError]).toEqual([
      "failed",
      3,
      null,
      "gave up: the sending instance stopped mid-send too often",
    ]);
    expect(sender.sent).toHaveLength(1);
  });

  it("/lesson skip records the next occurrence as skipped; /lesson now posts the next lesson at once", async () => {
    const tick = ticker(app, sender);
    app.clock.set("2026-03-02T08:00:00Z");
    await say("/lesson subscribe mon 09:00 UTC");
    expect(await say("/lesson skip")).toContain(
      "Skipped the post on Mon 2 Mar 2026, 09:00 (UTC). Lesson 1 moves to Mon 9 Mar 2026, 09:00",
    );
    app.clock.set("2026-03-02T09:00:10Z");
    await tick();
    expect(sender.sent).toHaveLength(0);
    expect(await say("/lesson list")).toContain("Next post: Mon 9 Mar 2026, 09:00 (UTC)");
    const now = await say("/lesson now");
    expect(now).toContain(`Lesson 1 of ${LESSONS} · Generative AI and large models`);
    app.clock.set("2026-03-09T09:00:10Z");
    await tick();
    expect(sender.sent.map((s) => s.title!.slice(0, 11))).toEqual(["Lesson 2 of"]);
  });

  it("review reminders: opted-in learners with due cards get one DM a day, after their local reminder time", async () => {
    const prisma = app.testDb.db.prisma;
    app.clock.set("2026-03-02T00:30:00Z"); // 08:30 in Shanghai
    expect(await say("/settings timezone Asia/Shanghai")).toContain("Time zone set");
    expect(await say("/settings reminders on")).toContain(
      "one DM a day, after 09:00 your time (Asia/Shanghai)",
    );
    await say("/settings reminders on", actor("bob")); // no cards due
    await say("/quiz", actor("cyd")); // reminders off
    const ada = await prisma.learner.findFirstOrThrow({ where: { externalId: "ada" } });
    const cyd = await prisma.learner.findFirstOrThrow({ where: { externalId: "cyd" } });
    const card = (learnerId: string, questionId: string, due: string) =>
      prisma.card.create({
        data: {
          learnerId,
          questionId,
          due: new Date(due),
          stability: 1,
          difficulty: 5,
          elapsedDays: 0,
          scheduledDays: 1,
          reps: 1,
          lapses: 0,
          state: 2,
        },
      });
    await card(ada.id, "q1", "2026-03-01T00:00:00Z");
    await card(ada.id, "q2", "2026-03-01T12:00:00Z");
    await card(ada.id, "q3", "2026-03-20T00:00:00Z"); // not due
    await card(cyd.id, "q1", "2026-03-01T00:00:00Z");
    const tick = ticker(app, sender);
    await tick();
    expect(sender.direct).toHaveLength(0); // 08:30 local: too early
    app.clock.set("2026-03-02T01:00:00Z"); // 09:00 local
    await tick();
    await tick();
    app.clock.set("2026-03-02T10:00:00Z");
    await tick();
    expect(sender.direct.map((d) => [d.learner.externalId, d.reply.text])).toEqual([
      [
        "ada",
        "You have 2 cards due for review. Type /review to go through them; it takes a few minutes.",
      ],
    ]);
    // Next local day (after 16:00Z it is already the 3rd in Shanghai).
    app.clock.set("2026-03-03T01:05:00Z");
    await tick();
    await tick();
    expect(sender.direct).toHaveLength(2);
    // A failed reminder is retried later the same day, still only one delivered.
    sender.failNext = 1;
    app.clock.set("2026-03-04T01:05:00Z");
    await tick();
    app.clock.set("2026-03-04T01:06:00Z");
    await tick();
    await tick();
    expect(sender.direct).toHaveLength(3);
    expect(await prisma.reminderLog.count()).toBe(3);
    await say("/settings reminders off");
    app.clock.set("2026-03-05T01:05:00Z");
    await tick();
    expect(sender.direct).toHaveLength(3);
  });
});
