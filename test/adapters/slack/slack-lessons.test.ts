// Weekly lessons and review reminders on Slack, end to end: /lesson subscribe through signed
// slash commands, the scheduler tick delivering through the Slack LessonSender to the fake Web
// API, permanent failures, the lesson's buttons and thread follow-ups under a posted lesson.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../../helpers/fake-slack";
import {
  interactive,
  respondedAt,
  startSlackTestApp,
  textOf,
  type SlackTestApp,
} from "../../helpers/slack-app";

let fake: FakeSlack;
let t: SlackTestApp;
let drop: () => Promise<void>;
// Monday 2 March 2026, 08:00 UTC: a Monday 09:00 UTC subscription is due in an hour.
const clock = new FakeClock("2026-03-02T08:00:00Z");

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.users.UADM = { is_admin: true, name: "Prof" };
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  t = await startSlackTestApp(fake, db.url, clock);
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await drop?.();
});

const posted = (channel: string) => (c: SlackCall) =>
  c.method === "chat.postMessage" && c.body.channel === channel && !c.body.thread_ts;
const isLesson = (c: SlackCall) => /Lesson 1 of/.test(textOf(c));

describe("weekly lessons on Slack", () => {
  it("registers a Slack sender with the scheduler", () => {
    expect(t.surfaces.scheduler).toBeDefined();
  });

  it("stores a channel subscription with Slack's platform, team and channel, and delivers it with the lesson blocks", async () => {
    const url = await t.command("lesson", "subscribe mon 09:00 UTC", {
      user: "UADM",
      channel: "C1",
    });
    const ack = await fake.waitFor(respondedAt(url), "/lesson subscribe reply");
    expect(textOf(ack)).toMatch(/C1/);
    const subs = await t.app.db.prisma.subscription.findMany({ where: { active: true } });
    expect(subs).toMatchObject([
      { platform: "slack", workspaceId: "T1", channelId: "C1", learnerExternalId: null },
    ]);

    clock.set(new Date("2026-03-02T09:00:30Z"));
    const r = await t.surfaces.scheduler!.tick();
    expect(r).toMatchObject({ sent: 1, failed: 0 });
    const post = await fake.waitFor((c) => posted("C1")(c) && isLesson(c), "lesson post");
    const blocks = post.body.blocks as any[];
    expect(blocks[0]).toMatchObject({ type: "header" });
    expect(blocks[0].text.text).toMatch(/^Lesson 1 of \d+ · /);
    const buttons = interactive(blocks);
    expect(buttons.map((b) => b.action_id.split(":")[0])).toEqual(["lesson.quiz", "lesson.ask"]);
    expect(buttons[0].text?.text).toBe("Start this week's quiz");
    expect(blocks.some((b) => b.type === "section" && b.fields?.length)).toBe(true);
    expect(blocks.at(-1).type).toBe("context");
    const delivery = await t.app.db.prisma.delivery.findFirst({
      where: { subscriptionId: subs[0].id },
    });
    expect(delivery).toMatchObject({ status: "sent", lessonIndex: 0 });
  });

  it("starts this week's quiz (privately) when the lesson's button is pressed", async () => {
    const lesson = fake.calls.find((c) => posted("C1")(c) && isLesson(c))!;
    const quiz = interactive(lesson.body.blocks).find((b) =>
      b.action_id.startsWith("lesson.quiz:"),
    )!;
    const url = await t.action(quiz, { user: "UL", channel: "C1", messageTs: "1700000001.000100" });
    const question = await fake.waitFor(
      (c) =>
        respondedAt(url)(c) &&
        (c.body.blocks ?? []).some((b: any) => String(b.block_id ?? "").startsWith("cbq.")),
      "quiz question",
    );
    expect(question.body.response_type).toBe("ephemeral");
    expect(question.body.replace_original).toBe(false);
    expect(textOf(question)).toMatch(/Question 1/);
  });

  it("sends a thread reply under the posted lesson to the tutor, answered in that thread", async () => {
    const lesson = fake.calls.find((c) => posted("C1")(c) && isLesson(c))!;
    const lessonTs = "1700000001.000100"; // the fake's first chat.postMessage ts
    expect(lesson.status).toBe(200);
    await t.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "UL",
      text: "what is a token?",
      ts: "1700009999.000100",
      thread_ts: lessonTs,
      parent_user_id: "UBOT",
    });
    const placeholder = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.thread_ts === lessonTs,
      "placeholder in the lesson thread",
    );
    const final = await fake.waitFor(
      (c) =>
        c.method === "chat.update" &&
        c.body.channel === "C1" &&
        /Tutor|Sources|notes/i.test(textOf(c)),
      "tutor answer in place",
    );
    expect(fake.calls.indexOf(final)).toBeGreaterThan(fake.calls.indexOf(placeholder));
  });

  it("delivers a personal subscription to the learner's DM via conversations.open", async () => {
    await t.command("lesson", "subscribe mon 10:00 UTC", { user: "UDM", channel: "DUDM" });
    // In the learner's own DM with the bot, replies are real messages.
    await fake.waitFor((c) => posted("DUDM")(c) && /10:00/.test(textOf(c)), "DM subscribe reply");
    const sub = await t.app.db.prisma.subscription.findFirst({
      where: { learnerExternalId: "UDM", active: true },
    });
    expect(sub).toMatchObject({ platform: "slack", workspaceId: "T1", channelId: "DUDM" });
    const opened = fake.calls.filter(
      (c) => c.method === "conversations.open" && c.body.users === "UDM",
    ).length;
    clock.set(new Date("2026-03-02T10:00:30Z"));
    expect(await t.surfaces.scheduler!.tick()).toMatchObject({ sent: 1, failed: 0 });
    const post = await fake.waitFor((c) => posted("DUDM")(c) && isLesson(c), "DM lesson");
    expect(interactive(post.body.blocks).map((b) => b.action_id.split(":")[0])).toEqual([
      "lesson.quiz",
      "lesson.ask",
    ]);
    expect(
      fake.calls.filter((c) => c.method === "conversations.open" && c.body.users === "UDM").length,
    ).toBeGreaterThan(opened);
  });

  it("marks a delivery to a deleted channel as failed for good (channel_not_found), without retries", async () => {
    fake.failChannel("CGONE", "channel_not_found");
    const url = await t.command("lesson", "subscribe channel:<#CGONE|gone> mon 11:00 UTC", {
      user: "UADM",
      channel: "C1",
    });
    await fake.waitFor(respondedAt(url), "subscribe reply");
    const sub = await t.app.db.prisma.subscription.findFirst({
      where: { channelId: "CGONE", active: true },
    });
    expect(sub).toMatchObject({ platform: "slack", workspaceId: "T1", learnerExternalId: null });
    clock.set(new Date("2026-03-02T11:00:30Z"));
    expect(await t.surfaces.scheduler!.tick()).toMatchObject({ sent: 0, failed: 1 });
    const d = await t.app.db.prisma.delivery.findFirst({ where: { subscriptionId: sub!.id } });
    expect(d).toMatchObject({ status: "failed", nextAttemptAt: null, attempts: 1 });
    expect(d!.lastError).toContain("channel_not_found");
    // Not retried on later ticks.
    clock.set(new Date("2026-03-02T12:30:00Z"));
    await t.surfaces.scheduler!.tick();
    expect(
      fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.channel === "CGONE"),
    ).toHaveLength(1);
  });

  it("sends a review reminder as a DM", async () => {
    await fake.waitFor(
      respondedAt(await t.command("settings", "reminders on", { user: "UREM" })),
      "reminders on",
    );
    // A review card that falls due (the learning engine's scheduling is tested elsewhere).
    const learner = await t.app.db.prisma.learner.findFirstOrThrow({
      where: { platform: "slack", externalId: "UREM" },
    });
    const questionId = t.app.services.index.course.questions[0].id;
    await t.app.services.store.cards.put({
      learnerId: learner.id,
      questionId,
      due: new Date("2026-03-05T00:00:00Z"),
      stability: 3,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 2,
      lastReview: new Date("2026-03-02T00:00:00Z"),
    });
    // A month later the card is due, and it is past 09:00 in the learner's zone (UTC).
    clock.set(new Date("2026-04-06T09:30:00Z"));
    const r = await t.surfaces.scheduler!.tick();
    expect(r?.reminders).toBe(1);
    const dm = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DUREM",
      "reminder DM",
    );
    expect(textOf(dm)).toMatch(/review/i);
    expect(
      fake.calls.some((c) => c.method === "conversations.open" && c.body.users === "UREM"),
    ).toBe(true);
  });
});
