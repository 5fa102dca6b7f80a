// The App Home tab built from the core's /progress and /settings replies: due reviews and the
// streak appear, the settings menus follow, and the view stays within Slack's limits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildHome } from "../../../src/adapters/slack/home";
import { actor, createTestApp, type TestApp } from "../../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp("sqlite");
});
afterAll(async () => {
  await app?.close();
});

describe("Slack App Home", () => {
  it("shows progress with due reviews and the streak, then the settings menus", async () => {
    const who = actor("UHOME", { platform: "slack", workspaceId: "T1" });
    await app.bot.handleCommand(who, "settings", {}, "show");
    const learner = await app.testDb.db.prisma.learner.findFirstOrThrow({
      where: { externalId: "UHOME" },
    });
    // A question outside the quiz's topic below, so answering that quiz cannot reschedule this card.
    const q = app.services.index.course.questions.find((x) => x.topic !== "genai")!;
    await app.services.store.cards.put({
      learnerId: learner.id,
      questionId: q.id,
      due: new Date(app.clock.now().getTime() - 86_400_000),
      stability: 3,
      difficulty: 5,
      elapsedDays: 0,
      scheduledDays: 3,
      learningSteps: 0,
      reps: 1,
      lapses: 0,
      state: 2,
      lastReview: null,
    });
    await app.services.store.learners.update(learner.id, {
      streakCount: 4,
      streakLastDay: app.clock.now().toISOString().slice(0, 10),
    });
    // Typed answers (whatever the question type, one of these is accepted) so progress has something to report.
    await app.bot.handleText(who, "/quiz topic:genai count:1");
    for (const typed of ["A", "true", "1", "1 2 3", "A"]) await app.bot.handleText(who, typed);
    const view = (await buildHome(app.bot, who)) as { type: string; blocks: any[] };
    expect(view.type).toBe("home");
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = JSON.stringify(view.blocks);
    expect(view.blocks[0]).toMatchObject({ type: "header" });
    expect(text).toMatch(/Streak: 4 days/);
    expect(text).toMatch(/Reviews due: 1/);
    const divider = view.blocks.findIndex((b) => b.type === "divider");
    expect(view.blocks[divider + 1]).toMatchObject({ type: "header", text: { text: "Settings" } });
    expect(
      view.blocks.find((b) => b.type === "actions").elements.map((e: any) => e.action_id),
    ).toEqual(["slack.home#language", "slack.home#timezone"]);
    for (const b of view.blocks)
      if (b.type === "section" && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });
});
