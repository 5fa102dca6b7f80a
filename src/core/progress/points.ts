// The points rule (documented in README): difficulty × 10 × score, +5 for a correct first try,
// halved when a hint was used. Whole points, never negative.
export interface PointsInput {
  difficulty: 1 | 2 | 3;
  score: number;
  correct: boolean;
  firstTry: boolean;
  hintUsed: boolean;
}

export function pointsFor(a: PointsInput): number {
  let p = a.difficulty * 10 * Math.max(0, Math.min(1, a.score));
  if (a.correct && a.firstTry) p += 5;
  if (a.hintUsed) p /= 2;
  return Math.round(p);
}
