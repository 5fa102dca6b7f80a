// /lesson list: each subscription with its schedule, next occurrence, next lesson and any
// recent failed sends (retrying or given up), in the asker's language.
import type { CourseIndex } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { DeliveryRecord, SubscriptionRecord } from "../ports/schedule";
import type { Reply } from "../reply";
import { occurrencesAfter, formatLocal, type Schedule } from "./occurrences";
import { dayLabel } from "./slot";
import { targetLabel } from "./target";

/** `pending`: occurrences already recorded ahead of time (/lesson skip), which will not post. */
export interface ListedSubscription {
  sub: SubscriptionRecord;
  schedule: Schedule | null;
  pending: Date[];
  recent: DeliveryRecord[];
}

export function describeSchedule(sub: SubscriptionRecord, locale: Locale): string {
  if (sub.cron) return `cron \`${sub.cron}\` (${sub.timeZone})`;
  return locale === "zh"
    ? `每${dayLabel(sub.weekday, locale)} ${sub.time}（${sub.timeZone}）`
    : `${dayLabel(sub.weekday, locale)}s at ${sub.time} (${sub.timeZone})`;
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
  const zh = locale === "zh";
  const when = formatLocal(d.occurrenceAt, sub.timeZone, locale);
  if (d.status === "failed") {
    const err = (d.lastError ?? "").slice(0, 120);
    return d.nextAttemptAt
      ? zh
        ? `⚠️ ${when}：发送失败（第 ${d.attempts}/${maxAttempts} 次：${err}），将于 ${formatLocal(d.nextAttemptAt, sub.timeZone, locale)} 重试`
        : `⚠️ ${when}: send failed (attempt ${d.attempts}/${maxAttempts}: ${err}); retrying ${formatLocal(d.nextAttemptAt, sub.timeZone, locale)}`
      : zh
        ? `❌ ${when}：发送失败，已放弃（${d.attempts} 次：${err}）`
        : `❌ ${when}: failed after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"} (${err})`;
  }
  if (d.status === "skipped")
    return zh
      ? `⏭️ ${when}：已跳过（${d.lastError ?? ""}）`
      : `⏭️ ${when}: skipped (${d.lastError ?? ""})`;
  if (d.status === "sent")
    return zh
      ? `✅ ${when}：已发送第 ${d.lessonIndex + 1} 课`
      : `✅ ${when}: lesson ${d.lessonIndex + 1} sent`;
  return zh ? `⏳ ${when}：发送中` : `⏳ ${when}: sending`;
}

export function listReply(
  items: ListedSubscription[],
  index: CourseIndex,
  now: Date,
  locale: Locale,
  maxAttempts: number,
): Reply {
  const zh = locale === "zh";
  if (items.length === 0)
    return {
      text: zh
        ? "还没有每周课程订阅。用 /lesson subscribe 订阅（私信里为自己，频道里由管理员为频道）。"
        : "No weekly lesson subscriptions yet. Use /lesson subscribe (in a DM for yourself; admins in a channel for the channel).",
      private: true,
    };
  const lessons = index.course.lessons;
  const fields = items.map(({ sub, schedule, pending, recent }) => {
    const lines = [describeSchedule(sub, locale)];
    const lesson = lessons[sub.nextLesson];
    if (!lesson)
      lines.push(
        zh ? `全部 ${lessons.length} 课已发送完毕。` : `All ${lessons.length} lessons delivered.`,
      );
    else {
      const next = schedule ? upcoming(schedule, now, pending) : null;
      lines.push(
        zh
          ? `下一课：第 ${sub.nextLesson + 1} 课“${tr(lesson.title, locale)}”`
          : `Next lesson: ${sub.nextLesson + 1}. ${tr(lesson.title, locale)}`,
      );
      lines.push(
        `${zh ? "下次发送" : "Next post"}: ${next ? formatLocal(next, sub.timeZone, locale) : zh ? "无" : "none"}`,
      );
    }
    for (const d of recent) {
      const line = deliveryLine(d, sub, locale, maxAttempts);
      if (line) lines.push(line);
    }
    return { name: targetLabel(sub, locale), value: lines.join("\n"), inline: false };
  });
  return { title: zh ? "每周课程" : "Weekly lessons", text: "", fields, private: true };
}
