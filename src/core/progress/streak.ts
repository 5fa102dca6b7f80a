// Daily streaks, counted in the learner's own time zone. A day counts when the learner answers
// at least one question that (local) day. Each time the streak reaches a multiple of 7 days the
// learner earns a freeze (at most MAX_FREEZES held); one freeze is used automatically for each
// missed day, so one missed day with a freeze keeps the streak, a second consecutive missed day
// without another freeze breaks it.
import { DateTime } from "luxon";

export const FREEZE_EVERY_DAYS = 7;
export const MAX_FREEZES = 2;

export interface StreakState {
  count: number;
  lastDay: string | null;
  freezes: number;
}

/** The calendar day (YYYY-MM-DD) of `at` in `zone`; unknown zones fall back to UTC. */
export function localDay(at: Date, zone: string): string {
  const dt = DateTime.fromJSDate(at, { zone });
  return (dt.isValid ? dt : DateTime.fromJSDate(at, { zone: "UTC" })).toISODate()!;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). Plain UTC date arithmetic: the dashboard
 *  calls this for every learner of a class, and two luxon parses per call cost milliseconds. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface StreakUpdate extends StreakState {
  frozeDays: number;
  earnedFreeze: boolean;
  broke: boolean;
}

/** The streak after activity on local day `today`. */
export function recordActivity(s: StreakState, today: string): StreakUpdate {
  const same = { ...s, frozeDays: 0, earnedFreeze: false, broke: false };
  if (s.lastDay === today) return same;
  const gap = s.lastDay ? daysBetween(s.lastDay, today) : Infinity;
  if (gap < 0) return same; // the learner moved their clock back (changed zone): ignore
  const missed = gap - 1;
  let count: number;
  let freezes = s.freezes;
  let frozeDays = 0;
  let broke = false;
  if (missed === 0) count = s.count + 1;
  else if (Number.isFinite(missed) && missed <= freezes) {
    frozeDays = missed;
    freezes -= missed;
    count = s.count + 1;
  } else {
    broke = s.count > 0;
    count = 1;
  }
  const earnedFreeze = count % FREEZE_EVERY_DAYS === 0 && freezes < MAX_FREEZES;
  if (earnedFreeze) freezes++;
  return { count, lastDay: today, freezes, frozeDays, earnedFreeze, broke };
}

/** The streak as it stands on `today` without new activity: 0 once it can no longer be saved. */
export function currentStreak(s: StreakState, today: string): number {
  if (!s.lastDay) return 0;
  const missed = daysBetween(s.lastDay, today) - 1;
  return missed <= s.freezes ? s.count : 0;
}
