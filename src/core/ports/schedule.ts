// Storage ports for weekly lessons: subscriptions, the deliveries that claim each occurrence,
// and review reminders. The unique (subscriptionId, occurrenceAt) row IS the coordination
// between instances: whoever inserts it sends; nobody holds an in-memory lock.
import type { Locale } from "../i18n";
import type { LearnerKey } from "./learners";

/** Where a lesson goes: a channel, or (learnerExternalId set) one learner's DM. */
export interface SubscriptionTarget {
  platform: string;
  workspaceId: string;
  channelId: string;
  learnerExternalId: string | null;
}

export interface SubscriptionRecord extends SubscriptionTarget {
  id: string;
  courseId: string;
  /** Index into the course's lessons (by order) of the lesson the next delivery posts. */
  nextLesson: number;
  timeZone: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:mm, local to timeZone. */
  time: string;
  /** Advanced schedule; when set it replaces weekday/time. */
  cron: string | null;
  locale: Locale;
  active: boolean;
  createdAt: Date;
  /**
   * Catch-up after downtime never reaches before this: when the current slot was set or the
   * subscription was (re)activated (createdAt for a subscription never changed since).
   */
  scheduleFrom: Date;
}

export type NewSubscription = Omit<SubscriptionRecord, "id" | "active" | "scheduleFrom">;

/**
 * What re-subscribing changes on the target's existing row. The row keeps its id, so its
 * delivery history and pending skips stay with it; it is (re)activated. courseId/nextLesson are
 * written only when given (a new course or a restart), so a lesson posted meanwhile is never undone.
 */
export interface SubscriptionUpdate {
  channelId: string;
  timeZone: string;
  weekday: number;
  time: string;
  cron: string | null;
  locale: Locale;
  /** Set when the slot changed or the row is reactivated: past occurrences of the new slot are not caught up. */
  scheduleFrom?: Date;
  courseId?: string;
  nextLesson?: number;
}

/**
 * claimed: someone is sending it now (re-claimable after the lease);
 * sent: done; failed + nextAttemptAt: will be retried then; failed without nextAttemptAt: gave up;
 * skipped: deliberately not sent (stale after downtime, superseded by a newer one, or /lesson skip).
 */
export type DeliveryStatus = "claimed" | "sent" | "failed" | "skipped";

export interface DeliveryRecord {
  id: string;
  subscriptionId: string;
  occurrenceAt: Date;
  lessonIndex: number;
  status: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  claimedBy: string | null;
  claimedAt: Date | null;
  nextAttemptAt: Date | null;
  sentAt: Date | null;
}

/**
 * A target (a channel, or one learner's DM, per platform and workspace) has at most one
 * subscription row, enforced by a unique key in the database: re-subscribing updates it.
 */
export interface SubscriptionRepo {
  /** Inserts the target's subscription; fails (unique violation) if the target already has one. */
  create(data: NewSubscription): Promise<SubscriptionRecord>;
  /**
   * The target's subscription after this call: `update` applied to its row when it has one (even
   * one inserted a moment ago by a concurrent call), else `create` inserted. Race-safe on every
   * engine without locks: concurrent calls for one target end with one row.
   */
  upsert(create: NewSubscription, update: SubscriptionUpdate): Promise<SubscriptionRecord>;
  get(id: string): Promise<SubscriptionRecord | null>;
  /** The active subscription for a target, if any. */
  findActive(target: SubscriptionTarget): Promise<SubscriptionRecord | null>;
  /** The target's subscription, active or not (to carry the lesson position and history over). */
  findForTarget(target: SubscriptionTarget): Promise<SubscriptionRecord | null>;
  /** Active subscriptions of a workspace (for admins' /lesson list). */
  listActiveInWorkspace(platform: string, workspaceId: string): Promise<SubscriptionRecord[]>;
  /** Every active subscription on the given platforms (the scheduler's work list). */
  listActive(platforms: string[]): Promise<SubscriptionRecord[]>;
  deactivate(id: string): Promise<void>;
  /** Moves nextLesson to `to` unless it is already there or beyond (instances race safely). */
  advanceLesson(id: string, to: number): Promise<void>;
}

export interface DeliveryRepo {
  /**
   * Latest occurrenceAt recorded per subscription (any status) at or before `upTo`. Rows after
   * it are ahead-of-time records (/lesson skip) and must not hide the occurrences before them.
   */
  lastOccurrences(subscriptionIds: string[], upTo: Date): Promise<Map<string, Date>>;
  /** Occurrences recorded after `after` per subscription, ascending: the pending /lesson skips. */
  recordedAfter(subscriptionIds: string[], after: Date): Promise<Map<string, Date[]>>;
  /** Deletes skipped (never sent) records of these occurrences: pending skips a new slot no longer has. */
  dropSkipped(subscriptionId: string, occurrences: Date[]): Promise<number>;
  /**
   * Inserts the claim row for an occurrence. Returns null when the row already exists, which
   * means another instance (or an earlier tick) owns this occurrence.
   */
  claim(data: {
    subscriptionId: string;
    occurrenceAt: Date;
    lessonIndex: number;
    instanceId: string;
    now: Date;
  }): Promise<DeliveryRecord | null>;
  /** Records an occurrence that will not be sent; false when it was already recorded. */
  recordSkipped(data: {
    subscriptionId: string;
    occurrenceAt: Date;
    lessonIndex: number;
    reason: string;
    now: Date;
  }): Promise<boolean>;
  /** Records a lesson posted by hand (/lesson now) as sent. Who posted it is not stored (forget-me could not find it). */
  recordManual(data: {
    subscriptionId: string;
    occurrenceAt: Date;
    lessonIndex: number;
  }): Promise<DeliveryRecord | null>;
  /**
   * Deliveries of active subscriptions on these platforms that may be taken over: failed with a
   * retry time ≤ now, or claimed with claimedAt ≤ staleBefore (the claimer died mid-send).
   */
  listRetryable(
    platforms: string[],
    now: Date,
    staleBefore: Date,
    limit: number,
  ): Promise<DeliveryRecord[]>;
  /**
   * Takes over a retryable delivery if it is still exactly as read (same status and attempts):
   * a compare-and-set, so only one instance wins. Returns the claimed row or null.
   */
  reclaim(d: DeliveryRecord, instanceId: string, now: Date): Promise<DeliveryRecord | null>;
  /** Keeps a claim alive while its send is in flight (claimedAt = now, if still ours); false once lost. */
  renewClaim(id: string, instanceId: string, now: Date): Promise<boolean>;
  /**
   * Marks a claimed delivery sent and advances the subscription past its lesson, in one
   * transaction; false if the claim was no longer ours (the lesson was still posted, so the
   * advance, which is idempotent, happens either way).
   */
  markSent(d: DeliveryRecord, instanceId: string, now: Date): Promise<boolean>;
  /** Marks a claimed delivery failed; nextAttemptAt null means no further retries. */
  markFailed(
    id: string,
    instanceId: string,
    error: string,
    nextAttemptAt: Date | null,
  ): Promise<boolean>;
  /** Recent deliveries of a subscription, newest first. */
  listRecent(subscriptionId: string, limit: number): Promise<DeliveryRecord[]>;
}

export interface ReminderCandidate extends LearnerKey {
  learnerId: string;
  timeZone: string;
  locale: Locale | null;
}

export interface ReminderRepo {
  /** Learners who turned reminders on, on these platforms. */
  listOptedIn(platforms: string[]): Promise<ReminderCandidate[]>;
  /** Review cards due at or before `now`, per learner (learners with none are absent). */
  dueCounts(learnerIds: string[], now: Date): Promise<Map<string, number>>;
  /** Which of these learner/day pairs already got their reminder. */
  alreadySent(pairs: { learnerId: string; day: string }[]): Promise<Set<string>>;
  /** Claims the learner's reminder for a local day; false when it was already claimed. */
  claimDay(learnerId: string, day: string, now: Date): Promise<boolean>;
  /** Gives a claimed day back after a failed send, so a later tick tries again. */
  releaseDay(learnerId: string, day: string): Promise<void>;
}

export const reminderKey = (learnerId: string, day: string) => `${learnerId}|${day}`;
