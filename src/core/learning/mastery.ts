// Mastery, 0–100%, per topic and per lesson. Definition: for each question of the topic (or
// lesson), the score (0–1) of the learner's most recent answer to it, unseen questions counting
// 0; mastery is the mean. It is recent accuracy weighted by coverage: you reach 100% by
// answering every question right on your latest try. We do not use FSRS retrievability here:
// it is ~100% right after any review, even a wrong one, so a bar would rise after a mistake;
// and this definition needs only the answers, so the learner's bars and the instructor
// report agree. FSRS still decides *when* each question comes back.
import type { CourseIndex } from "../content/model";

export interface ScoredAnswer {
  questionId: string;
  score: number;
  createdAt: Date;
}

/** The latest score per question (answers may come in any order). */
export function latestScores(answers: ScoredAnswer[]): Map<string, number> {
  const latest = new Map<string, { at: number; score: number }>();
  for (const a of answers) {
    const prev = latest.get(a.questionId);
    if (!prev || a.createdAt.getTime() >= prev.at)
      latest.set(a.questionId, { at: a.createdAt.getTime(), score: a.score });
  }
  return new Map([...latest].map(([q, v]) => [q, v.score]));
}

/** Mean latest score over the question ids, as a whole percentage (0 for an empty list). */
export function masteryOf(questionIds: string[], latest: Map<string, number>): number {
  if (questionIds.length === 0) return 0;
  const sum = questionIds.reduce((n, id) => n + (latest.get(id) ?? 0), 0);
  return Math.round((sum / questionIds.length) * 100);
}

export interface MasteryRow {
  id: string;
  pct: number;
  seen: number;
  total: number;
}

export function topicMastery(index: CourseIndex, latest: Map<string, number>): MasteryRow[] {
  return index.course.topics.map((t) => {
    const ids = index.questionsForTopic(t.id).map((q) => q.id);
    return {
      id: t.id,
      pct: masteryOf(ids, latest),
      seen: ids.filter((id) => latest.has(id)).length,
      total: ids.length,
    };
  });
}

export function lessonMastery(index: CourseIndex, latest: Map<string, number>): MasteryRow[] {
  return index.course.lessons.map((l) => {
    const ids = index.questionsForLesson(l.id).map((q) => q.id);
    return {
      id: l.id,
      pct: masteryOf(ids, latest),
      seen: ids.filter((id) => latest.has(id)).length,
      total: ids.length,
    };
  });
}
