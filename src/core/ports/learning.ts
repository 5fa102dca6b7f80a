// Storage ports for the learning engine: FSRS cards, community settings, confirmations,
// leaderboards, the learner's data rights (export / forget) and the rows analytics read.

/** One FSRS card: the scheduler's memory of one learner and one question. */
export interface CardState {
  due: Date;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** ts-fsrs State: 0 new, 1 learning, 2 review, 3 relearning. */
  state: number;
  lastReview: Date | null;
}

export interface CardRecord extends CardState {
  learnerId: string;
  questionId: string;
}

export interface CardRepo {
  get(learnerId: string, questionId: string): Promise<CardRecord | null>;
  listByLearner(learnerId: string): Promise<CardRecord[]>;
  /** Cards due at or before `now`, oldest due first. */
  listDue(learnerId: string, now: Date, limit?: number): Promise<CardRecord[]>;
  countDue(learnerId: string, now: Date): Promise<number>;
  /** The earliest due date among the learner's cards, or null when they have none. */
  nextDue(learnerId: string): Promise<Date | null>;
  /** Creates or replaces the learner's card for the question. */
  put(card: CardRecord): Promise<CardRecord>;
}

export interface CommunityKey {
  platform: string;
  workspaceId: string;
}
export interface CommunityRecord extends CommunityKey {
  timeZone: string;
  locale: string;
  /** Where the weekly instructor digest goes; null: no digest. */
  staffChannelId?: string | null;
}

export interface CommunityRepo {
  /** The stored settings, or null (callers default to UTC). */
  get(key: CommunityKey): Promise<CommunityRecord | null>;
  setTimeZone(key: CommunityKey, timeZone: string): Promise<CommunityRecord>;
  /** Sets (or, with null, clears) the staff channel the weekly digest goes to. */
  setStaffChannel(key: CommunityKey, channelId: string | null): Promise<CommunityRecord>;
}

export interface ConfirmationRepo {
  /** Creates (or renews) a pending confirmation; returns its token. */
  issue(learnerId: string, action: string, expiresAt: Date): Promise<string>;
  /** Deletes and returns true when a pending, unexpired confirmation matches (token optional). */
  consume(learnerId: string, action: string, now: Date, token?: string): Promise<boolean>;
}

export interface LeaderboardEntry {
  learnerId: string;
  displayName: string;
  points: number;
}

export interface LeaderboardRepo {
  /** Points per learner of one workspace since `since` (all time when omitted), highest first. */
  top(key: CommunityKey, opts: { since?: Date; limit: number }): Promise<LeaderboardEntry[]>;
  /** One learner's points since `since` and how many learners of the workspace have more. */
  standing(
    learnerId: string,
    key: CommunityKey,
    since?: Date,
  ): Promise<{ points: number; ahead: number }>;
}

/** Everything stored about one learner, as plain JSON-ready data. */
export interface LearnerExport {
  learner: Record<string, unknown>;
  sessions: Record<string, unknown>[];
  answers: Record<string, unknown>[];
  cards: Record<string, unknown>[];
  tutorTurns: Record<string, unknown>[];
  llmBudget: Record<string, unknown> | null;
  llmUsage: Record<string, unknown>[];
  confirmations: Record<string, unknown>[];
  reminders: Record<string, unknown>[];
  roundAnswers: Record<string, unknown>[];
  subscriptions: Record<string, unknown>[];
  /** Questions put to the tutor and their outcomes (the dashboard's Tutor page). */
  tutorAsks?: Record<string, unknown>[];
  /** Questions skipped in quizzes. */
  quizSkips?: Record<string, unknown>[];
  /** The courses the learner was told are not in their language (once each). */
  courseNotices: Record<string, unknown>[];
}

export interface PrivacyRepo {
  exportLearner(learnerId: string): Promise<LearnerExport | null>;
  /** Deletes the learner and every row about them; returns how many rows went, per table. */
  forgetLearner(learnerId: string): Promise<Record<string, number>>;
}

/** One graded answer as analytics sees it. */
export interface AnswerFact {
  learnerId: string;
  questionId: string;
  topic: string;
  lessonId: string;
  correct: boolean;
  score: number;
  hintUsed: boolean;
  given: unknown;
  createdAt: Date;
  /** How long the question was open before this answer (the dashboard's median time). */
  timeTakenMs?: number;
}

export interface AnalyticsRepo {
  /** Answers oldest first, optionally since a date and within one workspace. */
  /** `given: false` leaves the answer's JSON out (null): pages that do not need it skip its parse. */
  answerFacts(opts?: {
    since?: Date;
    community?: CommunityKey;
    given?: boolean;
  }): Promise<AnswerFact[]>;
}
