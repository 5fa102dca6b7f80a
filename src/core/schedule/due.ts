// The delivery rules, as pure functions of the clock:
// - an occurrence is due once its time has passed and nothing is recorded for it yet;
// - after downtime only the NEWEST missed occurrence is delivered (catch-up once, not once per
//   missed tick); older missed ones are recorded as skipped ("superseded");
// - an occurrence older than the stale window is not delivered at all, only recorded ("stale");
// - a failed send is retried with exponential backoff, then marked failed for good.

export interface ScheduleRules {
  /** Occurrences older than this when first seen are skipped, not delivered (default 24 h). */
  staleWindowMs: number;
  /** A claim not renewed for this long belongs to a dead instance and may be taken over (a live
   *  sender renews its claim every third of it, so it can be short: takeovers come soon enough
   *  for Discord to still remember the first post's nonce). */
  leaseMs: number;
  /** Total send attempts per occurrence before it is marked failed. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt, capped at maxBackoffMs. */
  backoffBaseMs: number;
  maxBackoffMs: number;
  /** How far back missed occurrences are looked for (and recorded) after long downtime. */
  lookbackMs: number;
}

export const DEFAULT_RULES: ScheduleRules = {
  staleWindowMs: 24 * 3600_000,
  leaseMs: 30_000,
  maxAttempts: 5,
  backoffBaseMs: 60_000,
  maxBackoffMs: 60 * 60_000,
  lookbackMs: 35 * 24 * 3600_000,
};

/** Most skipped occurrences recorded for one subscription in one pass (long downtime with a frequent cron). */
export const MAX_SKIPS_RECORDED = 20;

export interface DuePlan {
  deliver?: Date;
  skip: { at: Date; reason: "stale" | "superseded" }[];
}

/**
 * Given the occurrences that passed since the last recorded one (oldest first, all ≤ now),
 * decides which one to send and which to record as skipped.
 */
export function planDue(
  passed: Date[],
  now: Date,
  rules: Pick<ScheduleRules, "staleWindowMs">,
): DuePlan {
  if (passed.length === 0) return { skip: [] };
  const newest = passed[passed.length - 1];
  const fresh = now.getTime() - newest.getTime() <= rules.staleWindowMs;
  const older = passed.slice(0, -1).slice(-MAX_SKIPS_RECORDED);
  const skip = older.map((at) => ({
    at,
    reason:
      now.getTime() - at.getTime() > rules.staleWindowMs
        ? ("stale" as const)
        : ("superseded" as const),
  }));
  if (fresh) return { deliver: newest, skip };
  return { skip: [...skip, { at: newest, reason: "stale" }] };
}

/**
 * Where the search for passed occurrences starts: after the last one recorded at or before now
 * (so nothing in (start, now] is recorded yet; skips recorded ahead of time are later), the
 * start of the current slot (a new slot does not catch up its past), and the lookback.
 */
export function searchFrom(
  lastRecorded: Date | undefined,
  scheduleFrom: Date,
  now: Date,
  rules: Pick<ScheduleRules, "lookbackMs">,
): Date {
  const floor = now.getTime() - rules.lookbackMs;
  return new Date(Math.max(lastRecorded?.getTime() ?? -Infinity, scheduleFrom.getTime(), floor));
}

/** When to try again after `attempts` failed attempts; null = give up. */
export function nextRetryAt(
  attempts: number,
  now: Date,
  rules: Pick<ScheduleRules, "maxAttempts" | "backoffBaseMs" | "maxBackoffMs">,
  permanent = false,
): Date | null {
  if (permanent || attempts >= rules.maxAttempts) return null;
  const delay = Math.min(rules.maxBackoffMs, rules.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
  return new Date(now.getTime() + delay);
}
