// Chooses the questions for a quiz. With a topic: that topic's questions; without: the whole
// course. Order is shuffled by a seed, never the same question twice, and formats ramp up:
// quick-answer questions (single, true/false, numeric, multiple) first; the slower ordering and
// matching questions make up at most one in three, so a short quiz stays quick to answer in chat
// (more only when there are not enough quick ones). The adaptive plan (learning/adaptive.ts)
// applies the same format mix to its own priority order.
import type { CourseIndex } from "../content/model";
import type { Question } from "../content/schema";
import { shuffle } from "../grading/present";

export const DEFAULT_QUIZ_LENGTH = 5;
export const MAX_QUIZ_LENGTH = 20;

export interface PlanRequest {
  topic?: string;
  count: number;
  seed: string;
  exclude?: Set<string>;
}

const SLOW_TYPES = new Set<Question["type"]>(["ordering", "matching"]);
const TYPE_RANK: Record<Question["type"], number> = {
  "true-false": 0,
  single: 1,
  numeric: 2,
  multiple: 3,
  ordering: 4,
  matching: 5,
};

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
    if (SLOW_TYPES.has(q.type)) {
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
  return [
    ...questions.filter((q) => !SLOW_TYPES.has(q.type)),
    ...questions.filter((q) => SLOW_TYPES.has(q.type)),
  ];
}

/** Orders a quiz: quick formats first, then by difficulty. */
export function rampOrder(questions: Question[]): Question[] {
  return [...questions].sort(
    (a, b) =>
      Number(SLOW_TYPES.has(a.type)) - Number(SLOW_TYPES.has(b.type)) ||
      a.difficulty - b.difficulty ||
      TYPE_RANK[a.type] - TYPE_RANK[b.type],
  );
}

export function planQuiz(index: CourseIndex, req: PlanRequest): string[] {
  const pool: Question[] = req.topic ? index.questionsForTopic(req.topic) : index.course.questions;
  const fresh = pool.filter((q) => !req.exclude?.has(q.id));
  const candidates = shuffle(fresh.length >= req.count ? fresh : pool, req.seed);
  return rampOrder(pickWithFormatMix(candidates, req.count)).map((q) => q.id);
}
