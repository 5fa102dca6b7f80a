// Chooses the questions for a quiz. With a topic: that topic's questions; without: the whole
// course. Order is shuffled by a seed, never the same question twice, and formats ramp up:
// quick-answer questions (single, true/false, numeric, multiple) first; the slower ordering and
// matching questions make up at most one in three, so a short quiz stays quick to answer in chat
// (more only when there are not enough quick ones). The adaptive plan (learning/adaptive.ts)
// applies the same format mix to its own priority order.
import type { CourseIndex } from "../content/model";
import type { Question } from "../content/schema";
import { shuffle } from "../grading/seeded-shuffle";
import { moduleFor } from "../question-types/registry";

export const DEFAULT_QUIZ_LENGTH = 5;
export const MAX_QUIZ_LENGTH = 20;

export interface PlanRequest {
  topic?: string;
  count: number;
  seed: string;
  exclude?: Set<string>;
}

/** Slow formats (ordering, matching) take longer in chat; each type's module says if it is one. */
export const slow = (q: Question) => moduleFor(q.type).slow;
const rank = (q: Question) => moduleFor(q.type).rank;

/** How many ordering/matching questions a quiz of `count` may hold. */
export const slowQuestionAllowance = (count: number) => Math.floor(count / 3);

/**
 * Picks from candidates in the given (priority) order, respecting the slow-format allowance.
 * When there are too few quick questions to fill the quiz, slow ones fill it after all (in
 * priority order): a longer mix of formats beats a shorter quiz than was asked for.
 */
export function pickWithFormatMix(candidates: Question[], count: number): Question[] {
  let slowLeft = slowQuestionAllowance(count);
  const picked: Question[] = [];
  const passedOver: Question[] = [];
  for (const q of candidates) {
    if (picked.length >= count) break;
    if (slow(q)) {
      if (slowLeft === 0) {
        passedOver.push(q);
        continue;
      }
      slowLeft--;
    }
    picked.push(q);
  }
  for (const q of passedOver) if (picked.length < count) picked.push(q);
  return picked;
}

/** Slow formats last, otherwise the given order (the adaptive plan's priority: due reviews first). */
export function slowLast(questions: Question[]): Question[] {
  return [...questions.filter((q) => !slow(q)), ...questions.filter((q) => slow(q))];
}

/** Orders a quiz: quick formats first, then by difficulty. */
export function rampOrder(questions: Question[]): Question[] {
  return [...questions].sort(
    (a, b) => Number(slow(a)) - Number(slow(b)) || a.difficulty - b.difficulty || rank(a) - rank(b),
  );
}

export function planQuiz(index: CourseIndex, req: PlanRequest): string[] {
  const pool: Question[] = req.topic ? index.questionsForTopic(req.topic) : index.course.questions;
  const fresh = pool.filter((q) => !req.exclude?.has(q.id));
  const candidates = shuffle(fresh.length >= req.count ? fresh : pool, req.seed);
  return rampOrder(pickWithFormatMix(candidates, req.count)).map((q) => q.id);
}
