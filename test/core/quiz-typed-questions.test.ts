// Typed text during a quiz: it is read as the answer, except a question ending in "?" that does
// not read as one ("what does fp16 mean?"), which goes to the tutor and leaves the quiz as it
// was. /help says exactly that.
import { afterEach, describe, expect, it } from "vitest";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

let app: TutorTestApp | TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function openQuiz(a: TutorTestApp | TestApp, userId: string, questionIds: string[]) {
  const learner = await a.services.store.learners.upsert({
    platform: "console",
    workspaceId: "w1",
    externalId: userId,
  });
  const now = a.clock.now();
  const s = await a.services.store.sessions.create({
    learnerId: learner.id,
    mode: "practice",
    topic: null,
    questionIds,
    questionShownAt: now,
    startedAt: now,
  });
  return { learner, s };
}

describe("typed text during a quiz", () => {
  it("sends a question ending in '?' to the tutor, grades answers (with or without '?'), and refuses the rest plainly", async () => {
    const t = await createTutorTestApp();
    app = t;
    const a = actor("curious");
    const { learner, s } = await openQuiz(t, "curious", ["weights-memory-fp16", "gpt4o-latency"]);

    const [tutor] = await t.bot.handleText(a, "what does fp16 mean?");
    expect(tutor.text).not.toMatch(/Type a number/);
    expect(tutor.tone).not.toBe("warning");
    expect(tutor.fields?.[0].value).toMatch(/l02-parameters#/); // answered from the notes, cited
    for (const text of ["fp16 是什么意思？", "why is it 2 bytes per parameter ? "]) {
      const [r] = await t.bot.handleText(a, text);
      expect(r.text).not.toMatch(/Type a number|请输入/);
    }
    // The quiz did not move and nothing was recorded.
    expect((await t.services.store.sessions.get(s.id))?.position).toBe(0);
    expect(await t.services.store.answers.listByLearner(learner.id)).toHaveLength(0);

    // Without a question mark it is an answer attempt, refused with what the question expects.
    const [refused] = await t.bot.handleText(a, "what does fp16 mean");
    expect(refused.tone).toBe("warning");
    expect(refused.text).toMatch(/Type a number, optionally with the unit GB/);

    // A tentative answer is still an answer.
    const replies = await t.bot.handleText(a, "140GB?");
    expect(replies[0].text).toMatch(/✅ Correct!/);
    expect(replies[1].question?.questionId).toBe("gpt4o-latency");
  });

  it("without a tutor, every typed text mid-quiz is an answer attempt", async () => {
    const plain = await createTestApp("sqlite");
    app = plain;
    await openQuiz(plain, "no-tutor", ["weights-memory-fp16"]);
    const [r] = await plain.bot.handleText(actor("no-tutor"), "what does fp16 mean?");
    expect(r.tone).toBe("warning");
    expect(r.text).toMatch(/Type a number/);
  });

  it("/help describes what typed text does during a quiz and outside one", async () => {
    const plain = await createTestApp("sqlite");
    app = plain;
    const [en] = await plain.bot.handleText(actor("helper"), "/help");
    expect(en.footer).toMatch(
      /During a quiz, what you type is read as your answer; a question ending in "\?" that is not an answer goes to the tutor/,
    );
    expect(en.footer).toMatch(/Outside a quiz, other text goes to the tutor/);
    await plain.bot.handleText(actor("helper"), "/settings language zh");
    const [zh] = await plain.bot.handleText(actor("helper"), "/help");
    expect(zh.footer).toMatch(/测验中输入的文字会当作答案/);
  });
});
