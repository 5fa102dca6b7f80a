// Single choice: pick the one right option among 2–10, shuffled per session. A wrong pick shows
// that option's rationale.
import { z } from "zod";
import { choiceSchema, common, slug } from "../content/schema";
import { listOptions, malformed, resolveAny } from "../grading/answer-tokens";
import { bi } from "../i18n";
import { choiceLabel, choiceParts } from "./choices";
import { defineQuestionType } from "./module";
import { bilingual as uiText, msg } from "../messages/catalogue";

export const singleChoiceSchema = z
  .object({
    ...common,
    type: z.literal("single"),
    choices: z.array(choiceSchema).min(2).max(10),
    answer: slug,
  })
  .strict();
export type SingleChoiceQuestion = z.infer<typeof singleChoiceSchema>;
export type SingleGiven = { type: "single"; choice: string };

export const single = defineQuestionType<SingleChoiceQuestion, SingleGiven>({
  type: "single",
  schema: singleChoiceSchema,
  label: uiText("question-types.single.singleChoice"),
  slow: false,
  rank: 1,
  expectedSeconds: 20,
  ...choiceParts<SingleChoiceQuestion>((q) => [q.answer]),
  widget: () => ({ kind: "choice", multi: false }),
  howTo: (_q, l) => msg(l, "question-types.single.typeTheLetterOr"),

  parse(_q, { ids, text, structured, options }) {
    const one = structured ? ids : [text];
    const id = one.length === 1 ? resolveAny(one[0], options, structured) : undefined;
    if (!id)
      malformed(
        `请选择一个选项：${listOptions(options)}。`,
        `Pick one option: ${listOptions(options)}.`,
      );
    return { type: "single", choice: id };
  },
  grade(q, g) {
    const ok = g.choice === q.answer;
    const picked = q.choices.find((c) => c.id === g.choice);
    return { score: ok ? 1 : 0, feedback: !ok && picked?.rationale ? [picked.rationale] : [] };
  },
  correctAnswer: (q, seed) => ({
    zh: choiceLabel(q, seed, q.answer, "zh"),
    en: choiceLabel(q, seed, q.answer, "en"),
  }),
  answerWords: (q) => q.choices.find((c) => c.id === q.answer)?.text ?? bi(q.answer, q.answer),
  wrongPicks: (q, g) => (g.choice !== q.answer ? [g.choice] : []),
});
