// Storage port for quiz sessions and answers. Answering and advancing a session happen in one
// transaction guarded by a version number, so two instances (or a double click) cannot record
// the same answer twice or lose one. The answer's side effects (the FSRS card, the streak) are
// written in the same transaction, so a crash cannot keep an answer without its card.
import type { CardRecord } from "./learning";

export type SessionStatus = "open" | "finished" | "abandoned";
export type SessionMode = "practice" | "review";

export interface SessionRecord {
  id: string;
  learnerId: string;
  /** The course its questions come from (the store it was created through). */
  courseId: string;
  mode: SessionMode;
  topic: string | null;
  questionIds: string[];
  position: number;
  status: SessionStatus;
  questionShownAt: Date | null;
  hintsShown: number;
  version: number;
  startedAt: Date;
  finishedAt: Date | null;
}

export type SessionPatch = Partial<
  Pick<SessionRecord, "position" | "status" | "questionShownAt" | "hintsShown" | "finishedAt">
>;

export interface NewAnswer {
  learnerId: string;
  sessionId: string | null;
  questionId: string;
  topic: string;
  lessonId: string;
  workspaceId: string;
  given: unknown;
  correct: boolean;
  score: number;
  points: number;
  timeTakenMs: number;
  hintUsed: boolean;
  firstTry: boolean;
  createdAt: Date;
}

export interface AnswerRecord extends NewAnswer {
  id: string;
}

/**
 * The learner's streak after this answer, written only if their last active day is still
 * `previousDay`: a copy of the learner read before another instance (or a concurrent request)
 * counted the day cannot count it twice; the day is then already counted.
 */
export interface StreakWrite {
  count: number;
  lastDay: string | null;
  freezes: number;
  previousDay: string | null;
}

/** What else an answer changes: the learner's card for the question and their streak. */
export interface AnswerEffects {
  card?: CardRecord;
  streak?: StreakWrite;
}

/** An open-or-not session with the learner's card for the question at its position (if any). */
export interface SessionWithCard {
  session: SessionRecord;
  card: CardRecord | null;
}

/** Thrown when a session changed since it was read (another instance or a double click won). */
export class StaleSessionError extends Error {
  constructor(readonly sessionId: string) {
    super(`session ${sessionId} changed concurrently`);
    this.name = "StaleSessionError";
  }
}

export interface SessionRepo {
  create(data: {
    learnerId: string;
    mode: SessionMode;
    topic: string | null;
    questionIds: string[];
    questionShownAt: Date;
    startedAt: Date;
  }): Promise<SessionRecord>;
  get(id: string): Promise<SessionRecord | null>;
  /**
   * The session (by id, or the learner's most recent open one) and, in the same read, the
   * learner's card for the question at its position: what grading an answer needs.
   */
  withCard(ref: { id: string } | { learnerId: string }): Promise<SessionWithCard | null>;
  /** The learner's most recent open session, if any. */
  findOpen(learnerId: string): Promise<SessionRecord | null>;
  /** Applies the patch only if the session is still at `version`; otherwise StaleSessionError. */
  update(id: string, version: number, patch: SessionPatch): Promise<SessionRecord>;
  /**
   * Records when the question at `position` was shown (the Next button), if the session is still
   * open at that position; returns whether it was. Does not bump the version: showing a question
   * is not a step of the quiz, so it must not make a double click or a racing answer "stale".
   */
  markShown(id: string, position: number, at: Date): Promise<boolean>;
  /**
   * The Next button in one step: marks the question shown (as markShown, at `position`, or at the
   * current position when undefined) if the session is the learner's and open there, and returns
   * the session as it is afterwards; null when there is no such session of this learner.
   */
  showQuestion(
    id: string,
    learnerId: string,
    position: number | undefined,
    at: Date,
  ): Promise<SessionRecord | null>;
  /** Records the answer, applies the patch and the effects atomically (same version rule). */
  answer(
    id: string,
    version: number,
    patch: SessionPatch,
    answer: NewAnswer,
    effects?: AnswerEffects,
  ): Promise<{ session: SessionRecord; answer: AnswerRecord }>;
  /** Marks every open session of the learner abandoned (a new quiz replaces the old one). */
  abandonOpen(learnerId: string, at: Date): Promise<number>;
}

export interface AnswerRepo {
  listByLearner(
    learnerId: string,
    opts?: { since?: Date; limit?: number },
  ): Promise<AnswerRecord[]>;
  listBySession(sessionId: string): Promise<AnswerRecord[]>;
  /** Whether the learner has answered this question before (for the first-try rule). */
  hasAnswered(learnerId: string, questionId: string): Promise<boolean>;
  /** A question skipped with /skip (the dashboard's skip rate). */
  recordSkip(learnerId: string, workspaceId: string, questionId: string, at: Date): Promise<void>;
}
