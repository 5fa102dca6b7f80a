// The quiz through the bot's front door on a real (SQLite) database: start, answer, hint, skip,
// stale buttons, malformed answers (nothing recorded), the summary and /progress.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { correctAnswerText } from "../../src/core/grading/grade";
import { formatAmount } from "../../src/core/grading/numeric";
import { displayOptions, displayRight, LETTERS } from "../../src/core/grading/present";
import { Rating, ratingFor, review } from "../../src/core/learning/fsrs";
import { actor, createTestApp, type TestApp } from "../helpers/app";

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp("sqlite");
});
afterAll(async () => {
  await app.close();
});

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
    case "single":
      return { values: [q.answer] };
    case "multiple":
      return { values: q.answer };
    case "true-false":
      return { values: [String(q.answer)] };
    case "numeric":
      return { values: [`${q.answer.value}${q.answer.unit}`] };
    case "ordering":
      return { values: q.answer };
    case "matching":
      return { values: Object.entries(q.answer).map(([l, r]) => `${l}=${r}`) };
  }
  void sessionId;
}

describe("a quiz", () => {
  it("grades a right answer, explains it, and offers Next", async () => {
    const { a, view } = await startQuiz("right");
    const [verdict] = await app.bot.handleAction(
      a,
      view.answerAction,
      correctInput(view.questionId, view.sessionId),
    );
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
    const learner = await app.services.store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "malformed",
    });
    expect(await app.services.store.answers.listByLearner(learner.id)).toHaveLength(0);
  });

  it("refuses a stale or repeated button press without recording twice", async () => {
    const { a, view } = await startQuiz("double");
    const input = correctInput(view.questionId, view.sessionId);
    const [first, second] = await Promise.all([
      app.bot.handleAction(a, view.answerAction, input),
      app.bot.handleAction(a, view.answerAction, input),
    ]);
    const texts = [...first, ...second].map((r) => r.text).join("\n");
    expect(texts).toMatch(/✅ Correct!/);
    expect(texts).toMatch(/already (answered|handled)/);
    const learner = await app.services.store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "double",
    });
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
    const [verdict, summary] = await app.bot.handleAction(
      a,
      view.answerAction,
      correctInput(view.questionId, view.sessionId),
    );
    const points = Number(/Points \+(\d+)/.exec(verdict.footer!)![1]);
    expect(points).toBe(Math.round((q.difficulty * 10 + 5) / 2));
    expect(summary.title).toBe("Quiz finished");
  });

  it("skipping shows the correct answer, then the explanation; Next shows the next question; the last skip ends with a summary", async () => {
    const { a, view } = await startQuiz("skipper", 2);
    const q = app.services.index.question(view.questionId)!;
    const first = await app.bot.handleCommand(a, "skip", {});
    // On Discord and Slack the answer waits for Next, as a verdict does.
    expect(first).toHaveLength(1);
    const text = first[0].text!;
    expect(text).toMatch(/^⏭ Skipped\.\nAnswer:/);
    expect(text).toContain(correctAnswerText(q, view.sessionId).en);
    expect(text.indexOf(q.explanation.en)).toBeGreaterThan(
      text.indexOf(correctAnswerText(q, view.sessionId).en),
    );
    expect(first[0].buttons?.map((b) => b.label)).toEqual(["Next", "Ask about this"]);
    const [next] = await app.bot.handleAction(a, first[0].buttons![0].id, {});
    expect(next.question?.position).toBe(1);
    const second = await app.bot.handleCommand(a, "skip", {});
    expect(second[0].text).toMatch(/Skipped/);
    expect(second[0].buttons?.map((b) => b.label)).toEqual(["Ask about this"]);
    expect(second[1].title).toBe("Quiz finished");
    const [none] = await app.bot.handleCommand(a, "skip", {});
    expect(none.text).toMatch(/no quiz in progress/);
  });

  it.each(["single", "multiple", "true-false", "numeric", "ordering", "matching"] as const)(
    "skipping a %s question shows its answer in the learner's language",
    async (type) => {
      const q = app.services.index.course.questions.find(
        (x) =>
          x.type === type && (type !== "numeric" || (x.type === "numeric" && x.answer.unit !== "")),
      )!;
      for (const locale of ["en", "zh"] as const) {
        const a = actor(`skip-${type}-${locale}`, { platform: "console" });
        if (locale === "zh")
          await app.bot.handleCommand(a, "settings", { value: "zh" }, "language");
        const learner = await app.services.store.learners.upsert({
          platform: "console",
          workspaceId: "w1",
          externalId: `skip-${type}-${locale}`,
        });
        const now = app.services.clock.now();
        const s = await app.services.store.sessions.create({
          learnerId: learner.id,
          mode: "practice",
          topic: null,
          questionIds: [q.id],
          questionShownAt: now,
          startedAt: now,
        });
        const [shown, summary] = await app.bot.handleCommand(a, "skip", {});
        const text = shown.text!;
        expect(text).toContain(locale === "zh" ? "已跳过" : "Skipped");
        expect(text).toContain(locale === "zh" ? "正确答案" : "Answer");
        expect(text).toContain(q.explanation[locale]);
        // The answer written out for its type, with the letters/numbers this session showed.
        const opts = displayOptions(q, s.id);
        const right = displayRight(q, s.id);
        const label = (id: string) =>
          `${LETTERS[opts.findIndex((o) => o.id === id)]}. ${opts.find((o) => o.id === id)!.text[locale]}`;
        switch (q.type) {
          case "single":
            expect(text).toContain(label(q.answer));
            break;
          case "multiple":
            for (const id of q.answer) expect(text).toContain(label(id));
            break;
          case "true-false":
            expect(text).toContain(
              q.answer ? (locale === "zh" ? "对" : "True") : locale === "zh" ? "错" : "False",
            );
            break;
          case "numeric":
            expect(text).toContain(formatAmount(q.answer.value, q.answer.unit, q.unitKind));
            expect(text).toContain(q.answer.unit);
            break;
          case "ordering":
            expect(text).toContain(
              q.answer.map((id) => q.items.find((i) => i.id === id)!.text[locale]).join(" → "),
            );
            break;
          case "matching":
            for (const [l, r] of Object.entries(q.answer)) {
              const li = q.left.findIndex((x) => x.id === l);
              const ri = right.findIndex((x) => x.id === r);
              expect(text).toContain(
                `${li + 1}. ${q.left[li].text[locale]} → ${LETTERS[ri]}. ${right[ri].text[locale]}`,
              );
            }
            break;
        }
        expect(summary.title).toBe(locale === "zh" ? "测验结束" : "Quiz finished");
      }
    },
  );

  it("times an answer from when Next showed the question, not from the previous verdict", async () => {
    const { a, view } = await startQuiz("timer", 3);
    const [verdict] = await app.bot.handleAction(
      a,
      view.answerAction,
      correctInput(view.questionId, view.sessionId),
    );
    app.clock.advance(10 * 60_000); // reading the explanation, or away for a while
    const [next] = await app.bot.handleAction(a, verdict.buttons![0].id, {});
    const q2 = next.question!;
    app.clock.advance(4_000);
    const [v2] = await app.bot.handleAction(
      a,
      q2.answerAction,
      correctInput(q2.questionId, q2.sessionId),
    );
    expect(v2.text).toMatch(/✅ Correct!/);
    const learner = await app.services.store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "timer",
    });
    const answers = await app.services.store.answers.listByLearner(learner.id);
    expect(answers.map((x) => x.timeTakenMs)).toEqual([0, 4_000]);
    // So FSRS rates it Good; timed from the verdict (10 minutes) it would have been Hard.
    const type = app.services.index.question(q2.questionId)!.type;
    expect(
      ratingFor({ correct: true, hintUsed: false, timeTakenMs: 4_000, type, card: null }),
    ).toBe(Rating.Good);
    expect(
      ratingFor({
        correct: true,
        hintUsed: false,
        timeTakenMs: 10 * 60_000 + 4_000,
        type,
        card: null,
      }),
    ).toBe(Rating.Hard);
    const card = await app.services.store.cards.get(learner.id, q2.questionId);
    expect(card?.stability).toBeCloseTo(review(null, Rating.Good, app.clock.now()).stability, 6);
  });

  it("times a question after a skip from its Next, and an old Next does not restart the clock", async () => {
    const { a } = await startQuiz("skip-timer", 3);
    const [skipped] = await app.bot.handleCommand(a, "skip", {});
    app.clock.advance(5 * 60_000);
    const [q2] = await app.bot.handleAction(a, skipped.buttons![0].id, {});
    app.clock.advance(3_000);
    await app.bot.handleAction(
      a,
      q2.question!.answerAction,
      correctInput(q2.question!.questionId, q2.question!.sessionId),
    );
    // Pressing the skip's Next again (now stale) shows the current question but keeps its clock.
    app.clock.advance(60_000);
    const [again] = await app.bot.handleAction(a, skipped.buttons![0].id, {});
    expect(again.question?.position).toBe(2);
    app.clock.advance(2_000);
    const q3 = again.question!;
    await app.bot.handleAction(a, q3.answerAction, correctInput(q3.questionId, q3.sessionId));
    const learner = await app.services.store.learners.upsert({
      platform: "discord",
      workspaceId: "w1",
      externalId: "skip-timer",
    });
    expect(
      (await app.services.store.answers.listByLearner(learner.id)).map((x) => x.timeTakenMs),
    ).toEqual([3_000, 62_000]);
  });

  it("a double click of Next shows the question twice, never 'already handled', and the answer still counts", async () => {
    const { a, view } = await startQuiz("double-next", 2);
    const [verdict] = await app.bot.handleAction(
      a,
      view.answerAction,
      correctInput(view.questionId, view.sessionId),
    );
    const [r1, r2] = await Promise.all([
      app.bot.handleAction(a, verdict.buttons![0].id, {}),
      app.bot.handleAction(a, verdict.buttons![0].id, {}),
    ]);
    for (const r of [...r1, ...r2]) {
      expect(r.text).not.toMatch(/already/);
      expect(r.question?.position).toBe(1);
    }
    const q2 = r1[0].question!;
    const [v2] = await app.bot.handleAction(
      a,
      q2.answerAction,
      correctInput(q2.questionId, q2.sessionId),
    );
    expect(v2.text).toMatch(/✅ Correct!/);
  });

  it("in the console, typed answers are graded and the next question follows at once", async () => {
    const a = actor("typist", { platform: "console" });
    const [, q] = await app.bot.handleText(a, "/quiz topic:units count:2");
    const view = q.question!;
    const qq = app.services.index.question(view.questionId)!;
    const opts = displayOptions(qq, view.sessionId);
    const typed =
      qq.type === "single"
        ? LETTERS[opts.findIndex((o) => o.id === qq.answer)]
        : qq.type === "true-false"
          ? qq.answer
            ? "true"
            : "false"
          : qq.type === "numeric"
            ? `${qq.answer.value}${qq.answer.unit}`
            : (qq.answer as string[])
                .map((id) => LETTERS[opts.findIndex((o) => o.id === id)])
                .join(" ");
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
    expect((await app.bot.handleText(a, "/quiz colour:blue"))[0].text).toMatch(
      /Unknown option "colour"/,
    );
    expect((await app.bot.handleText(a, "/quiz topic:cooking"))[0].text).toMatch(
      /no topic "cooking"/,
    );
    expect((await app.bot.handleText(a, "/quiz count:99"))[0].text).toMatch(/at most 20/);
    expect((await app.bot.handleText(a, "/settings timezone Mars/Olympus"))[0].text).toMatch(
      /not a time zone/,
    );
  });

  it("answers an unexpected failure with an apology and logs it with context", async () => {
    const broken = {
      ...app.services.store,
      answers: {
        ...app.services.store.answers,
        listByLearner: async () => {
          throw new Error("disk on fire");
        },
      },
    };
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
