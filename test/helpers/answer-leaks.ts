// Does a hint give the answer away? Judged by the grader itself: a hint leaks when the grader
// would accept the hint's text (or any number in it, with its unit, that the prompt does not
// already state) as the right answer, or when it contains the text of a correct option or the
// whole correct answer as displayed.
import type { Question } from "../../src/core/content/schema";
import { grade } from "../../src/core/grading/grade";
import { parseAnswer } from "../../src/core/grading/parse-answer";
import { moduleFor } from "../../src/core/question-types/registry";

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

/**
 * Candidate answers inside a hint: the whole hint, plus what the question's type adds (numeric:
 * each number with and without its unit; for a choice question a bare "1" would name option 1,
 * which is no leak).
 */
function candidates(q: Question, hint: string): string[] {
  const out = new Set([hint.trim(), ...(moduleFor(q.type).hintCandidates?.(q, hint) ?? [])]);
  return [...out].filter(Boolean);
}

/** The texts a hint must not contain: each correct option, or the whole correct answer. */
function answerTexts(q: Question, lang: "zh" | "en"): string[] {
  return moduleFor(q.type)
    .answerTexts(q, SEED)
    .map((t) => normaliseText(t[lang]))
    .filter((t) => t.length >= 2);
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
