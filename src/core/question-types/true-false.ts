// True or false: a statement the learner judges. Typed as 对/错, true/false, 1/2 or A/B.
import { z } from "zod";
import { bilingual, common } from "../content/schema";
import { malformed } from "../grading/answer-tokens";
import type { Option } from "../grading/seeded-shuffle";
import { CUE, TRUTH, bare } from "../tutor/guess-cues";
import { bestOverlap } from "../tutor/leak-paraphrase";
import { distinctTerms, statementOf } from "../tutor/leak-text";
import { defineQuestionType } from "./module";
import { bilingual as uiText, msg } from "../messages/catalogue";

export const trueFalseSchema = z
  .object({
    ...common,
    type: z.literal("true-false"),
    answer: z.boolean(),
    wrongRationale: bilingual,
  })
  .strict();
export type TrueFalseQuestion = z.infer<typeof trueFalseSchema>;
export type TrueFalseGiven = { type: "true-false"; value: boolean };

export const TRUE_FALSE: Option[] = [
  { id: "true", text: uiText("question-types.true-false.true") },
  { id: "false", text: uiText("question-types.true-false.false") },
];

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "对", "正确", "是", "√", "✓", "真", "1", "a"]);
const FALSE_WORDS = new Set([
  "false",
  "f",
  "no",
  "n",
  "错",
  "错误",
  "否",
  "×",
  "✗",
  "x",
  "假",
  "2",
  "b",
]);

export const trueFalse = defineQuestionType<TrueFalseQuestion, TrueFalseGiven>({
  type: "true-false",
  schema: trueFalseSchema,
  label: uiText("question-types.true-false.trueOrFalse"),
  slow: false,
  rank: 0,
  expectedSeconds: 15,
  numbered: false,
  options: () => TRUE_FALSE,
  widget: () => ({ kind: "choice", multi: false }),
  howTo: (_q, l) => msg(l, "question-types.true-false.typeTrueOrFalse"),

  parse(_q, { ids, text, structured }) {
    const word = (structured ? ids[0] : text).toLowerCase();
    if (TRUE_WORDS.has(word)) return { type: "true-false", value: true };
    if (FALSE_WORDS.has(word)) return { type: "true-false", value: false };
    return malformed("请回答 对/错（或 true/false、1/2）。", "Answer true or false (or 1/2, A/B).");
  },
  grade(q, g) {
    const ok = g.value === q.answer;
    return { score: ok ? 1 : 0, feedback: ok ? [] : [q.wrongRationale] };
  },
  correctAnswer: (q) =>
    q.answer ? uiText("question-types.true-false.true") : uiText("question-types.true-false.false"),
  wrongPicks: (q, g) => (g.value !== q.answer ? [String(g.value)] : []),

  texts: (q) => [["wrongRationale", q.wrongRationale]],
  lint: () => {},
  answerTexts: () => [],
  leakForms(q, _seed, forms) {
    forms.truth = {
      words: q.answer
        ? ["true", "correct", "right", "对", "正确", "是对的", "成立"]
        : ["false", "incorrect", "wrong", "错", "错误", "不对", "不成立"],
    };
    forms.labels.push(q.answer ? "1" : "2");
    forms.statement = {
      text: [statementOf(q.prompt.en), statementOf(q.prompt.zh)],
      terms: [distinctTerms(statementOf(q.prompt.en)), distinctTerms(statementOf(q.prompt.zh))],
    };
  },
  guessShape(text, q) {
    const stmt = [statementOf(q.prompt.en), statementOf(q.prompt.zh)];
    const restates = stmt.some((s) => {
      const own = distinctTerms(s);
      return own.length >= 2 && bestOverlap(text, own).share >= 0.5;
    });
    if (restates) return { guess: true, reason: "statement" };
    if (TRUTH.test(text) && (CUE.test(text) || bare(text, TRUTH)))
      return { guess: true, reason: "truth-word" };
    return { guess: false };
  },
});
