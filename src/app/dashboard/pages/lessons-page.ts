// The Lessons page: the community's subscriptions, each with its schedule, next lesson and next
// delivery, and its latest deliveries (sent, failed with the reason, skipped); a failed delivery
// has a Retry button (a form with the CSRF token).
import { formatLocal } from "../../../core/progress/time-format";
import { describeSchedule } from "../../../core/schedule/list-view";
import type { CourseIndex } from "../../../core/content/model";
import type { DeliveryRecord } from "../../../core/ports/schedule";
import type { LessonRow } from "../data";
import { html, type SafeHtml } from "../html";
import type { PageCtx } from "../layout";

function status(ctx: PageCtx, d: DeliveryRecord): string {
  if (d.status === "failed")
    return d.nextAttemptAt
      ? ctx.t("失败，将重试", "failed, will retry")
      : ctx.t("失败，已放弃", "failed, gave up");
  if (d.status === "sent") return ctx.t("已发送", "sent");
  if (d.status === "skipped") return ctx.t("已跳过", "skipped");
  return ctx.t("发送中", "sending");
}

export function lessonsPage(
  ctx: PageCtx,
  index: CourseIndex,
  rows: LessonRow[],
  notice?: string,
): SafeHtml {
  const { t } = ctx;
  if (!rows.length)
    return html`<section><p>${t("还没有每周课程订阅（/lesson subscribe）。", "No weekly lesson subscriptions yet (/lesson subscribe).")}</p></section>`;
  return html`${notice ? html`<p role="status">${notice}</p>` : ""}${rows.map(
    ({ sub, next, recent }) => {
      const lesson = index.course.lessons[sub.nextLesson];
      const target = sub.learnerExternalId
        ? t("一位学习者的私信", "a learner's DM")
        : `#${sub.channelId}`;
      return html`<section data-subscription="${sub.id}"><h2>${target}${sub.active ? "" : t("（已退订）", " (unsubscribed)")}</h2>
<p>${describeSchedule(sub, ctx.locale)} · ${
        lesson
          ? t(`下一课：第 ${sub.nextLesson + 1} 课`, `Next lesson: ${sub.nextLesson + 1}. `) +
            lesson.title[ctx.locale]
          : t("全部课程已发送", "All lessons delivered")
      } · ${t("下次发送", "Next delivery")}: ${next ? formatLocal(next, sub.timeZone, ctx.locale) : "—"}</p>
${
  recent.length
    ? html`<div class="scroll"><table><thead><tr><th scope="col">${t("时间", "Occurrence")}</th><th scope="col" class="n">${t("课", "Lesson")}</th><th scope="col">${t("状态", "Status")}</th><th scope="col" class="n">${t("尝试", "Attempts")}</th><th scope="col">${t("原因", "Reason")}</th><th scope="col"><span class="muted">${t("操作", "Action")}</span></th></tr></thead>
<tbody>${recent.map(
        (d) =>
          html`<tr data-delivery="${d.id}" data-status="${d.status}"><td>${formatLocal(d.occurrenceAt, sub.timeZone, ctx.locale)}</td><td class="n">${d.lessonIndex + 1}</td><td>${status(ctx, d)}</td><td class="n">${d.attempts}</td><td>${d.lastError ?? ""}</td><td>${
            d.status === "failed" && sub.active
              ? html`<form method="post" action="/dashboard/lessons/retry"><input type="hidden" name="csrf" value="${ctx.csrf}"><input type="hidden" name="delivery" value="${d.id}"><button type="submit">${t("重试", "Retry")}</button></form>`
              : ""
          }</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t("还没有发送记录。", "Nothing delivered yet.")}</p>`
}</section>`;
    },
  )}`;
}
