// The rules of a timed channel round, as pure functions: when a question closes, how many points
// each answer earns, and the scoreboard. Platform-neutral (Discord and Slack share them).
import type { RoundAnswerRecord, RoundRecord } from "../ports/rounds";

export const ROUND_DEFAULT_SECONDS = 20;
export const ROUND_MIN_SECONDS = 10;
export const ROUND_MAX_SECONDS = 120;
export const ROUND_DEFAULT_QUESTIONS = 5;
/** Points for the 1st, 2nd and 3rd fastest correct answers; later correct answers get CORRECT_POINTS. */
export const RANK_POINTS = [10, 8, 6] as const;
export const CORRECT_POINTS = 4;

export function deadlineOf(round: Pick<RoundRecord, "questionStartedAt" | "secondsPerQuestion" | "createdAt">): Date {
  const start = round.questionStartedAt ?? round.createdAt;
  return new Date(start.getTime() + round.secondsPerQuestion * 1000);
}

/** A running round whose open question's time is up. */
export function isDue(round: RoundRecord, now: Date): boolean {
  return round.status === "running" && now.getTime() >= deadlineOf(round).getTime();
}

type Timed = Pick<RoundAnswerRecord, "id" | "correct" | "elapsedMs" | "createdAt">;

/** Orders correct answers fastest first (ties: who was recorded first) and awards points by rank. */
export function pointsForQuestion(answers: Timed[]): Map<string, number> {
  const out = new Map<string, number>();
  const correct = answers.filter((a) => a.correct).sort((a, b) => a.elapsedMs - b.elapsedMs || a.createdAt.getTime() - b.createdAt.getTime());
  correct.forEach((a, rank) => out.set(a.id, RANK_POINTS[rank] ?? CORRECT_POINTS));
  for (const a of answers) if (!a.correct) out.set(a.id, 0);
  return out;
}

export interface ScoreLine { learnerId: string; name: string; points: number; correct: number; answered: number; correctMs: number }

/** Totals per learner, best first: points, then more right answers, then less time spent on them. */
export function scoreboard(answers: RoundAnswerRecord[]): ScoreLine[] {
  const byLearner = new Map<string, ScoreLine>();
  for (const a of answers) {
    const line = byLearner.get(a.learnerId) ?? { learnerId: a.learnerId, name: a.displayName || "?", points: 0, correct: 0, answered: 0, correctMs: 0 };
    line.points += a.points;
    line.answered++;
    if (a.correct) { line.correct++; line.correctMs += a.elapsedMs; }
    byLearner.set(a.learnerId, line);
  }
  return [...byLearner.values()].sort((a, b) => b.points - a.points || b.correct - a.correct || a.correctMs - b.correctMs);
}
