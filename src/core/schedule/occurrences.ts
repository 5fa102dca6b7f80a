// When a subscription fires: a weekly slot or a cron spec, evaluated on the wall clock of the
// subscription's IANA zone with luxon, so 09:00 stays 09:00 local across daylight-saving
// changes. A local time that does not exist (spring-forward gap) moves forward by the gap
// (02:30 → 03:30); a repeated one (fall-back) fires once.
import { DateTime } from "luxon";
import type { SubscriptionRecord } from "../ports/schedule";
import { cronSpec, type CronParser, type CronSpec } from "./cron";
import { splitTime } from "./slot";
import { msg } from "../messages/catalogue";

export type Schedule = { zone: string } & CronSpec;

/** Longest gap searched for the next occurrence (Feb 29 on a given weekday is ~28 years away). */
const HORIZON_DAYS = 366 * 5;

export function weeklySchedule(weekday: number, time: string, zone: string): Schedule {
  const { hour, minute } = splitTime(time);
  return {
    zone,
    minute,
    hours: [hour],
    daysOfMonth: new Set(range(1, 31)),
    months: new Set(range(1, 12)),
    weekdays: new Set([weekday]),
  };
}

export function scheduleOf(
  sub: Pick<SubscriptionRecord, "weekday" | "time" | "timeZone" | "cron">,
  cron?: CronParser,
): Schedule {
  if (sub.cron) return { zone: sub.timeZone, ...cronSpec(sub.cron, cron) };
  return weeklySchedule(sub.weekday, sub.time, sub.timeZone);
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/** Occurrences strictly after `after`, ascending, until `until` (inclusive) or `limit` items. */
export function* occurrencesAfter(s: Schedule, after: Date, until?: Date): Generator<Date> {
  const afterMs = after.getTime();
  const untilMs = until?.getTime() ?? Infinity;
  let day = DateTime.fromJSDate(after, { zone: s.zone }).startOf("day");
  let last = afterMs;
  for (let i = 0; i <= HORIZON_DAYS; i++, day = day.plus({ days: 1 })) {
    if (day.toMillis() > untilMs) return;
    if (!s.months.has(day.month) || !s.daysOfMonth.has(day.day) || !s.weekdays.has(day.weekday))
      continue;
    for (const hour of s.hours) {
      const at = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour, minute: s.minute },
        { zone: s.zone },
      ).toMillis();
      if (at > untilMs) return;
      // `last` guards against a gap-shifted time landing on (or before) one already produced.
      if (at > last) {
        last = at;
        yield new Date(at);
      }
    }
  }
}

export function nextOccurrence(s: Schedule, after: Date): Date | null {
  const it = occurrencesAfter(s, after).next();
  return it.done ? null : it.value;
}

/** Whether the schedule fires at exactly this instant (a pending skip survives a new slot only then). */
export function firesAt(s: Schedule, at: Date): boolean {
  return nextOccurrence(s, new Date(at.getTime() - 1))?.getTime() === at.getTime();
}

/** Occurrences in (after, until], oldest first, keeping only the newest `keep`. */
export function occurrencesBetween(s: Schedule, after: Date, until: Date, keep: number): Date[] {
  const out: Date[] = [];
  for (const d of occurrencesAfter(s, after, until)) {
    out.push(d);
    if (out.length > keep) out.shift();
  }
  return out;
}

/** "Mondays at 09:00 (America/New_York)" or the cron expression, for replies. */
export function formatLocal(at: Date, zone: string, locale: "zh" | "en"): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(msg(locale, "common.intlTag"));
  return `${dt.toFormat(msg(locale, "common.dateTimeWithWeekday"))} (${zone})`;
}
