// Weekly lessons and review reminders on Discord, end to end: /lesson subscribe through signed
// interactions, the scheduler's tick posting through the Discord LessonSender to the fake REST
// API (channel message, DM, permanent and transient failures, reminder DM), and the lesson
// post's buttons pressed through the interactions endpoint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../../src/app/content-files";
import { asSendError } from "../../../src/adapters/discord/messenger";
import { FakeClock } from "../../../src/core/clock";
import { SendError } from "../../../src/core/ports/lesson-sender";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  CHANNEL,
  component,
  GUILD,
  inDm,
  makeKeys,
  modalSubmit,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
  type UserSpec,
} from "../../helpers/discord";

/** The course grows lesson by lesson, so the count comes from the content, not a constant. */
const LESSONS = loadContent("content").course.lessons.length;

const admin: UserSpec = { id: "555000000000000001", name: "Ada", permissions: "16" }; // Manage Channels
const bob: UserSpec = { id: "555000000000000002", name: "Bob" };
const cyd: UserSpec = { id: "555000000000000003", name: "Cyd" };
const GONE = "555999999999999999";
const FLAKY = "555888888888888888";
const TOKEN = "test-bot-token-xyz";

let fake: FakeDiscord, keys: Keys, run: Running, drop: () => Promise<void>;
const clock = new FakeClock("2026-03-02T08:00:00Z"); // a Monday

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  // A bot token (lessons are bot messages); the cron never fires during the test: ticks are run by hand.
  run = await startDiscordApp({
    databaseUrl: db.url,
    keys,
    fake,
    clock,
    discord: { gateway: false },
    env: { DISCORD_TOKEN: TOKEN, LESSON_TICK_CRON: "0 0 1 1 *" },
  });
});
afterAll(async () => {
  await run?.stop();
  await fake?.close();
  await drop?.();
});

const send = (p: unknown) => post(run.base, keys, p);
const opt = (name: string, value: unknown, type = 3) => ({ name, type, value });
const subscribe = (user: UserSpec, options: unknown[], extra: Record<string, unknown> = {}) =>
  slash(user, "lesson", [{ name: "subscribe", type: 1, options }], extra);
const tick = () => run.surfaces.scheduler!.tick();
const since = (n: number) => fake.calls.slice(n);
const messagesTo = (calls: typeof fake.calls, channel: string) =>
  calls.filter((c) => c.method === "POST" && c.path === `/api/v10/channels/${channel}/messages`);
const ids = (body: any): string[] =>
  body.components.flatMap((r: any) => r.components.map((c: any) => c.custom_id));

describe("weekly lessons on Discord", () => {
  it("registers the Discord sender with the scheduler", () => {
    expect(run.surfaces.scheduler).toBeDefined();
    expect(run.surfaces.discord?.sender?.platform).toBe("discord");
  });

  it("/lesson subscribe in a guild channel stores the guild and channel; non-admins are refused", async () => {
    const refused = await send(
      subscribe(bob, [opt("day", "mon"), opt("time", "09:00"), opt("timezone", "UTC")]),
    );
    expect(refused.json.data.flags).toBe(64);
    expect(refused.json.data.embeds[0].description).toContain("Only admins");
    const r = await send(
      subscribe(admin, [opt("day", "mon"), opt("time", "09:00"), opt("timezone", "UTC")]),
    );
    expect(r.json.type).toBe(4);
    expect(r.json.data.flags).toBe(64);
    expect(r.json.data.embeds[0].title).toBe("Subscribed to weekly lessons");
    const subs = await run.app.db.prisma.subscription.findMany({ where: { active: true } });
    expect(subs).toMatchObject([
      {
        platform: "discord",
        workspaceId: GUILD,
        channelId: CHANNEL,
        learnerExternalId: null,
        weekday: 1,
        time: "09:00",
        timeZone: "UTC",
      },
    ]);
  });

  it("a due subscription is posted to the channel as a bot message with the lesson's embed and buttons", async () => {
    clock.set("2026-03-02T09:00:10Z");
    const before = fake.calls.length;
    const result = await tick();
    expect(result).toMatchObject({ sent: 1, failed: 0 });
    const [msg] = messagesTo(since(before), CHANNEL);
    expect(msg.auth).toBe(`Bot ${TOKEN}`);
    expect(msg.body.flags).toBeUndefined();
    expect(msg.body.allowed_mentions).toEqual({ parse: [] });
    const lesson = run.app.services.index.course.lessons[0];
    expect(msg.body.embeds[0].title).toBe(`Lesson 1 of ${LESSONS} · ${lesson.title.en}`);
    expect(msg.body.embeds[0].fields.at(-1).name).toBe("Full notes");
    expect(ids(msg.body)).toEqual([`lesson.quiz:${lesson.id}`, `lesson.ask:${lesson.id}`]);
    expect(msg.body.components[0].components.map((c: any) => [c.type, c.style])).toEqual([
      [2, 1],
      [2, 2],
    ]);
    // Posted once: the next tick finds nothing due.
    expect(await tick()).toMatchObject({ sent: 0 });
  });

  it("Start this week's quiz, pressed on the shared post, starts a private quiz and leaves the post alone", async () => {
    const lesson = run.app.services.index.course.lessons[0];
    const press = component(bob, `lesson.quiz:${lesson.id}`, { message: { id: "4242", flags: 0 } });
    const r = await send(press);
    expect(r.json.type).toBe(4); // a new message, not an update (7) of the lesson post
    expect(r.json.data.flags).toBe(64);
    expect(r.json.data.embeds[0].description).toContain(`Quiz on`);
    await run.surfaces.discord!.idle();
    const follow = fake.calls.filter(
      (c) => c.method === "POST" && c.path.endsWith(`/${press.token}`),
    );
    expect(follow).toHaveLength(1);
    expect(follow[0].body.flags).toBe(64);
    expect(follow[0].body.embeds[0].title).toMatch(/^Question 1\//);
  });

  it("Ask a question opens a form; the question is answered privately by the tutor", async () => {
    const lesson = run.app.services.index.course.lessons[0];
    const r = await send(
      component(bob, `lesson.ask:${lesson.id}`, { message: { id: "4242", flags: 0 } }),
    );
    expect(r.json.type).toBe(9);
    expect(r.json.data.custom_id).toBe(`lessonq|${lesson.id}`);
    expect(r.json.data.title).toContain(lesson.title.en.slice(0, 20));
    const answer = await send(
      modalSubmit(bob, r.json.data.custom_id, "What is a token?", { id: "4242", flags: 0 }),
    );
    expect(answer.json.type).toBe(4);
    expect(answer.json.data.flags).toBe(64);
    expect(answer.json.data.embeds[0].description.length).toBeGreaterThan(20);
    expect(answer.json.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("/lesson now posts the next lesson publicly in the channel", async () => {
    const r = await send(slash(admin, "lesson", [{ name: "now", type: 1, options: [] }]));
    expect(r.json.type).toBe(4);
    expect(r.json.data.flags).toBeUndefined();
    expect(r.json.data.embeds[0].title).toMatch(new RegExp(`^Lesson 2 of ${LESSONS}`));
  });

  it("a DM subscription is posted in the learner's DM channel", async () => {
    clock.set("2026-03-03T08:00:00Z");
    const r = await send(
      subscribe(
        cyd,
        [opt("day", "tue"), opt("time", "09:00"), opt("timezone", "UTC")],
        inDm(cyd, "dm-chan-cyd"),
      ),
    );
    expect(r.json.data.embeds[0].description).toContain("you (DM)");
    const sub = await run.app.db.prisma.subscription.findFirstOrThrow({
      where: { active: true, learnerExternalId: cyd.id },
    });
    expect(sub).toMatchObject({ platform: "discord", workspaceId: "" });
    clock.set("2026-03-03T09:00:05Z");
    const before = fake.calls.length;
    expect(await tick()).toMatchObject({ sent: 1 });
    const calls = since(before);
    const open = calls.find((c) => c.path === "/api/v10/users/@me/channels");
    expect(open?.body).toEqual({ recipient_id: cyd.id });
    const [msg] = messagesTo(calls, `dm-${cyd.id}`);
    expect(msg.body.embeds[0].title).toMatch(new RegExp(`^Lesson 1 of ${LESSONS}`));
    expect(msg.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("a 404 Unknown Channel fails the delivery for good; a 500 is retried later", async () => {
    clock.set("2026-03-04T08:00:00Z");
    fake.failPaths.set(`/api/v10/channels/${GONE}/messages`, {
      status: 404,
      code: 10003,
      message: "Unknown Channel",
    });
    fake.failPaths.set(`/api/v10/channels/${FLAKY}/messages`, {
      status: 500,
      code: 0,
      message: "Internal Server Error",
    });
    for (const ch of [GONE, FLAKY])
      expect(
        (
          await send(
            subscribe(admin, [
              opt("channel", ch, 7),
              opt("day", "wed"),
              opt("time", "09:00"),
              opt("timezone", "UTC"),
            ]),
          )
        ).json.data.embeds[0].title,
      ).toBe("Subscribed to weekly lessons");
    clock.set("2026-03-04T09:00:05Z");
    expect(await tick()).toMatchObject({ sent: 0, failed: 2 });
    const deliveries = await run.app.db.prisma.delivery.findMany({
      where: { subscription: { channelId: { in: [GONE, FLAKY] } } },
      include: { subscription: true },
    });
    const gone = deliveries.find((d) => d.subscription.channelId === GONE)!;
    const flaky = deliveries.find((d) => d.subscription.channelId === FLAKY)!;
    expect(gone).toMatchObject({ status: "failed", nextAttemptAt: null });
    expect(gone.lastError).toContain("Unknown Channel");
    expect(flaky.status).toBe("failed");
    expect(flaky.nextAttemptAt).not.toBeNull();
    // After the backoff only the transient failure is tried again (and now goes through).
    fake.failPaths.clear();
    clock.set("2026-03-04T09:30:00Z");
    const before = fake.calls.length;
    expect(await tick()).toMatchObject({ sent: 1 });
    expect(messagesTo(since(before), GONE)).toHaveLength(0);
    expect(messagesTo(since(before), FLAKY)).toHaveLength(1);
  });

  it("a review reminder is a DM to the learner", async () => {
    clock.set("2026-03-05T08:00:00Z");
    const r = await send(
      slash(bob, "settings", [{ name: "reminders", type: 1, options: [opt("value", "on")] }]),
    );
    expect(r.json.data.embeds[0].description).toContain("one DM a day");
    const prisma = run.app.db.prisma;
    const learner = await prisma.learner.findFirstOrThrow({
      where: { platform: "discord", workspaceId: GUILD, externalId: bob.id },
    });
    await prisma.card.create({
      data: {
        learnerId: learner.id,
        questionId: run.app.services.index.course.questions[0].id,
        due: new Date("2026-03-04T00:00:00Z"),
        stability: 1,
        difficulty: 5,
        elapsedDays: 0,
        scheduledDays: 1,
        reps: 1,
        lapses: 0,
        state: 2,
      },
    });
    clock.set("2026-03-05T09:01:00Z");
    const before = fake.calls.length;
    expect(await tick()).toMatchObject({ reminders: 1 });
    const calls = since(before);
    expect(calls.find((c) => c.path === "/api/v10/users/@me/channels")?.body).toEqual({
      recipient_id: bob.id,
    });
    const [dm] = messagesTo(calls, `dm-${bob.id}`);
    expect(dm.body.embeds[0].description).toMatch(/due for review/);
    expect(dm.body.allowed_mentions).toEqual({ parse: [] });
  });
});

describe("Discord send errors", () => {
  it("403 Missing Access and 404 are permanent; rate limits and server errors are retried", () => {
    const err = (status: number, code: number, message: string) =>
      Object.assign(new Error(message), { status, code });
    const forbidden = asSendError(err(403, 50001, "Missing Access"), "channel 1");
    expect(forbidden).toBeInstanceOf(SendError);
    expect((forbidden as SendError).permanent).toBe(true);
    expect(forbidden.message).toBe("channel 1: Missing Access (code 50001)");
    expect((asSendError(err(404, 10013, "Unknown User"), "DM") as SendError).permanent).toBe(true);
    for (const status of [429, 500, 502])
      expect((asSendError(err(status, 0, "x"), "c") as { permanent?: boolean }).permanent).not.toBe(
        true,
      );
    expect(
      (asSendError(new Error("socket hang up"), "c") as { permanent?: boolean }).permanent,
    ).not.toBe(true);
  });
});
