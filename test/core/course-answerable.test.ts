// Every question of the course can be answered correctly by typing, as a console learner would,
// in either language; every known numeric mistake gets its own explanation; and every lesson's
// quiz runs end to end in Chinese and in English.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import type { Question } from "../../src/core/content/schema";
import { grade } from "../../src/core/grading/grade";
import { parseAnswer } from "../../src/core/grading/parse-answer";
import { displayOptions, displayRight, LETTERS } from "../../src/core/grading/present";
import { actor, createTestApp, type TestApp } from "../helpers/app";

const index = loadContent("content");

/** What a learner would type for the right answer, reading the options as displayed. */
function typedAnswer(q: Question, seed: string): string {
  const opts = displayOptions(q, seed);
  const pos = (id: string) => opts.findIndex((o) => o.id === id);
  switch (q.type) {
    case "single":
      return LETTERS[pos(q.answer)];
    case "multiple":
      return q.answer.map((id) => LETTERS[pos(id)]).join(" ");
    case "true-false":
      return q.answer ? "对" : "错";
    case "numeric":
      return `${q.answer.value}${q.answer.unit && /^[A-Za-z]/.test(q.answer.unit) ? " " : ""}${q.answer.unit}`;
    case "ordering":
      return q.answer.map((id) => pos(id) + 1).join(" ");
    case "matching": {
      const right = displayRight(q, seed);
      return q.left
        .map((l, i) => `${i + 1}-${LETTERS[right.findIndex((r) => r.id === q.answer[l.id])]}`)
        .join(" ");
    }
  }
}

describe("every question is answerable by typing", () => {
  it.each(index.course.questions.map((q) => [q.id, q] as const))("%s", (_id, q) => {
    for (const seed of ["seed-a", "seed-b"]) {
      const g = grade(q, parseAnswer(q, typedAnswer(q, seed), seed), seed);
      expect(g.correct).toBe(true);
    }
    if (q.type === "numeric")
      for (const m of q.mistakes) {
        const g = grade(q, parseAnswer(q, `${m.value}${m.unit}`, "s"), "s");
        expect(g.correct).toBe(false);
        expect(g.feedback).toEqual([m.rationale]);
      }
  });
});

describe("every lesson's quiz in the chat, in both languages", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp("sqlite");
  });
  afterAll(async () => {
    await app.close();
  });

  it.each(
    index.course.topics.flatMap((t) => (["zh", "en"] as const).map((l) => [t.id, l] as const)),
  )("topic %s in %s", async (topic, lang) => {
    const a = actor(`learner-${topic}-${lang}`);
    await app.bot.handleText(a, `/settings language ${lang}`);
    let replies = await app.bot.handleText(a, `/quiz topic:${topic} count:6`);
    expect(replies[0].text).toMatch(lang === "zh" ? /开始测验/ : /Quiz on/);
    for (let i = 0; i < 6; i++) {
      const view = replies.at(-1)!.question!;
      const q = index.question(view.questionId)!;
      expect(view.prompt).toBe(q.prompt[lang]);
      replies = await app.bot.handleText(a, typedAnswer(q, view.sessionId));
      expect(replies[0].text).toMatch(lang === "zh" ? /正确/ : /Correct/);
    }
    expect(replies.at(-1)!.title).toBe(lang === "zh" ? "测验结束" : "Quiz finished");
  });
});
