// Spaced repetition with FSRS (ts-fsrs): how a graded answer becomes a rating, and how a rating
// moves the learner's card. Scheduling is in whole days (short-term learning steps off): a quiz
// bot sees learners once or twice a day, so "again in 10 minutes" would never be honoured.
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from "ts-fsrs";
import type { QuestionType } from "../content/schema";
import { QUESTION_TYPES, moduleFor } from "../question-types/registry";
import type { CardState } from "../ports/learning";

export { Rating };

/** Seconds a typical learner needs per question type; "slow" is more than twice this, "fast" at most this. */
export const EXPECTED_SECONDS: Record<QuestionType, number> = Object.fromEntries(
  QUESTION_TYPES.map((t) => [t, moduleFor(t).expectedSeconds]),
) as Record<QuestionType, number>;
export const SLOW_FACTOR = 2;
/** A card is mature once FSRS expects it to be remembered for three weeks. */
export const MATURE_STABILITY_DAYS = 21;

export interface RatingInput {
  correct: boolean;
  hintUsed: boolean;
  timeTakenMs: number;
  type: string;
  /** The card before this answer (null: first time). */
  card: CardState | null;
}

/**
 * wrong (or only partly right) → Again; right with a hint, or slower than 2× the expected time → Hard;
 * right, within the expected time, on a mature card → Easy; otherwise right → Good.
 */
export function ratingFor(a: RatingInput): Grade {
  if (!a.correct) return Rating.Again;
  const expectedMs = moduleFor(a.type).expectedSeconds * 1000;
  if (a.hintUsed || a.timeTakenMs > SLOW_FACTOR * expectedMs) return Rating.Hard;
  if (a.card && a.card.stability >= MATURE_STABILITY_DAYS && a.timeTakenMs <= expectedMs)
    return Rating.Easy;
  return Rating.Good;
}

// No fuzz: the same history gives the same schedule, which learners (and tests) can predict.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

function toCard(s: CardState): Card {
  return {
    due: s.due,
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsedDays,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    last_review: s.lastReview ?? undefined,
  };
}

function fromCard(c: Card): CardState {
  return {
    due: c.due,
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    lastReview: c.last_review ?? null,
  };
}

/** The card after reviewing it with `rating` at `now` (a new card when `card` is null). */
export function review(card: CardState | null, rating: Grade, now: Date): CardState {
  return fromCard(scheduler.next(card ? toCard(card) : createEmptyCard(now), now, rating).card);
}

/** FSRS's probability (0–1) that the learner still recalls the card at `now`. */
export function retrievability(card: CardState, now: Date): number {
  if (card.state === 0 || !card.lastReview) return 0;
  return scheduler.get_retrievability(toCard(card), now, false);
}
