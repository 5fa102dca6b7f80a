// Per-question item analysis from graded answers: attempts, % correct, discrimination index,
// the most-picked wrong choice and hint usage. Pure: the rows come from the AnalyticsRepo.
//
// Discrimination (classical upper–lower index): learners are ranked by total score (sum of
// their answers' scores in the window; ties by learner id); the upper group is the top 27%,
// the lower group the bottom 27% (round(0.27 × N) learners each, none when that is 0).
// D = (share of upper-group learners who got the question right on their first attempt in the
// window) − (the same share for the lower group), counting only learners of each group who
// attempted it; null when either group has no attempt. Range −1…1; below 0.2 flags a question
// that does not separate strong from weak learners.
import type { CourseIndex } from "../content/model";
import type { Given } from "../grading/parse-answer";
import type { AnswerFact } from "../ports/learning";
import { moduleFor } from "../question-types/registry";

export const GROUP_SHARE = 0.27;

export interface QuestionStats {
  questionId: string;
  lessonId: string;
  topic: string;
  attempts: number;
  learners: number;
  correctPct: number;
  discrimination: number | null;
  topWrong: { label: string; count: number } | null;
  hintPct: number;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The upper and lower 27% of learners by total score. */
export function scoreGroups(facts: AnswerFact[]): { upper: Set<string>; lower: Set<string> } {
  const totals = new Map<string, number>();
  for (const f of facts) totals.set(f.learnerId, (totals.get(f.learnerId) ?? 0) + f.score);
  const ranked = [...totals]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([id]) => id);
  const k = Math.round(GROUP_SHARE * ranked.length);
  return { upper: new Set(ranked.slice(0, k)), lower: new Set(k ? ranked.slice(-k) : []) };
}

/** The wrong picks in one answer, as labels (choice ids, true/false, numbers, left=right pairs). */
export function wrongPicks(index: CourseIndex, questionId: string, given: unknown): string[] {
  const q = index.question(questionId);
  const g = given as Given | null;
  if (!q || !g || typeof g !== "object" || g.type !== q.type) return [];
  return moduleFor(q.type).wrongPicks(q, g);
}

export function questionStats(index: CourseIndex, facts: AnswerFact[]): QuestionStats[] {
  const { upper, lower } = scoreGroups(facts);
  const byQ = new Map<string, AnswerFact[]>();
  for (const f of facts) {
    const list = byQ.get(f.questionId) ?? [];
    list.push(f);
    byQ.set(f.questionId, list);
  }
  const order = new Map(index.course.questions.map((q, i) => [q.id, i]));
  const out: QuestionStats[] = [];
  for (const [questionId, list] of byQ) {
    const first = new Map<string, AnswerFact>();
    for (const f of list) {
      const prev = first.get(f.learnerId);
      if (!prev || f.createdAt < prev.createdAt) first.set(f.learnerId, f);
    }
    const share = (group: Set<string>) => {
      const firsts = [...first.values()].filter((f) => group.has(f.learnerId));
      return firsts.length ? firsts.filter((f) => f.correct).length / firsts.length : null;
    };
    const pu = share(upper);
    const pl = share(lower);
    const wrong = new Map<string, number>();
    for (const f of list)
      if (!f.correct)
        for (const w of wrongPicks(index, questionId, f.given))
          wrong.set(w, (wrong.get(w) ?? 0) + 1);
    const top = [...wrong].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    out.push({
      questionId,
      lessonId: list[0].lessonId,
      topic: list[0].topic,
      attempts: list.length,
      learners: first.size,
      correctPct: round((list.filter((f) => f.correct).length / list.length) * 100, 1),
      discrimination: pu === null || pl === null ? null : round(pu - pl, 2),
      topWrong: top ? { label: top[0], count: top[1] } : null,
      hintPct: round((list.filter((f) => f.hintUsed).length / list.length) * 100, 1),
    });
  }
  return out.sort(
    (a, b) =>
      (order.get(a.questionId) ?? 1e9) - (order.get(b.questionId) ?? 1e9) ||
      (a.questionId < b.questionId ? -1 : 1),
  );
}
