// The learning engine through the bot, with a fake clock: cards, /review, adaptive /quiz,
// streaks, leaderboards, /progress, /stats.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createChartService } from "../../src/app/charts/chart-service";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { answerQuestions, learnerOf, singleChoice } from "../helpers/learning";

const DAY = 86_400_000;
let app: TestApp;
beforeEach(async () => {
  app = await createTestApp("sqlite");
});
afterEach(async () => {
  await app.close();
});

describe("spaced repetition through answers", () => {
  it("a card answered wrong comes back sooner than one answered right", async () => {
    const [q1, q2] = singleChoice(app);
    const a = actor("u1", { platform: "discord" });
    await answerQuestions(app, a, [q1, q2], [false, true]);
    const l = await learnerOf(app, a);
    const wrong = (await app.services.store.cards.get(l.id, q1.id))!;
    const right = (await app.services.store.cards.get(l.id, q2.id))!;
    expect(wrong.due.getTime()).toBeLessThan(right.due.getTime());
    expect(wrong.lastReview).toEqual(app.clock.now());
    // Answer count and card count agree: each graded answer wrote its card.
    expect(await app.services.store.answers.listByLearner(l.id)).toHaveLength(2);
    expect(await app.services.store.cards.listByLearner(l.id)).toHaveLength(2);
  });

  it("/review serves due cards oldest due first, and says when nothing is due", async () => {
    const [q1, q2, q3] = singleChoice(app);
    const a = actor("u1");
    expect((await app.bot.handleText(a, "/review"))[0].text).toMatch(/No review cards yet/);
    await answerQuestions(app, a, [q1], [true]); // due in a few days
    app.clock.advance(60_000);
    await answerQuestions(app, a, [q3], [false]); // due tomorrow
    app.clock.advance(60_000);
    await answerQuestions(app, a, [q2], [false]); // due a minute after q3
    const nothing = await app.bot.handleText(a, "/review");
    expect(nothing[0].text).toMatch(/Nothing is due right now\. Next review:/);
    app.clock.advance(30 * DAY);
    const r = await app.bot.handleText(a, "/review");
    expect(r[0].text).toMatch(/Review: 3 due questions/);
    const l = await learnerOf(app, a);
    const s = (await app.services.store.sessions.findOpen(l.id))!;
    expect(s.mode).toBe("review");
    expect(s.questionIds).toEqual([q3.id, q2.id, q1.id]); // the wrong ones fell due first, q3 before q2
    expect(r[1].question?.questionId).toBe(q3.id);
  });

  it("adaptive /quiz serves due reviews before new questions, never a question twice", async () => {
    const qs = singleChoice(app, "units").slice(0, 2);
    const a = actor("u1");
    await answerQuestions(app, a, qs, [false, false]);
    app.clock.advance(2 * DAY);
    const r = await app.bot.handleText(a, "/quiz count:6");
    expect(r[0].text).toMatch(/A quiz picked for you: 6 questions \(2 due for review\)/);
    const l = await learnerOf(app, a);
    const s = (await app.services.store.sessions.findOpen(l.id))!;
    expect(s.questionIds.slice(0, 2).sort()).toEqual(qs.map((q) => q.id).sort());
    expect(new Set(s.questionIds).size).toBe(6);
    // The rest: unseen questions of the weakest started topic (units, 0%).
    for (const id of s.questionIds.slice(2)) {
      expect(app.services.index.question(id)!.topic).toBe("units");
      expect(qs.some((q) => q.id === id)).toBe(false);
    }
  });

  it("/quiz topic:x count:n still plans that topic only", async () => {
    const r = await app.bot.handleText(actor("u1"), "/quiz topic:units count:2");
    expect(r[0].text).toBe("Quiz on Parameters and units: 2 questions.");
    expect(app.services.index.question(r[1].question!.questionId)!.topic).toBe("units");
  });
});

describe("streaks through answers", () => {
  it("counts days in the learner's zone; a freeze earned at 7 days saves one missed day, not two", async () => {
    const qs = singleChoice(app);
    const a = actor("u1");
    const l = await learnerOf(app, a);
    await app.bot.handleText(a, "/settings timezone Asia/Shanghai");
    app.clock.set("2026-03-02T15:00:00Z"); // 23:00 in Shanghai, 03-02
    for (let d = 0; d < 7; d++) {
      await answerQuestions(app, a, [qs[d]], [true]);
      app.clock.advance(DAY);
    }
    expect(await app.services.store.learners.get(l.id)).toMatchObject({
      streakCount: 7,
      streakFreezes: 1,
      streakLastDay: "2026-03-08",
    });
    // 03-09 missed. 03-10 (Shanghai) — answering at 16:30 UTC on 03-09 is already 03-10 there.
    app.clock.set("2026-03-09T16:30:00Z");
    const saved = await answerQuestions(app, a, [qs[8]], [true]);
    expect(saved[0].footer).toMatch(/8-day streak, 1 freeze used to keep it/);
    expect(await app.services.store.learners.get(l.id)).toMatchObject({
      streakCount: 8,
      streakFreezes: 0,
      streakLastDay: "2026-03-10",
    });
    // 03-11 and 03-12 missed: broken.
    app.clock.set("2026-03-12T17:00:00Z"); // 03-13 in Shanghai
    const broken = await answerQuestions(app, a, [qs[9]], [true]);
    expect(broken[0].footer).toMatch(/1-day streak, a fresh start/);
    expect(await app.services.store.learners.get(l.id)).toMatchObject({
      streakCount: 1,
      streakLastDay: "2026-03-13",
    });
  });
});

describe("leaderboards", () => {
  it("weekly resets Monday 00:00 in the community's zone; all-time keeps counting", async () => {
    const [q1, q2] = singleChoice(app);
    const admin = actor("boss", { platform: "discord", workspaceId: "G1", isAdmin: true });
    const ann = actor("ann", { platform: "discord", workspaceId: "G1", displayName: "Ann" });
    const bob = actor("bob", { platform: "discord", workspaceId: "G1", displayName: "Bob" });
    const stranger = actor("zed", { platform: "discord", workspaceId: "G2", displayName: "Zed" });
    expect(
      (
        await app.bot.handleCommand(
          ann,
          "settings",
          { value: "Asia/Shanghai" },
          "community-timezone",
        )
      )[0].text,
    ).toMatch(/Only admins/);
    expect(
      (
        await app.bot.handleCommand(
          admin,
          "settings",
          { value: "Asia/Shanghai" },
          "community-timezone",
        )
      )[0].text,
    ).toMatch(/Community time zone set to Asia\/Shanghai/);

    app.clock.set("2026-03-08T15:00:00Z"); // Sunday 23:00 in Shanghai
    await answerQuestions(app, ann, [q1, q2], [true, true]);
    await answerQuestions(app, bob, [q1], [true]);
    await answerQuestions(app, stranger, [q1, q2], [true, true]);
    const weekly = (await app.bot.handleCommand(bob, "leaderboard", {}))[0];
    expect(weekly.title).toBe("This week's leaderboard");
    expect(weekly.text.split("\n").map((line) => line.replace(/ — \d+$/, ""))).toEqual([
      "🥇 Ann",
      "🥈 Bob",
    ]);

    app.clock.set("2026-03-08T16:00:00Z"); // Monday 00:00 in Shanghai: a new week
    const fresh = (await app.bot.handleCommand(bob, "leaderboard", { period: "weekly" }))[0];
    expect(fresh.text).toMatch(/No points yet/);
    expect(fresh.footer).toMatch(/Resets 16 Mar 00:00 \(Asia\/Shanghai\)/);
    const all = (await app.bot.handleCommand(bob, "leaderboard", { period: "all" }))[0];
    expect(all.text).toMatch(/🥇 Ann — \d+\n🥈 Bob — \d+$/);
    await answerQuestions(app, bob, [q2], [true]);
    const after = (await app.bot.handleCommand(ann, "leaderboard", {}))[0];
    expect(after.text).toMatch(/^🥇 Bob — \d+\n\nYou have no points yet\.$/);
  });
});

describe("/progress and /stats", () => {
  it("shows mastery bars per lesson, due reviews, streak, points and a PNG chart", async () => {
    const charted = await createTestApp("sqlite");
    // The app's charts: rendered in a worker thread, cached by their bars.
    const charts = createChartService();
    charted.services.charts = charts;
    try {
      const qs = singleChoice(charted, "genai").slice(0, 2);
      const a = actor("u1");
      expect((await charted.bot.handleText(a, "/progress"))[0].text).toMatch(
        /not answered any questions/,
      );
      await answerQuestions(charted, a, qs, [true, false]);
      const [p] = await charted.bot.handleText(a, "/progress");
      const genai = charted.services.index.questionsForTopic("genai").length;
      expect(p.fields?.[0].value).toBe(`█░░░░░░░░░ ${Math.round(100 / genai)}% (2/${genai})`);
      expect(p.text).toMatch(/2 answered, 1 right\./);
      expect(p.text).toMatch(/Points: \d+ in all, \d+ this week\./);
      expect(p.text).toMatch(/Streak: 1 day/);
      expect(p.text).toMatch(/Reviews due: 0 \(next /);
      charted.clock.advance(DAY + 1);
      expect((await charted.bot.handleText(a, "/progress"))[0].text).toMatch(
        /Reviews due: 1\. Type \/review/,
      );
      const png = p.attachments?.[0];
      expect(png).toMatchObject({ filename: "mastery.png", contentType: "image/png" });
      expect([...png!.data.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      // The day after, mastery is unchanged: the same chart again, from the cache.
      expect(charts.worker.stats().rendered).toBe(1);
    } finally {
      await charts.close();
      await charted.close();
    }
  });

  it("/stats is for admins and summarises this workspace", async () => {
    const qs = singleChoice(app, "units").slice(0, 2);
    const admin = actor("boss", { isAdmin: true });
    expect((await app.bot.handleText(actor("u1"), "/stats"))[0].text).toMatch(/Only admins/);
    expect((await app.bot.handleText(admin, "/stats"))[0].text).toBe("No answers yet.");
    for (let i = 0; i < 6; i++) await answerQuestions(app, actor(`u${i}`), qs, [i % 2 === 0, true]);
    await answerQuestions(app, actor("x", { workspaceId: "elsewhere" }), qs, [true, true]);
    const [s] = await app.bot.handleText(admin, "/stats");
    expect(s.text).toBe("6 learners, 12 answers, 75% correct.");
    expect(s.fields?.[0].value).toMatch(new RegExp(`^${qs[0].id} 50%`));
    // One of each reads in the singular.
    const solo = actor("solo-boss", { workspaceId: "solo", isAdmin: true });
    await answerQuestions(app, solo, qs.slice(0, 1), [true]);
    expect((await app.bot.handleText(solo, "/stats"))[0].text).toBe(
      "1 learner, 1 answer, 100% correct.",
    );
  });
});
