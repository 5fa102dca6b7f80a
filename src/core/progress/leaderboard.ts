// Leaderboard periods. The weekly board counts points since Monday 00:00 in the community's
// time zone (set by an admin; UTC by default), so it resets at local midnight, not UTC's.
import { DateTime } from "luxon";

export type LeaderboardPeriod = "weekly" | "all";

/** The start of the week containing `now`: Monday 00:00 in `zone`. */
export function weekStart(now: Date, zone: string): Date {
  const dt = DateTime.fromJSDate(now, { zone });
  return (dt.isValid ? dt : DateTime.fromJSDate(now, { zone: "UTC" })).startOf("week").toJSDate();
}

/** When the current weekly board resets (next Monday 00:00 in `zone`). */
export function nextWeekStart(now: Date, zone: string): Date {
  const dt = DateTime.fromJSDate(weekStart(now, zone), { zone });
  return dt.plus({ weeks: 1 }).toJSDate();
}
