// Chooses the questions for a quiz. With a topic: that topic's questions; without: the whole
// course. Order is shuffled by a seed, easier questions first, never the same question twice.
import type { CourseIndex } from "../content/model";
import type { Question } from "../content/schema";
import { shuffle } from "../grading/present";

export const DEFAULT_QUIZ_LENGTH = 5;
export const MAX_QUIZ_LENGTH = 20;

export interface PlanRequest { topic?: string; count: number; seed: string; exclude?: Set<string> }

export function planQuiz(index: CourseIndex, req: PlanRequest): string[] {
  const pool: Question[] = req.topic ? index.questionsForTopic(req.topic) : index.course.questions;
  const fresh = pool.filter((q) => !req.exclude?.has(q.id));
  const picked = shuffle(fresh.length >= req.count ? fresh : pool, req.seed).slice(0, req.count);
  return picked.sort((a, b) => a.difficulty - b.difficulty).map((q) => q.id);
}
