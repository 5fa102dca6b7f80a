// Storage port for timed channel rounds (one shared quiz in a channel, everyone answers the
// same question against a deadline). State lives in storage so any instance, or a restarted
// one, can advance a round; advancing is guarded by a version number like quiz sessions.
// Storage also enforces one running round per channel (RoundRunningError) and remembers which
// saved step has not been confirmed posted yet (postPendingSince), so it can be posted again.
import type { Locale } from "../i18n";

/** cancelled: stopped before its end (its messages could not be posted, or it was stuck). */
export type RoundStatus = "running" | "finished" | "cancelled";

export interface RoundRecord {
  id: string;
  platform: string;
  workspaceId: string;
  channelId: string;
  /** The course its questions come from (the store it was created through). */
  courseId: string;
  questionIds: string[];
  /** Index of the question currently open (== questionIds.length once finished). */
  position: number;
  secondsPerQuestion: number;
  questionStartedAt: Date | null;
  status: RoundStatus;
  /** Language the round's public messages are written in (the starter's). */
  locale: Locale;
  /** Opaque platform reference for posting later messages (e.g. a Discord interaction token). */
  messageRef: string | null;
  version: number;
  /**
   * When the step of this version (reveal, next question or scoreboard) was saved or last claimed
   * for posting; null once it was posted (and for a new round, whose first question is the
   * command's own reply).
   */
  postPendingSince: Date | null;
  createdAt: Date;
}

export interface NewRoundAnswer {
  roundId: string;
  questionIndex: number;
  learnerId: string;
  correct: boolean;
  elapsedMs: number;
  createdAt: Date;
}

export interface RoundAnswerRecord extends NewRoundAnswer {
  id: string;
  points: number;
  displayName: string;
}

export type RoundPatch = Partial<
  Pick<RoundRecord, "position" | "questionStartedAt" | "status" | "postPendingSince">
>;

/** The learner already answered this question of the round (one answer each). */
export class DuplicateRoundAnswerError extends Error {
  constructor() {
    super("already answered this round question");
    this.name = "DuplicateRoundAnswerError";
  }
}

/** The channel already has a running round (the database refused a second one). */
export class RoundRunningError extends Error {
  constructor() {
    super("a round is already running in this channel");
    this.name = "RoundRunningError";
  }
}

/** The round changed since it was read (another instance advanced it first). */
export class StaleRoundError extends Error {
  constructor(readonly roundId: string) {
    super(`round ${roundId} changed concurrently`);
    this.name = "StaleRoundError";
  }
}

export interface RoundRepo {
  /** A running round at position 0; RoundRunningError when the channel has one, even under a race. */
  create(
    data: Omit<
      RoundRecord,
      "id" | "version" | "createdAt" | "position" | "status" | "postPendingSince" | "courseId"
    >,
  ): Promise<RoundRecord>;
  get(id: string): Promise<RoundRecord | null>;
  /** The running round in a channel, if any. */
  findRunning(platform: string, channelId: string): Promise<RoundRecord | null>;
  /** Every round that is running or has a step not yet posted (optionally of one platform). */
  listActive(platform?: string): Promise<RoundRecord[]>;
  /** Records one answer; DuplicateRoundAnswerError when the learner already answered it. */
  recordAnswer(a: NewRoundAnswer): Promise<RoundAnswerRecord>;
  listAnswers(roundId: string, questionIndex?: number): Promise<RoundAnswerRecord[]>;
  /**
   * Applies the patch and the closed question's points at once, only if still at `version`
   * (StaleRoundError otherwise); the version goes up by one. A status other than running frees
   * the channel for a new round.
   */
  advance(
    id: string,
    version: number,
    patch: RoundPatch,
    points: { answerId: string; points: number }[],
  ): Promise<RoundRecord>;
  /** Records that the step of `version` was posted; false when the round moved on meanwhile. */
  markPosted(id: string, version: number): Promise<boolean>;
}
