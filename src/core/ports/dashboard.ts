// Storage and service ports for the instructor dashboard: one-time sign-in links, browser
// sessions (both stored as hashes only), the rows its pages read for one community, the weekly
// digest's claim, and the link issuer the /dashboard command calls.
import type { CommunityKey } from "./learning";
import type { DeliveryRecord, SubscriptionRecord } from "./schedule";
import type { UsageOutcome } from "./tutor";

/** What became of a question put to the tutor ("not-covered": the notes did not cover it). */
export type AskOutcome = UsageOutcome | "not-covered";

export interface TutorAskRecord {
  learnerId: string;
  text: string;
  outcome: AskOutcome;
  openQuestionId: string | null;
  createdAt: Date;
  /** The learner's display name (read side only; the page shows it only when asked to). */
  learnerName?: string;
}

export interface DashboardSessionRecord {
  community: CommunityKey;
  csrf: string;
  expiresAt: Date;
}

/** One learner of a community, as the Class page needs them (no names). */
export interface LearnerFact {
  id: string;
  streakCount: number;
  streakLastDay: string | null;
  streakFreezes: number;
  timeZone: string;
}

export interface SkipFact {
  learnerId: string;
  questionId: string;
  createdAt: Date;
}

export interface CommunityUsage {
  day: string;
  model: string;
  requests: number;
  tokensIn: number;
  tokensOut: number;
}

export interface DashboardRepo {
  createLink(tokenHash: string, community: CommunityKey, expiresAt: Date): Promise<void>;
  /** Marks an unused, unexpired link used (atomically: one caller wins) and returns its community. */
  consumeLink(tokenHash: string, now: Date): Promise<CommunityKey | null>;
  createSession(
    idHash: string,
    community: CommunityKey,
    csrf: string,
    expiresAt: Date,
  ): Promise<void>;
  getSession(idHash: string, now: Date): Promise<DashboardSessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Deletes expired links and sessions. */
  prune(now: Date): Promise<void>;

  learners(community: CommunityKey): Promise<LearnerFact[]>;
  /** Cards due at or before `now` per learner of the community. */
  dueCounts(community: CommunityKey, now: Date): Promise<Map<string, number>>;
  skips(community: CommunityKey, since?: Date): Promise<SkipFact[]>;
  asks(community: CommunityKey, since?: Date): Promise<TutorAskRecord[]>;
  /** LLM usage of the community's learners per UTC day and model. */
  usage(community: CommunityKey, since: Date): Promise<CommunityUsage[]>;
  /** The community's subscriptions, active or not, with their latest deliveries (newest first). */
  lessons(
    community: CommunityKey,
    perSubscription: number,
  ): Promise<{ sub: SubscriptionRecord; recent: DeliveryRecord[] }[]>;
  /** Makes a failed delivery of this community due for another attempt now; false if none. */
  retryDelivery(community: CommunityKey, deliveryId: string, now: Date): Promise<boolean>;

  /** Communities that chose a staff channel. */
  staffChannels(): Promise<(CommunityKey & { channelId: string; timeZone: string })[]>;
  /** Claims the community's digest for `week`; false when another instance already did. */
  claimDigest(community: CommunityKey, week: string): Promise<boolean>;
}

/** Issues a one-time sign-in link for a community (implemented in src/app: it needs crypto). */
export interface DashboardLinks {
  issue(community: CommunityKey): Promise<{ url: string; expiresAt: Date }>;
}
