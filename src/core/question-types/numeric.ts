// Numeric: a number, possibly with a unit (parameter counts, byte sizes, or plain). Read in any
// form the grader converts (175B, 0.175T, 1750亿, 1.6×10^14); right within a relative
// tolerance; a known wrong value shows its own rationale. The number parsing and unit checks
// are in grading/numeric*.ts; this module wires them to the question.
import { z } from "zod";
import { bilingual, common } from "../content/schema";
import { malformed } from "../grading/answer-tokens";
import {
  answerInBaseUnits,
  equivalentForms,
  expectedNumber,
  formatAmount,
  formatInQuestionUnit,
  splitNumber,
  toBaseUnits,
  unitFactor,
  withinTolerance,
} from "../grading/numeric";
import { notConverted, unitSlip, withoutCountedNoun } from "../grading/numeric-checks";
import { contentTerms } from "../tutor/coverage";
import { COMPUTE, CUE, bare } from "../tutor/guess-cues";
import { bestOverlap } from "../tutor/leak-paraphrase";
import { distinctTerms, normalize } from "../tutor/leak-text";
import { amountsIn } from "../tutor/number-spans";
import { defineQuestionType } from "./module";
import { bilingual as uiText } from "../messages/catalogue";

/** Units a numeric answer may carry: parameter counts, byte sizes, or a plain number. */
export const unitKind = z.enum(["params", "bytes", "plain"]);

export const numericSchema = z
  .object({
    ...common,
    type: z.literal("numeric"),
    answer: z.object({ value: z.number().finite(), unit: z.string().default("") }).strict(),
    unitKind: unitKind.default("plain"),
    /** Relative tolerance: 0.01 accepts answers within 1% of the value. */
    tolerance: z.number().min(0).max(0.5).default(0.01),
    /** Known wrong answers, each with why it is wrong (e.g. the source text's "1.75T"). */
    mistakes: z
      .array(
        z
          .object({
            value: z.number().finite(),
            unit: z.string().default(""),
            rationale: bilingual,
          })
          .strict(),
      )
      .default([]),
    wrongRationale: bilingual,
  })
  .strict();
export type NumericQuestion = z.infer<typeof numericSchema>;
export type NumericGiven = { type: "numeric"; raw: string; value: number };

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// A number as a learner might type it, with what follows it: "70B", "1750 亿", "1.6×10¹⁴ FLOP/s".
const NUMBER_IN_TEXT =
  /\d[\d,]*(?:\.\d+)?(?:\s*[×x*]\s*10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+|e[+-]?\d+)?(?:\s*(?:[A-Za-z/]+|万亿|十亿|亿|万|毫秒|字节|个|块|层))?/g;

export const numeric = defineQuestionType<NumericQuestion, NumericGiven>({
  type: "numeric",
  schema: numericSchema,
  label: uiText("question-types.numeric.number"),
  slow: false,
  rank: 2,
  expectedSeconds: 40,
  numbered: false,
  options: () => [],
  unit: (q) => q.answer.unit,
  widget: () => ({ kind: "text" }),
  howTo: (q, l) =>
    l === "zh"
      ? `输入数字${q.answer.unit ? `和单位（如 12${q.answer.unit}）` : ""}。`
      : `Type a number${q.answer.unit ? ` with its unit (e.g. 12${q.answer.unit})` : ""}.`,

  parse(q, { input, ids, structured }) {
    // The text as typed, not NFKC'd: NFKC would turn the exponent in "1.6×10¹⁴" into "1014".
    const raw = structured ? ids[0] : (input as string).trim();
    const counted = withoutCountedNoun(q, raw);
    const value =
      toBaseUnits(raw, q.unitKind, q.answer.unit) ??
      (counted ? toBaseUnits(counted, q.unitKind, q.answer.unit) : undefined);
    const refusal =
      value !== undefined ? (notConverted(q, raw) ?? unitSlip(q, raw, value)) : undefined;
    if (refusal) malformed(refusal.zh, refusal.en);
    if (value === undefined) {
      const expected = expectedNumber(q);
      const parsed = splitNumber(raw);
      if (parsed?.unit) {
        const unit = parsed.unit.slice(0, 30);
        if (q.unitKind === "plain" && !q.answer.unit)
          malformed(
            `这道题只要一个数字，不要单位（“${unit}”）。请输入${expected.zh}。`,
            `This question wants a plain number, not "${unit}". Type ${expected.en}.`,
          );
        malformed(
          `不认识这个单位“${unit}”，或者它不适合这道题。请输入${expected.zh}。`,
          `Unknown unit "${unit}" for this question. Type ${expected.en}.`,
        );
      }
      malformed(`没看懂这个数字。请输入${expected.zh}。`, `Type ${expected.en}.`);
    }
    return { type: "numeric", raw: raw.slice(0, 100), value };
  },
  grade(q, g) {
    if (withinTolerance(g.value, answerInBaseUnits(q), q.tolerance))
      return { score: 1, feedback: [] };
    const mistake = q.mistakes.find((m) =>
      withinTolerance(g.value, answerInBaseUnits({ answer: m, unitKind: q.unitKind }), q.tolerance),
    );
    return { score: 0, feedback: [mistake ? mistake.rationale : q.wrongRationale] };
  },
  correctAnswer(q) {
    const text = formatAmount(q.answer.value, q.answer.unit, q.unitKind);
    return { zh: text, en: text };
  },
  // Only called for wrong answers; shown in the question's unit ("2000GB", not 2000000000000).
  wrongPicks: (q, g) => (typeof g.value === "number" ? [formatInQuestionUnit(q, g.value)] : []),

  texts: (q) => [["wrongRationale", q.wrongRationale]],
  lint(q, sink) {
    if (unitFactor(q.unitKind, q.answer.unit, q.answer.unit) === undefined)
      sink.error("answer.unit", `unknown unit "${q.answer.unit}" for ${q.unitKind}`);
    else {
      // Converting between units is a fair question ("175 billion in T?"), so only the answer as
      // asked (value and unit) is an error; the bare number is a warning for a human to judge.
      const text = `${q.prompt.en}\n${q.prompt.zh}`;
      const num = escapeRe(String(q.answer.value));
      const unit = escapeRe(q.answer.unit);
      if (unit && new RegExp(`(^|[^\\d.])${num}\\s*${unit}(?![a-z])`, "i").test(text))
        sink.error(
          "prompt",
          `the prompt gives away the answer ("${q.answer.value}${q.answer.unit}")`,
        );
      // A number inside a name ("Llama 2", "GPT-3", "ChatGLM3-6B") is not the answer's number.
      else if (new RegExp(`(^|[^\\d.])(?<![A-Z][A-Za-z0-9.]*[ -])${num}(?![\\d.])`).test(text))
        sink.warning(
          "prompt",
          `the prompt contains the answer's number (${q.answer.value}); check it does not give the answer away`,
        );
    }
    q.mistakes.forEach((m, i) => {
      if (unitFactor(q.unitKind, m.unit, q.answer.unit) === undefined)
        sink.error(`mistakes[${i}].unit`, `unknown unit "${m.unit}"`);
    });
  },
  answerTexts: () => [],
  /** Each number in a hint, with and without what follows it, for the grader to try. */
  hintCandidates: (_q, hint) =>
    [...hint.matchAll(NUMBER_IN_TEXT)].flatMap((m) => [
      m[0].trim(),
      /^[\d,.]+/.exec(m[0])?.[0] ?? "",
    ]),
  leakForms(q, _seed, forms) {
    const base = answerInBaseUnits(q);
    forms.numbers.push(...equivalentForms(base, q.unitKind, q.answer.unit).map(normalize));
    forms.numbers.push(normalize(String(q.answer.value)));
    forms.numeric = {
      kind: q.unitKind,
      unit: q.answer.unit,
      base,
      tolerance: Math.max(q.tolerance, 0.02),
    };
  },
  guessShape(text, q) {
    const cue = CUE.test(text);
    // A bare number counts unless a word of another subject follows it ("one fp16 parameter").
    const promptWords = new Set([...distinctTerms(q.prompt.en), ...distinctTerms(q.prompt.zh)]);
    const amounts = amountsIn(text, q.unitKind, q.answer.unit).filter(
      (a) => !a.bare || !a.next || promptWords.has(distinctTerms(a.next)[0] ?? a.next),
    );
    if (amounts.length && (cue || COMPUTE.test(text) || bare(text, /[\d.,]+\s*\S*/g, 0)))
      return { guess: true, reason: "amount" };
    // A sum to work out (two numbers or more with an operator), or a request to work out the
    // question's own quantity: exam mode does not compute while a numeric question is open.
    if (/\d[\s\S]*?(?:[×*÷/x]|times|multiplied|divided|乘|除)[\s\S]*?\d/i.test(text))
      return { guess: true, reason: "arithmetic" };
    const own = distinctTerms(`${q.prompt.en}`).concat(distinctTerms(q.prompt.zh));
    if (
      COMPUTE.test(text) &&
      bestOverlap(`${q.prompt.en}\n${q.prompt.zh}`, [...new Set(contentTerms(text))]).share >=
        0.5 &&
      own.length
    )
      return { guess: true, reason: "asks-value" };
    return { guess: false };
  },
});
