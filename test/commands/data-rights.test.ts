// /export and /forget-me: the learner's data as JSON; deletion after confirmation, nothing left.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { answerQuestions, learnerOf, singleChoice } from "../helpers/learning";
import { testSettings } from "../schedule/helpers";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp("sqlite");
});
afterEach(async () => {
  await app.close();
});

const json = (data: Uint8Array) => JSON.parse(new TextDecoder().decode(data));

async function rowsAbout(learnerId: string): Promise<number> {
  const p = app.testDb.db.prisma;
  const w = { where: { learnerId } };
  const counts = await Promise.all([
    p.quizSession.count(w),
    p.answer.count(w),
    p.card.count(w),
    p.tutorTurn.count(w),
    p.llmBudget.count(w),
    p.llmUsage.count(w),
    p.confirmation.count(w),
    p.reminderLog.count(w),
    p.roundAnswer.count(w),
    p.learner.count({ where: { id: learnerId } }),
  ]);
  return counts.reduce((a, b) => a + b, 0);
}

describe("/export", () => {
  it("returns everything stored about the learner as a private JSON attachment", async () => {
    const a = actor("u1", { displayName: "Uma" });
    await answerQuestions(app, a, singleChoice(app).slice(0, 2), [true, false]);
    const [r] = await app.bot.handleText(a, "/export");
    expect(r.private).toBe(true);
    expect(r.attachments?.[0]).toMatchObject({ contentType: "application/json" });
    expect(r.attachments![0].filename).toMatch(/^coursebot-export-\d{4}-\d{2}-\d{2}\.json$/);
    const data = json(r.attachments![0].data);
    expect(data.learner).toMatchObject({ displayName: "Uma", externalId: "u1" });
    expect(data.answers).toHaveLength(2);
    expect(data.cards).toHaveLength(2);
    expect(data.sessions).toHaveLength(1);
  });
});

describe("/forget-me", () => {
  it("asks first; `/forget-me confirm:yes` without a pending request only asks again", async () => {
    const a = actor("u1");
    await answerQuestions(app, a, singleChoice(app).slice(0, 1), [true]);
    const l = await learnerOf(app, a);
    const ask = await app.bot.handleText(a, "/forget-me confirm:yes");
    expect(ask[0].title).toBe("Delete all your data?");
    expect(ask[0].buttons?.[0].id).toMatch(/^forget\.confirm:\w+$/);
    expect(await app.services.store.answers.listByLearner(l.id)).toHaveLength(1);
    // Expired confirmations do nothing either.
    app.clock.advance(11 * 60_000);
    expect((await app.bot.handleAction(a, ask[0].buttons![0].id, {}))[0].text).toMatch(/expired/);
    expect(await app.services.store.answers.listByLearner(l.id)).toHaveLength(1);
  });

  it("button confirm deletes every row about the learner; then /export is empty; others untouched", async () => {
    const me = actor("u1", { platform: "discord" });
    const other = actor("u2", { platform: "discord" });
    const qs = singleChoice(app).slice(0, 3);
    await answerQuestions(app, me, qs, [true, false, true]);
    await answerQuestions(app, other, qs, [false, true, true]);
    await app.bot.handleText(me, "/settings timezone Asia/Shanghai");
    const mine = await learnerOf(app, me);
    const theirs = await learnerOf(app, other);
    const p = app.testDb.db.prisma;
    await p.tutorTurn.create({
      data: { learnerId: mine.id, threadKey: "t", role: "user", content: "secret question" },
    });
    const beforeOther = await rowsAbout(theirs.id);

    const [ask] = await app.bot.handleCommand(me, "forget-me", {});
    const [done] = await app.bot.handleAction(me, ask.buttons![0].id, {});
    expect(done.text).toMatch(/Everything about you has been deleted \(3 answers\)/);
    expect(await rowsAbout(mine.id)).toBe(0);
    expect(await p.tutorTurn.count({ where: { content: "secret question" } })).toBe(0);
    expect(await rowsAbout(theirs.id)).toBe(beforeOther);
    // The old button cannot be replayed.
    expect((await app.bot.handleAction(me, ask.buttons![0].id, {}))[0].text).toMatch(/expired/);

    const [exp] = await app.bot.handleText(me, "/export");
    expect(exp.text).toBe("We store no learning data about you.");
    expect(exp.attachments ?? []).toHaveLength(0);
    const [theirExport] = await app.bot.handleText(other, "/export");
    expect(json(theirExport.attachments![0].data).answers).toHaveLength(3);
  });

  it("text surfaces confirm with `/forget-me confirm:yes`", async () => {
    const a = actor("u1");
    await answerQuestions(app, a, singleChoice(app).slice(0, 1), [true]);
    const l = await learnerOf(app, a);
    await app.bot.handleText(a, "/forget-me");
    const [done] = await app.bot.handleText(a, "/forget-me confirm:yes");
    expect(done.text).toMatch(/deleted \(1 answer\)/);
    expect(await rowsAbout(l.id)).toBe(0);
  });

  it("an admin's /lesson skip and /lesson now leave no trace of their id after /forget-me", async () => {
    app.services.lessons = testSettings();
    app.clock.set("2026-03-02T08:00:00Z");
    const admin = actor("U0ADMIN42", { platform: "slack", channelId: "C100", isAdmin: true });
    const p = app.testDb.db.prisma;
    await app.bot.handleText(admin, "/lesson subscribe mon 09:00 UTC");
    expect((await app.bot.handleText(admin, "/lesson skip"))[0].text).toMatch(/^Skipped the post/);
    expect((await app.bot.handleText(admin, "/lesson now"))[0].title).toMatch(/^Lesson 1 of/);
    // Rows written by older versions named the admin; forget-me scrubs those as well.
    const sub = await p.subscription.findFirstOrThrow();
    await p.delivery.create({
      data: {
        subscriptionId: sub.id,
        occurrenceAt: new Date("2026-01-05T09:00:00Z"),
        lessonIndex: 0,
        status: "skipped",
        lastError: "/lesson skip by U0ADMIN42",
      },
    });
    await p.delivery.create({
      data: {
        subscriptionId: sub.id,
        occurrenceAt: new Date("2026-01-12T09:00:00Z"),
        lessonIndex: 0,
        status: "sent",
        claimedBy: "manual:U0ADMIN42",
      },
    });
    await p.delivery.create({
      data: {
        subscriptionId: sub.id,
        occurrenceAt: new Date("2026-01-19T09:00:00Z"),
        lessonIndex: 0,
        status: "skipped",
        lastError: "/lesson skip by U0OTHER7",
      },
    });
    // What /lesson list shows for the new rows still says what happened.
    expect(
      (await app.bot.handleText(admin, "/lesson list"))[0].fields?.map((f) => f.value).join("\n"),
    ).toContain("skipped (/lesson skip, by an admin)");

    await app.bot.handleText(admin, "/forget-me");
    expect((await app.bot.handleText(admin, "/forget-me confirm:yes"))[0].text).toMatch(/deleted/);
    const rows =
      JSON.stringify(await p.delivery.findMany()) + JSON.stringify(await p.subscription.findMany());
    expect(rows).not.toContain("U0ADMIN42");
    // The channel's subscription and its history stay; another admin's old row is not theirs to scrub.
    expect(await p.delivery.count()).toBe(5);
    expect(rows).toContain("U0OTHER7");
  });
});
