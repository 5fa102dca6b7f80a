// The adaptive quiz plan (no topic given): due reviews first (oldest due first), then questions
// the learner has never seen from their weakest topic, at a difficulty that ramps with that
// topic's mastery; then the next weakest topic; last, seen questions with the lowest latest
// score. Never the same question twice in one plan. Then the format mix of every quiz (see
// quiz/planner.ts): among those, ordering and matching questions at most one in three, and last,
// so a newcomer's first question is a quick one.
import type { CourseIndex } from "../content/model";
import type { Question } from "../content/schema";
import { shuffle } from "../grading/present";
import { pickWithFormatMix, slow, slowLast } from "../quiz/planner";
import { topicMastery, type MasteryRow } from "./mastery";

export interface AdaptiveRequest {
  count: number;
  seed: string;
  /** Due question ids, oldest due first. */
  due: string[];
  /** Latest score per answered question (see mastery.ts). */
  latest: Map<string, number>;
}

/** Difficulty (1–3) to aim for at a topic mastery (0–100): ★ below 40%, ★★ below 75%, else ★★★. */
export function targetDifficulty(pct: number): 1 | 2 | 3 {
  return pct < 40 ? 1 : pct < 75 ? 2 : 3;
}

/**
 * The weakest topic that still has unseen questions: among topics the learner has started,
 * the lowest mastery; when none is started (or all started ones are exhausted), the first
 * untouched topic in course order, so a newcomer begins at lesson 1.
 */
export function weakestTopic(
  rows: MasteryRow[],
  hasFresh: (topic: string) => boolean,
): MasteryRow | undefined {
  const open = rows.filter((r) => hasFresh(r.id));
  const started = open.filter((r) => r.seen > 0).sort((a, b) => a.pct - b.pct);
  return started[0] ?? open[0];
}

export function planAdaptive(index: CourseIndex, req: AdaptiveRequest): string[] {
  // Every candidate in priority order; the format mix below then takes the first that fit.
  const candidates: Question[] = [];
  const taken = new Set<string>();
  // The format mix takes every quick question it meets until the quiz is full, so once `count`
  // quick candidates are listed the rest of the list cannot change the plan: stop there (a quiz
  // start no longer ranks the whole course).
  let quick = 0;
  const enough = () => quick >= req.count;
  const add = (id: string) => {
    const q = index.question(id);
    if (q && !taken.has(id)) {
      taken.add(id);
      candidates.push(q);
      if (!slow(q)) quick++;
    }
  };
  for (const id of req.due) add(id);

  const rows = topicMastery(index, req.latest);
  const fresh = (topic: string) =>
    index.questionsForTopic(topic).filter((q) => !req.latest.has(q.id) && !taken.has(q.id));
  while (!enough()) {
    const topic = weakestTopic(rows, (t) => fresh(t).length > 0);
    if (!topic) break;
    const target = targetDifficulty(topic.pct);
    const ordered = shuffle(fresh(topic.id), `${req.seed}:${topic.id}`)
      .map((q, i) => ({ q, i }))
      .sort(
        (a, b) =>
          Math.abs(a.q.difficulty - target) - Math.abs(b.q.difficulty - target) ||
          a.q.difficulty - b.q.difficulty ||
          a.i - b.i,
      );
    for (const { q } of ordered) add(q.id);
  }

  // Everything seen: practise what went worst most recently.
  if (enough()) return slowLast(pickWithFormatMix(candidates, req.count)).map((q) => q.id);
  const seen = shuffle([...req.latest.keys()], `${req.seed}:seen`).map((id, i) => ({
    id,
    i,
    s: req.latest.get(id) ?? 0,
  }));
  for (const { id } of seen.sort((a, b) => a.s - b.s || a.i - b.i)) add(id);

  // The same format rule as a topic quiz: ordering and matching at most one in three, and last.
  return slowLast(pickWithFormatMix(candidates, req.count)).map((q) => q.id);
}
