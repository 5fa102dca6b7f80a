// Reading a weekly slot from what people type: a weekday ("mon", "Monday", "1", "周一"), a time
// ("09:00", "9", "9:30pm") and an IANA time zone. Each bad value gets its own clear UserError.
import { IANAZone } from "luxon";
import { UserError } from "../errors";
import type { Locale } from "../i18n";
import { bilingual } from "../messages/catalogue";
import { msg } from "../messages/catalogue";

export interface WeeklySlot {
  weekday: number;
  time: string;
}

const DAY_NAMES: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
  周一: 1,
  星期一: 1,
  礼拜一: 1,
  周二: 2,
  星期二: 2,
  礼拜二: 2,
  周三: 3,
  星期三: 3,
  礼拜三: 3,
  周四: 4,
  星期四: 4,
  礼拜四: 4,
  周五: 5,
  星期五: 5,
  礼拜五: 5,
  周六: 6,
  星期六: 6,
  礼拜六: 6,
  周日: 7,
  周天: 7,
  星期日: 7,
  星期天: 7,
  礼拜天: 7,
  礼拜日: 7,
};

const DAY_KEYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function dayLabel(weekday: number, locale: Locale): string {
  const day = DAY_KEYS.find((d) => d === weekday);
  return day ? msg(locale, `common.weekday.${day}`) : String(weekday);
}

/** Whether a word names a weekday (used to tell "/lesson subscribe mon 09:00" from a channel). */
export function looksLikeDay(text: string): boolean {
  return DAY_NAMES[text.trim().toLowerCase()] !== undefined || /^[1-7]$/.test(text.trim());
}

/** ISO weekday 1-7 (Monday = 1). */
export function parseDay(text: string): number {
  const s = text.trim().toLowerCase();
  const n = DAY_NAMES[s] ?? (/^[1-7]$/.test(s) ? Number(s) : undefined);
  if (n === undefined)
    throw new UserError(
      bilingual("schedule.slot.isNotADay", { text: text.slice(0, 20) }),
      "bad_day",
    );
  return n;
}

/** "09:00", "9", "9:30", "9am", "9:30 pm", "21:15" → "HH:mm" (24-hour). */
export function parseTime(text: string): string {
  const s = text.trim().toLowerCase().replace(/\s+/g, "");
  const m = /^(\d{1,2})(?:[:：.](\d{2}))?(am|pm)?$/.exec(s);
  const bad = () =>
    new UserError(bilingual("schedule.slot.isNotATime", { text: text.slice(0, 20) }), "bad_time");
  if (!m) throw bad();
  let h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (m[3]) {
    if (h < 1 || h > 12) throw bad();
    h = (h % 12) + (m[3] === "pm" ? 12 : 0);
  }
  if (h > 23 || min > 59) throw bad();
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** An IANA zone name luxon (and Intl) knows, in its canonical spelling when it has one. */
export function parseZone(text: string): string {
  const s = text.trim();
  // Fixed offsets ("UTC+8") are valid for luxon but would silently ignore daylight saving.
  if (s.length > 64 || !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(s) || !IANAZone.isValidZone(s))
    throw new UserError(
      bilingual("schedule.slot.isNotATimeWithColon", { s: s.slice(0, 64) }),
      "bad_timezone",
    );
  return s;
}

export function splitTime(time: string): { hour: number; minute: number } {
  const [h, m] = time.split(":").map(Number);
  return { hour: h, minute: m };
}
