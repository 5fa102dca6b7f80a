// Grades a parsed answer against a question: verdict, score (0–1), the rationale for each wrong
// pick, and the explanation every learner sees, right or wrong.
import type { Question } from "../content/schema";
import { bi, type Bilingual } from "../i18n";
import { answerInBaseUnits, formatAmount, withinTolerance } from "./numeric";
import type { Given } from "./parse-answer";
import { LETTERS, displayOptions, displayRight } from "./present";

export type Verdict = "correct" | "partial" | "wrong";

export interface GradeResult {
  verdict: Verdict;
  correct: boolean;
  /** 0–1; partial credit for multiple choice (partial scoring), ordering and matching. */
  score: number;
  /** Why the learner's specific wrong picks are wrong (from the content). */
  feedback: Bilingual[];
  explanation: Bilingual;
  /** The correct answer, written out for display. */
  correctAnswer: Bilingual;
}

function result(q: Question, score: number, feedback: Bilingual[], seed: string): GradeResult {
  const rounded = Math.round(Math.max(0, Math.min(1, score)) * 1000) / 1000;
  const verdict: Verdict = rounded >= 1 ? "correct" : rounded > 0 ? "partial" : "wrong";
  return {
    verdict,
    correct: verdict === "correct",
    score: rounded,
    feedback,
    explanation: q.explanation,
    correctAnswer: correctAnswerText(q, seed),
  };
}

export function grade(q: Question, given: Given, seed: string): GradeResult {
  if (given.type !== q.type)
    throw new Error(`answer type ${given.type} does not fit question ${q.id} (${q.type})`);
  switch (q.type) {
    case "single": {
      const g = given as Extract<Given, { type: "single" }>;
      const ok = g.choice === q.answer;
      const picked = q.choices.find((c) => c.id === g.choice);
      return result(q, ok ? 1 : 0, !ok && picked?.rationale ? [picked.rationale] : [], seed);
    }
    case "multiple": {
      const g = given as Extract<Given, { type: "multiple" }>;
      const right = new Set(q.answer);
      const hits = g.choices.filter((c) => right.has(c)).length;
      const misses = g.choices.length - hits;
      const exact = hits === right.size && misses === 0;
      const score = q.scoring === "all-or-nothing" ? (exact ? 1 : 0) : (hits - misses) / right.size;
      const feedback = q.choices
        .filter((c) => g.choices.includes(c.id) && !right.has(c.id) && c.rationale)
        .map((c) => c.rationale!);
      return result(q, score, feedback, seed);
    }
    case "true-false": {
      const ok = (given as Extract<Given, { type: "true-false" }>).value === q.answer;
      return result(q, ok ? 1 : 0, ok ? [] : [q.wrongRationale], seed);
    }
    case "numeric": {
      const g = given as Extract<Given, { type: "numeric" }>;
      const expected = answerInBaseUnits(q);
      if (withinTolerance(g.value, expected, q.tolerance)) return result(q, 1, [], seed);
      const mistake = q.mistakes.find((m) =>
        withinTolerance(
          g.value,
          answerInBaseUnits({ answer: m, unitKind: q.unitKind }),
          q.tolerance,
        ),
      );
      return result(q, 0, [mistake ? mistake.rationale : q.wrongRationale], seed);
    }
    case "ordering": {
      const g = given as Extract<Given, { type: "ordering" }>;
      const inPlace = g.order.filter((id, i) => q.answer[i] === id).length;
      const score = inPlace / q.answer.length;
      return result(q, score, score < 1 ? [q.wrongRationale] : [], seed);
    }
    case "matching": {
      const g = given as Extract<Given, { type: "matching" }>;
      const total = Object.keys(q.answer).length;
      const ok = Object.entries(q.answer).filter(([l, r]) => g.pairs[l] === r).length;
      return result(q, ok / total, ok < total ? [q.wrongRationale] : [], seed);
    }
  }
}

/** The correct answer as the learner would read it, e.g. "B. 0.175T" or "1-C, 2-A". */
export function correctAnswerText(q: Question, seed: string): Bilingual {
  const opts = displayOptions(q, seed);
  const label = (id: string, lang: "zh" | "en") => {
    const i = opts.findIndex((o) => o.id === id);
    return i < 0 ? id : `${LETTERS[i]}. ${opts[i].text[lang]}`;
  };
  const both = (f: (lang: "zh" | "en") => string): Bilingual => ({ zh: f("zh"), en: f("en") });
  switch (q.type) {
    case "single":
      return both((l) => label(q.answer, l));
    case "multiple":
      // In the order the learner sees them (A, C, …), not the order the file lists them.
      return both((l) =>
        [...q.answer]
          .sort((a, b) => opts.findIndex((o) => o.id === a) - opts.findIndex((o) => o.id === b))
          .map((id) => label(id, l))
          .join(l === "zh" ? "；" : "; "),
      );
    case "true-false":
      return q.answer ? bi("对", "True") : bi("错", "False");
    case "numeric":
      return both(() => formatAmount(q.answer.value, q.answer.unit, q.unitKind));
    case "ordering":
      return both((l) =>
        q.answer.map((id) => q.items.find((it) => it.id === id)!.text[l]).join(" → "),
      );
    case "matching": {
      const right = displayRight(q, seed);
      return both((l) =>
        q.left
          .map((left, i) => {
            const r = right.findIndex((x) => x.id === q.answer[left.id]);
            return `${i + 1}. ${left.text[l]} → ${LETTERS[r]}. ${right[r]?.text[l] ?? "?"}`;
          })
          .join("\n"),
      );
    }
  }
}
