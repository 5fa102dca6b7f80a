// The instructor report as a list of sections (overview, questions, topics). Each section is a
// plain table, so other features can add their own (e.g. LLM cost per day) and every format
// (Markdown, CSV, the /stats summary) prints them the same way.
import type { CourseIndex } from "../content/model";
import type { AnswerFact } from "../ports/learning";
import { questionStats, type QuestionStats } from "./question-stats";
import { BUCKETS, topicDistribution } from "./topic-distribution";

export type Cell = string | number | null;
export interface ReportSection {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  notes?: string[];
}
export interface Report {
  title: string;
  generatedAt: Date;
  since?: Date;
  sections: ReportSection[];
}

export function overviewSection(
  index: CourseIndex,
  facts: AnswerFact[],
  questions: QuestionStats[],
): ReportSection {
  const learners = new Set(facts.map((f) => f.learnerId)).size;
  const correct = facts.filter((f) => f.correct).length;
  return {
    id: "overview",
    title: "Overview",
    columns: ["measure", "value"],
    rows: [
      ["learners", learners],
      ["answers", facts.length],
      ["% correct", facts.length ? Math.round((correct / facts.length) * 1000) / 10 : null],
      ["questions attempted", questions.length],
      [
        "questions never attempted",
        index.course.questions.filter((q) => !questions.some((s) => s.questionId === q.id)).length,
      ],
    ],
  };
}

export function questionsSection(questions: QuestionStats[]): ReportSection {
  return {
    id: "questions",
    title: "Questions",
    columns: [
      "question",
      "lesson",
      "topic",
      "attempts",
      "learners",
      "% correct",
      "discrimination",
      "top wrong choice",
      "% hints",
    ],
    rows: questions.map((q) => [
      q.questionId,
      q.lessonId,
      q.topic,
      q.attempts,
      q.learners,
      q.correctPct,
      q.discrimination,
      q.topWrong ? `${q.topWrong.label} (${q.topWrong.count})` : null,
      q.hintPct,
    ]),
    notes: [
      "discrimination: first-attempt % correct of the top 27% of learners by total score minus that of the bottom 27% (below 0.2: review the question).",
    ],
  };
}

export function topicsSection(index: CourseIndex, facts: AnswerFact[]): ReportSection {
  return {
    id: "topics",
    title: "Topic mastery distribution (learners per mastery band, %)",
    columns: ["topic", "learners", "median", "mean", ...BUCKETS],
    rows: topicDistribution(index, facts).map((t) => [
      t.topic,
      t.learners,
      t.median,
      t.mean,
      ...t.buckets,
    ]),
    notes: [
      "mastery: mean latest score over the topic's questions (unseen = 0), for learners who answered at least one of them.",
    ],
  };
}

export function buildReport(
  index: CourseIndex,
  facts: AnswerFact[],
  opts: { now: Date; since?: Date; extra?: ReportSection[] },
): Report {
  const questions = questionStats(index, facts);
  return {
    title: `${index.course.title.en} — learning report`,
    generatedAt: opts.now,
    since: opts.since,
    sections: [
      overviewSection(index, facts, questions),
      questionsSection(questions),
      topicsSection(index, facts),
      ...(opts.extra ?? []),
    ],
  };
}
