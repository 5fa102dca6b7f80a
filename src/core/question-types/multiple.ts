// Multiple choice: pick every right option among 3–10. Scored all-or-nothing or partially
// (hits minus wrong picks over the number of right options); each wrong pick shows its rationale.
import { z } from "zod";
import { choiceSchema, common, slug } from "../content/schema";
import { resolveAll } from "../grading/answer-tokens";
import { bi, type Bilingual } from "../i18n";
import { choiceLabel, choiceOptions, choiceParts } from "./choices";
import { defineQuestionType } from "./module";
import { bilingual as uiText, msg } from "../messages/catalogue";

export const multipleChoiceSchema = z
  .object({
    ...common,
    type: z.literal("multiple"),
    choices: z.array(choiceSchema).min(3).max(10),
    answer: z.array(slug).min(1),
    scoring: z.enum(["all-or-nothing", "partial"]).default("partial"),
  })
  .strict();
export type MultipleChoiceQuestion = z.infer<typeof multipleChoiceSchema>;
export type MultipleGiven = { type: "multiple"; choices: string[] };

export const multiple = defineQuestionType<MultipleChoiceQuestion, MultipleGiven>({
  type: "multiple",
  schema: multipleChoiceSchema,
  label: uiText("question-types.multiple.multipleChoice"),
  slow: false,
  rank: 3,
  expectedSeconds: 30,
  ...choiceParts<MultipleChoiceQuestion>((q) => q.answer),
  widget: () => ({ kind: "choice", multi: true }),
  howTo: (_q, l) => msg(l, "question-types.multiple.typeEveryRightOption"),

  parse: (_q, { ids, options, structured }) => ({
    type: "multiple",
    choices: [...new Set(resolveAll(ids, options, structured))],
  }),
  grade(q, g) {
    const right = new Set(q.answer);
    const hits = g.choices.filter((c) => right.has(c)).length;
    const misses = g.choices.length - hits;
    const exact = hits === right.size && misses === 0;
    const score = q.scoring === "all-or-nothing" ? (exact ? 1 : 0) : (hits - misses) / right.size;
    const feedback = q.choices
      .filter((c) => g.choices.includes(c.id) && !right.has(c.id) && c.rationale)
      .map((c) => c.rationale as Bilingual);
    return { score, feedback };
  },
  correctAnswer(q, seed) {
    // In the order the learner sees them (A, C, …), not the order the file lists them.
    const opts = choiceOptions(q, seed);
    const sorted = [...q.answer].sort(
      (a, b) => opts.findIndex((o) => o.id === a) - opts.findIndex((o) => o.id === b),
    );
    return {
      zh: sorted.map((id) => choiceLabel(q, seed, id, "zh")).join("；"),
      en: sorted.map((id) => choiceLabel(q, seed, id, "en")).join("; "),
    };
  },
  answerWords: (q) => {
    const texts = q.answer.map((id) => q.choices.find((c) => c.id === id)?.text ?? bi(id, id));
    return { zh: texts.map((t) => t.zh).join("; "), en: texts.map((t) => t.en).join("; ") };
  },
  wrongPicks: (q, g) => g.choices.filter((c) => !q.answer.includes(c)),
});
