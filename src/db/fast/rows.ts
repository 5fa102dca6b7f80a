// Rows of the learner-path tables decoded into the port's records, for both drivers: SQLite
// returns dates as ISO text, booleans as 0/1 and JSON as text; node-postgres returns Date,
// boolean and parsed JSON. Each decoder accepts either.
import type { AnswerRecord, SessionRecord } from "../../core/ports/quiz";
import type { CardRecord } from "../../core/ports/learning";
import type { LearnerRecord } from "../../core/ports/learners";
import type { Row } from "./driver";

export const date = (v: unknown): Date => (v instanceof Date ? v : new Date(v as string));
export const dateOrNull = (v: unknown): Date | null => (v == null ? null : date(v));
export const bool = (v: unknown): boolean => v === true || v === 1;
export const json = (v: unknown): unknown => (typeof v === "string" ? JSON.parse(v) : v);
const num = (v: unknown): number => Number(v);
const strOrNull = (v: unknown): string | null => (v == null ? null : String(v));

export function toLearner(r: Row): LearnerRecord {
  return {
    id: r.id as string,
    platform: r.platform as string,
    workspaceId: r.workspaceId as string,
    externalId: r.externalId as string,
    displayName: r.displayName as string,
    locale: r.locale === "zh" || r.locale === "en" ? r.locale : null,
    timeZone: r.timeZone as string,
    remindersOn: bool(r.remindersOn),
    streakCount: num(r.streakCount),
    streakLastDay: strOrNull(r.streakLastDay),
    streakFreezes: num(r.streakFreezes),
    createdAt: date(r.createdAt),
  };
}

export function toSession(r: Row): SessionRecord {
  const ids = json(r.questionIds);
  return {
    id: r.id as string,
    learnerId: r.learnerId as string,
    courseId: r.courseId as string,
    mode: r.mode === "review" ? "review" : "practice",
    topic: strOrNull(r.topic),
    questionIds: Array.isArray(ids) ? (ids as string[]) : [],
    position: num(r.position),
    status: r.status as SessionRecord["status"],
    questionShownAt: dateOrNull(r.questionShownAt),
    hintsShown: num(r.hintsShown),
    version: num(r.version),
    startedAt: date(r.startedAt),
    finishedAt: dateOrNull(r.finishedAt),
  };
}

export function toAnswer(r: Row): AnswerRecord {
  return {
    id: r.id as string,
    learnerId: r.learnerId as string,
    sessionId: strOrNull(r.sessionId),
    questionId: r.questionId as string,
    topic: r.topic as string,
    lessonId: r.lessonId as string,
    workspaceId: r.workspaceId as string,
    given: json(r.given),
    correct: bool(r.correct),
    score: num(r.score),
    points: num(r.points),
    timeTakenMs: num(r.timeTakenMs),
    hintUsed: bool(r.hintUsed),
    firstTry: bool(r.firstTry),
    createdAt: date(r.createdAt),
  };
}

/** A card from columns named with `prefix` (a joined read names them c_due, c_reps…). */
export function toCard(r: Row, prefix = ""): CardRecord {
  const c = (k: string) => r[prefix + k];
  return {
    learnerId: c("learnerId") as string,
    questionId: c("questionId") as string,
    due: date(c("due")),
    stability: num(c("stability")),
    difficulty: num(c("difficulty")),
    elapsedDays: num(c("elapsedDays")),
    scheduledDays: num(c("scheduledDays")),
    learningSteps: num(c("learningSteps")),
    reps: num(c("reps")),
    lapses: num(c("lapses")),
    state: num(c("state")),
    lastReview: dateOrNull(c("lastReview")),
  };
}
