// Helpers for learning-engine tests: start a session over chosen questions and answer them
// right or wrong through the bot, as a platform button would.
import type { Actor } from "../../src/core/actor";
import type { SingleChoiceQuestion } from "../../src/core/content/schema";
import type { TestApp } from "./app";

export function singleChoice(app: TestApp, topic?: string): SingleChoiceQuestion[] {
  return app.services.index.course.questions.filter(
    (q): q is SingleChoiceQuestion => q.type === "single" && (!topic || q.topic === topic),
  );
}

export async function learnerOf(app: TestApp, a: Actor) {
  return app.services.store.learners.upsert({
    platform: a.platform,
    workspaceId: a.workspaceId,
    externalId: a.userId,
  });
}

/** Answers each question in order in one fresh session: `right[i]` picks the right or a wrong choice. */
export async function answerQuestions(
  app: TestApp,
  a: Actor,
  qs: SingleChoiceQuestion[],
  right: boolean[],
) {
  const l = await learnerOf(app, a);
  const now = app.clock.now();
  await app.services.store.sessions.abandonOpen(l.id, now);
  const s = await app.services.store.sessions.create({
    learnerId: l.id,
    mode: "practice",
    topic: null,
    questionIds: qs.map((q) => q.id),
    questionShownAt: now,
    startedAt: now,
  });
  const out = [];
  for (const [i, q] of qs.entries()) {
    const choice = right[i] ? q.answer : q.choices.find((c) => c.id !== q.answer)!.id;
    out.push(...(await app.bot.handleAction(a, `quiz.answer:${s.id}:${i}`, { values: [choice] })));
  }
  return out;
}
