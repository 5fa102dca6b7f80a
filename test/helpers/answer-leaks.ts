// Does a hint give the answer away? Judged by the grader itself: a hint leaks when the grader
// would accept the hint's text (or any number in it, with its unit, that the prompt does not
// already state) as the right answer, or when it contains the text of a correct option or the
// whole correct answer as displayed.
import type { Question } from "../../src/core/content/schema";
import { correctAnswerText, grade } from "../../src/core/grading/grade";
import { parseAnswer } from "../../src/core/grading/parse-answer";

const SEED = "hint-check";

/** NFKC, lower case, punctuation dropped, whitespace collapsed: how two texts are compared. */
export function normaliseText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** True when the grader accepts `typed` as a fully correct answer to `q`. */
function accepted(q: Question, typed: string): boolean {
  try {
    return grade(q, parseAnswer(q, typed, SEED), SEED).correct;
  } catch {
    return false; // not an answer at all (malformed input is a UserError)
  }
}

// A number as a learner might type it, with what follows it: "70B", "1750 亿", "1.6×10¹⁴ FLOP/s".
const NUMBER_IN_TEXT =
  /\d[\d,]*(?:\.\d+)?(?:\s*[×x*]\s*10[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+|e[+-]?\d+)?(?:\s*(?:[A-Za-z/]+|万亿|十亿|亿|万|毫秒|字节|个|块|层))?/g;

/**
 * Candidate answers inside a hint: the whole hint and, for a numeric question, each number with
 * and without its unit. (For a choice question a bare "1" would name option 1, which is no leak.)
 */
function candidates(q: Question, hint: string): string[] {
  const out = new Set([hint.trim()]);
  if (q.type === "numeric")
    for (const m of hint.matchAll(NUMBER_IN_TEXT)) {
      out.add(m[0].trim());
      out.add(/^[\d,.]+/.exec(m[0])![0]);
    }
  return [...out].filter(Boolean);
}

/** The texts a hint must not contain: each correct option, and the whole correct answer. */
function answerTexts(q: Question, lang: "zh" | "en"): string[] {
  const texts: string[] = [];
  if (q.type === "single") texts.push(q.choices.find((c) => c.id === q.answer)!.text[lang]);
  if (q.type === "multiple")
    for (const c of q.choices) if (q.answer.includes(c.id)) texts.push(c.text[lang]);
  if (q.type === "ordering" || q.type === "matching") texts.push(correctAnswerText(q, SEED)[lang]);
  return texts.map(normaliseText).filter((t) => t.length >= 2);
}

/** Why each hint of `q` gives the answer away (empty when none does). */
export function hintLeaks(q: Question): string[] {
  const leaks: string[] = [];
  q.hints.forEach((hint, i) => {
    for (const lang of ["zh", "en"] as const) {
      const text = hint[lang];
      // A conversion question ("175 billion in T?") states its amount; a hint may repeat the prompt.
      const given = (c: string) =>
        [q.prompt.zh, q.prompt.en].some((p) => normaliseText(p).includes(normaliseText(c)));
      const typed = candidates(q, text).find((c) => !given(c) && accepted(q, c));
      if (typed !== undefined)
        leaks.push(`${q.id} hints[${i}].${lang}: the grader accepts "${typed}"`);
      const shown = normaliseText(text);
      for (const a of answerTexts(q, lang))
        if (shown.includes(a))
          leaks.push(`${q.id} hints[${i}].${lang}: contains the answer "${a}"`);
    }
  });
  return leaks;
}
