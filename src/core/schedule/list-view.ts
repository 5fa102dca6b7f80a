// /lesson list: each subscription with its schedule, next occurrence, next lesson and any
// recent failed sends (retrying or given up), in the asker's language.
import type { CourseIndex } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { DeliveryRecord, SubscriptionRecord } from "../ports/schedule";
import type { Reply } from "../reply";
import { occurrencesAfter, formatLocal, type Schedule } from "./occurrences";
import { dayLabel } from "./slot";
import { targetLabel } from "./target";
import { msg } from "../messages/catalogue";

/** `pending`: occurrences already recorded ahead of time (/lesson skip), which will not post. */
export interface ListedSubscription {
  sub: SubscriptionRecord;
  schedule: Schedule | null;
  pending: Date[];
  recent: DeliveryRecord[];
}

export function describeSchedule(sub: SubscriptionRecord, locale: Locale): string {
  if (sub.cron) return `cron \`${sub.cron}\` (${sub.timeZone})`;
  return msg(locale, "schedule.list-view.weeklyAt", {
    dayLabel: dayLabel(sub.weekday, locale),
    time: sub.time,
    timeZone: sub.timeZone,
  });
}

/**
 * The next occurrence after now that nobody has recorded yet (a /lesson skip records one ahead
 * of time). Skips need not be the next occurrences: after a slot change a kept skip may lie
 * beyond occurrences of the new slot, which still post.
 */
export function upcoming(schedule: Schedule, now: Date, recorded: Date[] = []): Date | null {
  const taken = new Set(recorded.map((d) => d.getTime()));
  for (const at of occurrencesAfter(schedule, now)) if (!taken.has(at.getTime())) return at;
  return null;
}

function deliveryLine(
  d: DeliveryRecord,
  sub: SubscriptionRecord,
  locale: Locale,
  maxAttempts: number,
): string | null {
  const when = formatLocal(d.occurrenceAt, sub.timeZone, locale);
  if (d.status === "failed") {
    const err = (d.lastError ?? "").slice(0, 120);
    return d.nextAttemptAt
      ? msg(locale, "schedule.list-view.sendFailedAttemptRetrying", {
          when,
          attempts: d.attempts,
          maxAttempts,
          err,
          formatLocal: formatLocal(d.nextAttemptAt, sub.timeZone, locale),
        })
      : msg(locale, "schedule.list-view.failedAfterAttempt", {
          when,
          count: d.attempts,
          err,
        });
  }
  if (d.status === "skipped")
    return msg(locale, "schedule.list-view.skipped", { when, value: d.lastError ?? "" });
  if (d.status === "sent")
    return msg(locale, "schedule.list-view.lessonSent", { when, value: d.lessonIndex + 1 });
  return msg(locale, "schedule.list-view.sending", { when });
}

export function listReply(
  items: ListedSubscription[],
  index: CourseIndex,
  now: Date,
  locale: Locale,
  maxAttempts: number,
): Reply {
  if (items.length === 0)
    return {
      text: msg(locale, "schedule.list-view.noWeeklyLessonSubscriptions"),
      private: true,
    };
  const lessons = index.course.lessons;
  const fields = items.map(({ sub, schedule, pending, recent }) => {
    const lines = [describeSchedule(sub, locale)];
    const lesson = lessons[sub.nextLesson];
    if (!lesson)
      lines.push(
        msg(locale, "schedule.list-view.allLessonsDelivered", { lessonsCount: lessons.length }),
      );
    else {
      const next = schedule ? upcoming(schedule, now, pending) : null;
      lines.push(
        msg(locale, "schedule.list-view.nextLesson", {
          value: sub.nextLesson + 1,
          title: tr(lesson.title, locale),
        }),
      );
      lines.push(
        `${msg(locale, "schedule.list-view.nextPost")}: ${next ? formatLocal(next, sub.timeZone, locale) : msg(locale, "commands.lesson.none")}`,
      );
    }
    for (const d of recent) {
      const line = deliveryLine(d, sub, locale, maxAttempts);
      if (line) lines.push(line);
    }
    return { name: targetLabel(sub, locale), value: lines.join("\n"), inline: false };
  });
  return {
    title: msg(locale, "schedule.list-view.weeklyLessons"),
    text: "",
    fields,
    private: true,
  };
}
