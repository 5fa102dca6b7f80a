// "Regrade past answers": after an answer key changed, every stored answer to those questions is
// graded again against the new key, with the points rule as it was applied (first try, hint).
// Review cards are left as they are: their schedule is the learner's history, and the next
// review grades against the new key anyway.
import type { CourseIndex } from "../content/model";
import { grade } from "../grading/grade";
import type { Given } from "../grading/parse-answer";
import type { CourseVersionRepo } from "../ports/course-versions";
import { pointsFor } from "../progress/points";

export interface RegradeResult {
  /** Answers whose grade changed. */
  answers: number;
  /** Learners with at least one changed answer. */
  learners: number;
  /** Answers that no longer fit the question (its type changed) and were left as they were. */
  skipped: number;
}

export async function regradeAnswers(
  repo: CourseVersionRepo,
  index: CourseIndex,
  questionIds: string[],
): Promise<RegradeResult> {
  const changes: { id: string; correct: boolean; score: number; points: number }[] = [];
  const learners = new Set<string>();
  let skipped = 0;
  for (const a of await repo.answersOf(index.course.id, questionIds)) {
    const q = index.question(a.questionId);
    if (!q) continue;
    let g: ReturnType<typeof grade>;
    try {
      g = grade(q, a.given as Given, a.id);
    } catch {
      skipped += 1;
      continue;
    }
    const points = pointsFor({
      difficulty: q.difficulty,
      score: g.score,
      correct: g.correct,
      firstTry: a.firstTry,
      hintUsed: a.hintUsed,
    });
    if (g.correct === a.correct && g.score === a.score && points === a.points) continue;
    changes.push({ id: a.id, correct: g.correct, score: g.score, points });
    learners.add(a.learnerId);
  }
  await repo.regrade(changes);
  return { answers: changes.length, learners: learners.size, skipped };
}
