// Grades a parsed answer against a question: verdict, score (0–1), the rationale for each wrong
// pick, and the explanation every learner sees, right or wrong. How a type scores is its
// module's grade (question-types/*.ts); the verdict and the rounding are the same for all.
import type { Question } from "../content/schema";
import type { Bilingual } from "../i18n";
import { moduleFor } from "../question-types/registry";
import type { Given } from "./parse-answer";

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

export function grade(q: Question, given: Given, seed: string): GradeResult {
  if (given.type !== q.type)
    throw new Error(`answer type ${given.type} does not fit question ${q.id} (${q.type})`);
  const { score, feedback } = moduleFor(q.type).grade(q, given);
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

/** The correct answer as the learner would read it, e.g. "B. 0.175T" or "1-C, 2-A". */
export function correctAnswerText(q: Question, seed: string): Bilingual {
  return moduleFor(q.type).correctAnswer(q, seed);
}
