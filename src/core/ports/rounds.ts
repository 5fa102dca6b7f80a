// Storage port for timed channel rounds (one shared quiz in a channel, everyone answers the
// same question against a deadline). State lives in storage so any instance, or a restarted
// one, can advance a round; advancing is guarded by a version number like quiz sessions.
import type { Locale } from "../i18n";

export type RoundStatus = "running" | "finished";

export interface RoundRecord {
  id: string;
  platform: string;
  workspaceId: string;
  channelId: string;
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
  createdAt: Date;
}

export interface NewRoundAnswer { roundId: string; questionIndex: number; learnerId: string; correct: boolean; elapsedMs: number; createdAt: Date }

export interface RoundAnswerRecord extends NewRoundAnswer { id: string; points: number; displayName: string }

export type RoundPatch = Partial<Pick<RoundRecord, "position" | "questionStartedAt" | "status">>;

/** The learner already answered this question of the round (one answer each). */
export class DuplicateRoundAnswerError extends Error {
  constructor() { super("already answered this round question"); this.name = "DuplicateRoundAnswerError"; }
}

/** The round changed since it was read (another instance advanced it first). */
export class StaleRoundError extends Error {
  constructor(readonly roundId: string) { super(`round ${roundId} changed concurrently`); this.name = "StaleRoundError"; }
}

export interface RoundRepo {
  create(data: Omit<RoundRecord, "id" | "version" | "createdAt" | "position" | "status">): Promise<RoundRecord>;
  get(id: string): Promise<RoundRecord | null>;
  /** The running round in a channel, if any. */
  findRunning(platform: string, channelId: string): Promise<RoundRecord | null>;
  /** Every running round (optionally of one platform); callers filter by deadline. */
  listRunning(platform?: string): Promise<RoundRecord[]>;
  /** Records one answer; DuplicateRoundAnswerError when the learner already answered it. */
  recordAnswer(a: NewRoundAnswer): Promise<RoundAnswerRecord>;
  listAnswers(roundId: string, questionIndex?: number): Promise<RoundAnswerRecord[]>;
  /** Applies the patch and the closed question's points at once, only if still at `version`. */
  advance(id: string, version: number, patch: RoundPatch, points: { answerId: string; points: number }[]): Promise<RoundRecord>;
}
