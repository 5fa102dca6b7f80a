// Per-topic mastery distribution across learners: for every learner who answered at least one
// question of a topic, their topic mastery (the same definition the learner sees, mastery.ts),
// bucketed in fifths, with the median and mean.
import type { CourseIndex } from "../content/model";
import { latestScores, masteryOf } from "../learning/mastery";
import type { AnswerFact } from "../ports/learning";

export const BUCKETS = ["0-19", "20-39", "40-59", "60-79", "80-100"] as const;

export interface TopicDistribution {
  topic: string;
  learners: number;
  median: number | null;
  mean: number | null;
  buckets: number[];
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function topicDistribution(index: CourseIndex, facts: AnswerFact[]): TopicDistribution[] {
  const byLearnerTopic = new Map<string, Map<string, AnswerFact[]>>();
  for (const f of facts) {
    const topics = byLearnerTopic.get(f.topic) ?? new Map<string, AnswerFact[]>();
    const list = topics.get(f.learnerId) ?? [];
    list.push(f);
    topics.set(f.learnerId, list);
    byLearnerTopic.set(f.topic, topics);
  }
  return index.course.topics.map((t) => {
    const ids = index.questionsForTopic(t.id).map((q) => q.id);
    const values = [...(byLearnerTopic.get(t.id)?.values() ?? [])].map((list) =>
      masteryOf(ids, latestScores(list)),
    );
    const buckets = BUCKETS.map(() => 0);
    for (const v of values) buckets[Math.min(4, Math.floor(v / 20))]++;
    const mean = values.length
      ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10
      : null;
    return { topic: t.id, learners: values.length, median: median(values), mean, buckets };
  });
}
