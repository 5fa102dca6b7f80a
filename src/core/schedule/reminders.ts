// Review reminders: a learner who opted in gets at most one DM per local day, once their local
// clock has reached the reminder time and they have review cards due.
import { DateTime } from "luxon";
import type { Locale } from "../i18n";
import type { Reply } from "../reply";
import { splitTime } from "./slot";

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
  const zh = locale === "zh";
  return {
    title: zh ? "复习提醒" : "Time to review",
    text: zh
      ? `你有 ${dueCount} 张卡片到了复习时间。输入 /review 开始复习，几分钟就好。`
      : `You have ${dueCount} card${dueCount === 1 ? "" : "s"} due for review. Type /review to go through them; it takes a few minutes.`,
    footer: zh
      ? "不想再收到提醒？输入 /settings reminders off"
      : "No more reminders? Type /settings reminders off",
    tone: "info",
  };
}
