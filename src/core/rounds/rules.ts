// The rules of a timed channel round, as pure functions: when a question closes, how many points
// each answer earns, the scoreboard, when an unposted step is posted again, when a running round
// counts as stuck, and whether a round fits the time its channel can be posted to.
// Platform-neutral (Discord and Slack share them).
import type { RoundAnswerRecord, RoundRecord } from "../ports/rounds";

export const ROUND_DEFAULT_SECONDS = 20;
export const ROUND_MIN_SECONDS = 10;
export const ROUND_MAX_SECONDS = 120;
export const ROUND_DEFAULT_QUESTIONS = 5;
/** Points for the 1st, 2nd and 3rd fastest correct answers; later correct answers get CORRECT_POINTS. */
export const RANK_POINTS = [10, 8, 6] as const;
export const CORRECT_POINTS = 4;
/**
 * A saved step not confirmed posted after this long is posted again. Whoever saved it normally
 * posts it within a second or two; waiting this long keeps another instance from posting it
 * twice while the first is still at it, and spaces out retries while a platform is down.
 */
export const ROUND_REPOST_AFTER_MS = 30_000;
/** A running round this long past its open question's deadline is stuck; a new start replaces it. */
export const ROUND_STUCK_AFTER_MS = 60_000;
/**
 * Kept free at the end of a limited posting window: each step may post up to one tick (1 s) after
 * its deadline, and a step that failed to post is retried after ROUND_REPOST_AFTER_MS.
 */
export const ROUND_POST_MARGIN_MS = 120_000;

export function deadlineOf(
  round: Pick<RoundRecord, "questionStartedAt" | "secondsPerQuestion" | "createdAt">,
): Date {
  const start = round.questionStartedAt ?? round.createdAt;
  return new Date(start.getTime() + round.secondsPerQuestion * 1000);
}

/** A running round whose open question's time is up. */
export function isDue(round: RoundRecord, now: Date): boolean {
  return round.status === "running" && now.getTime() >= deadlineOf(round).getTime();
}

/** A round blocks its channel until it ends, unless it is stuck (nothing advanced it for long past its deadline). */
export function isStuck(round: RoundRecord, now: Date): boolean {
  return (
    round.status === "running" &&
    now.getTime() >= deadlineOf(round).getTime() + ROUND_STUCK_AFTER_MS
  );
}

/** A step saved at postPendingSince that whoever saved it should long have posted: post it again. */
export function needsRepost(round: Pick<RoundRecord, "postPendingSince">, now: Date): boolean {
  return (
    round.postPendingSince !== null &&
    now.getTime() - round.postPendingSince.getTime() >= ROUND_REPOST_AFTER_MS
  );
}

/**
 * How long a round lasts when every question runs its full time: the reveal and the next question
 * are posted together when the time is up, so there is no pause between questions.
 */
export function plannedRoundMs(questions: number, seconds: number): number {
  return questions * seconds * 1000;
}

export interface WindowFit {
  fits: boolean;
  plannedMs: number;
  usableMs: number;
  maxQuestions: number;
  maxSeconds: number;
}

/**
 * Whether a round can post all its messages within windowMs of its start (e.g. Discord's
 * 15-minute interaction webhook when the bot has no token), keeping ROUND_POST_MARGIN_MS spare;
 * and what would fit instead: the most questions at these seconds, the most seconds for these questions.
 */
export function fitPostWindow(questions: number, seconds: number, windowMs: number): WindowFit {
  const usableMs = Math.max(0, windowMs - ROUND_POST_MARGIN_MS);
  const plannedMs = plannedRoundMs(questions, seconds);
  return {
    fits: plannedMs <= usableMs,
    plannedMs,
    usableMs,
    maxQuestions: Math.floor(usableMs / (seconds * 1000)),
    maxSeconds: Math.min(ROUND_MAX_SECONDS, Math.floor(usableMs / Math.max(1, questions) / 1000)),
  };
}

type Timed = Pick<RoundAnswerRecord, "id" | "correct" | "elapsedMs" | "createdAt">;

/** Orders correct answers fastest first (ties: who was recorded first) and awards points by rank. */
export function pointsForQuestion(answers: Timed[]): Map<string, number> {
  const out = new Map<string, number>();
  const correct = answers
    .filter((a) => a.correct)
    .sort((a, b) => a.elapsedMs - b.elapsedMs || a.createdAt.getTime() - b.createdAt.getTime());
  correct.forEach((a, rank) => out.set(a.id, RANK_POINTS[rank] ?? CORRECT_POINTS));
  for (const a of answers) if (!a.correct) out.set(a.id, 0);
  return out;
}

export interface ScoreLine {
  learnerId: string;
  name: string;
  points: number;
  correct: number;
  answered: number;
  correctMs: number;
}

/** Totals per learner, best first: points, then more right answers, then less time spent on them. */
export function scoreboard(answers: RoundAnswerRecord[]): ScoreLine[] {
  const byLearner = new Map<string, ScoreLine>();
  for (const a of answers) {
    const line = byLearner.get(a.learnerId) ?? {
      learnerId: a.learnerId,
      name: a.displayName || "?",
      points: 0,
      correct: 0,
      answered: 0,
      correctMs: 0,
    };
    line.points += a.points;
    line.answered++;
    if (a.correct) {
      line.correct++;
      line.correctMs += a.elapsedMs;
    }
    byLearner.set(a.learnerId, line);
  }
  return [...byLearner.values()].sort(
    (a, b) => b.points - a.points || b.correct - a.correct || a.correctMs - b.correctMs,
  );
}
