// Review reminders: a learner who opted in gets at most one DM per local day, once their local
// clock has reached the reminder time and they have review cards due.
import { DateTime } from "luxon";
import type { Locale } from "../i18n";
import type { Reply } from "../reply";
import { splitTime } from "./slot";
import { msg } from "../messages/catalogue";

export interface LocalMoment {
  day: string;
  minutes: number;
}

/** The learner's local calendar day (YYYY-MM-DD) and minutes since local midnight. Bad zones fall back to UTC. */
export function localMoment(now: Date, zone: string): LocalMoment {
  let dt = DateTime.fromJSDate(now, { zone });
  if (!dt.isValid) dt = DateTime.fromJSDate(now, { zone: "UTC" });
  return { day: dt.toFormat("yyyy-MM-dd"), minutes: dt.hour * 60 + dt.minute };
}

/** Whether the learner's local time has reached the reminder time today. */
export function reminderTimeReached(
  now: Date,
  zone: string,
  reminderTime: string,
): { due: boolean; day: string } {
  const { day, minutes } = localMoment(now, zone);
  const { hour, minute } = splitTime(reminderTime);
  return { due: minutes >= hour * 60 + minute, day };
}

export function reminderReply(dueCount: number, locale: Locale): Reply {
  return {
    title: msg(locale, "schedule.reminders.timeToReview"),
    text: msg(locale, "schedule.reminders.youHaveCardDue", {
      count: dueCount,
    }),
    footer: msg(locale, "schedule.reminders.noMoreRemindersType"),
    tone: "info",
  };
}
