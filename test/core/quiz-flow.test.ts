// The quiz through the bot's front door on a real (SQLite) database: start, answer, hint, skip,
// stale buttons, malformed answers (nothing recorded), the summary and /progress.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayOptions, LETTERS } from "../../src/core/grading/present";
import { actor, createTestApp, type TestApp } from "../helpers/app";

let app: TestApp;
beforeAll(async () => { app = await createTestApp("sqlite"); });
afterAll(async () => { await app.close(); });

const discordUser = (id: string) => actor(id, { platform: "discord" });

async function startQuiz(user: string, count = 3, platform = "discord") {
  const a = actor(user, { platform });
  const [intro, q] = await app.bot.handleCommand(a, "quiz", { topic: "units", count });
  expect(intro.text).toMatch(/Quiz on Parameters and units/);
  expect(q.question).toBeDefined();
  return { a, view: q.question! };
}

function correctInput(questionId: string, sessionId: string): { values: string[] } {
  const q = app.services.index.question(questionId)!;
  switch (q.type) {
    case "single": return { values: [q.answer] };
    case "multiple": return { values: q.answer };
    case "true-false": return { values: [String(q.answer)] };
    case "numeric": return { values: [`${q.answer.value}${q.answer.unit}`] };
    case "ordering": return { values: q.answer };
    case "matching": return { values: Object.entries(q.answer).map(([l, r]) => `${l}=${r}`) };
  }
  void sessionId;
}

describe("a quiz", () => {
  it("grades a right answer, explains it, and offers Next", async () => {
    const { a, view } = await startQuiz("right");
    const [verdict] = await app.bot.handleAction(a, view.answerAction, correctInput(view.questionId, view.sessionId));
    expect(verdict.text).toMatch(/✅ Correct!/);
    expect(verdict.tone).toBe("success");
    expect(verdict.buttons?.map((b) => b.label)).toEqual(["Next", "Ask about this"]);
    const next = await app.bot.handleAction(a, verdict.buttons![0].id, {});
    expect(next[0].question?.position).toBe(1);
  });

  it("refuses a malformed answer with a clear message and records nothing", async () => {
    const { a, view } = await startQuiz("malformed");
    const [r] = await app.bot.handleAction(a, view.answerAction, { text: "" });
    expect(r.tone).toBe("warning");
    expect(r.text).toMatch(/empty/);
    const [r2] = await app.bot.handleAction(a, view.answerAction, { text: "x".repeat(2000) });
    expect(r2.text).toMatch(/too long/);
    const learner = await app.services.store.learners.upsert({ platform: "discord", workspaceId: "w1", externalId: "malformed" });
    expect(await app.services.store.answers.listByLearner(learner.id)).toHaveLength(0);
  });

  it("refuses a stale or repeated button press without recording twice", async () => {
    const { a, view } = await startQuiz("double");
    const input = correctInput(view.questionId, view.sessionId);
    const [first, second] = await Promise.all([app.bot.handleAction(a, view.answerAction, input), app.bot.handleAction(a, view.answerAction, input)]);
    const texts = [...first, ...second].map((r) => r.text).join("\n");
    expect(texts).toMatch(/✅ Correct!/);
    expect(texts).toMatch(/already (answered|handled)/);
    const learner = await app.services.store.learners.upsert({ platform: "discord", workspaceId: "w1", externalId: "double" });
    expect(await app.services.store.answers.listByLearner(learner.id)).toHaveLength(1);
  });

  it("gives hints, halves the points, and says when hints run out", async () => {
    const { a, view } = await startQuiz("hinted", 1);
    const q = app.services.index.question(view.questionId)!;
    const [h] = await app.bot.handleCommand(a, "hint", {});
    expect(h.text).toContain(q.hints[0].en);
    expect(h.private).toBe(true);
    for (let i = 1; i < q.hints.length; i++) await app.bot.handleCommand(a, "hint", {});
    const [more] = await app.bot.handleCommand(a, "hint", {});
    expect(more.text).toMatch(/No more hints/);
    const [verdict, summary] = await app.bot.handleAction(a, view.answerAction, correctInput(view.questionId, view.sessionId));
    const points = Number(/Points \+(\d+)/.exec(verdict.footer!)![1]);
    expect(points).toBe(Math.round((q.difficulty * 10 + 5) / 2));
    expect(summary.title).toBe("Quiz finished");
  });

  it("skips to the next question and ends with a summary", async () => {
    const { a } = await startQuiz("skipper", 2);
    const first = await app.bot.handleCommand(a, "skip", {});
    expect(first[0].text).toMatch(/Skipped/);
    expect(first[1].question?.position).toBe(1);
    const second = await app.bot.handleCommand(a, "skip", {});
    expect(second[1].title).toBe("Quiz finished");
    const [none] = await app.bot.handleCommand(a, "skip", {});
    expect(none.text).toMatch(/no quiz in progress/);
  });

  it("in the console, typed answers are graded and the next question follows at once", async () => {
    const a = actor("typist", { platform: "console" });
    const [, q] = await app.bot.handleText(a, "/quiz topic:units count:2");
    const view = q.question!;
    const qq = app.services.index.question(view.questionId)!;
    const opts = displayOptions(qq, view.sessionId);
    const typed = qq.type === "single" ? LETTERS[opts.findIndex((o) => o.id === qq.answer)]
      : qq.type === "true-false" ? (qq.answer ? "true" : "false")
      : qq.type === "numeric" ? `${qq.answer.value}${qq.answer.unit}`
      : (qq.answer as string[]).map((id) => LETTERS[opts.findIndex((o) => o.id === id)]).join(" ");
    const replies = await app.bot.handleText(a, typed);
    expect(replies[0].text).toMatch(/✅ Correct!/);
    expect(replies[1].question?.position).toBe(1);
  });

  it("/progress reflects answers per topic", async () => {
    const [p] = await app.bot.handleCommand(discordUser("right"), "progress", {});
    expect(p.text).toMatch(/1 answered, 1 right/);
    const units = p.fields?.find((f) => f.name.endsWith("Parameters and units"));
    expect(units?.value).toMatch(/\d+%/);
  });

  it("explains unknown commands, options and topics in plain words", async () => {
    const a = discordUser("confused");
    expect((await app.bot.handleText(a, "/dance"))[0].text).toMatch(/no \/dance command/);
    expect((await app.bot.handleText(a, "/quiz colour:blue"))[0].text).toMatch(/Unknown option "colour"/);
    expect((await app.bot.handleText(a, "/quiz topic:cooking"))[0].text).toMatch(/no topic "cooking"/);
    expect((await app.bot.handleText(a, "/quiz count:99"))[0].text).toMatch(/at most 20/);
    expect((await app.bot.handleText(a, "/settings timezone Mars/Olympus"))[0].text).toMatch(/not a time zone/);
  });

  it("answers an unexpected failure with an apology and logs it with context", async () => {
    const broken = { ...app.services.store, answers: { ...app.services.store.answers, listByLearner: async () => { throw new Error("disk on fire"); } } };
    const { createBot } = await import("../../src/core/bot");
    const bot = createBot({ ...app.services, store: broken });
    const [r] = await bot.handleCommand(discordUser("right"), "progress", {});
    expect(r.text).toMatch(/Sorry, something went wrong/);
    expect(r.text).not.toMatch(/disk on fire/);
    const logged = app.logger.lines.find((l) => l.level === "error");
    expect(JSON.stringify(logged)).toMatch(/disk on fire/);
    expect(JSON.stringify(logged)).toMatch(/"name":"progress"/);
  });
});
