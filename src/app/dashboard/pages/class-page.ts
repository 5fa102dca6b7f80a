// The Class page: active learners and answers per day and per week, mastery per lesson and
// topic as a heat map, reviews due and the streak distribution.
import { BUCKETS, STREAK_BUCKETS, type ClassFigures } from "../../../core/dashboard/class-view";
import { tr } from "../../../core/i18n";
import { html, type SafeHtml } from "../html";
import type { PageCtx } from "../layout";
import { barChart, heatMap } from "../svg";

export function classPage(ctx: PageCtx, f: ClassFigures): SafeHtml {
  const { t } = ctx;
  const short = (day: string) => day.slice(5);
  const kpi = (id: string, label: string, value: string | number) =>
    html`<div class="kpi"><span>${label}</span><b data-figure="${id}">${value}</b></div>`;
  const heatRows = f.heat.flatMap((l) =>
    l.rows.map((r) => ({
      label: `${l.order}. ${tr(r.name, ctx.locale)}`,
      counts: r.buckets,
    })),
  );
  return html`<div class="kpis">
${kpi("learners", t("学习者", "Learners"), f.learners)}
${kpi("answers", t("作答总数", "Answers"), f.answers)}
${kpi("correct", t("正确率", "% correct"), f.correctPct === null ? "—" : `${f.correctPct}%`)}
${kpi("due-cards", t("待复习卡片", "Reviews due"), f.dueCards)}
${kpi("due-learners", t("有待复习的学习者", "Learners with reviews due"), f.dueLearners)}
</div>
<section><h2>${t("每天活跃学习者", "Active learners per day")}</h2>
${barChart({ title: t("每天活跃学习者", "Active learners per day"), labels: f.days.map((d) => short(d.day)), values: f.days.map((d) => d.active) })}
<h2>${t("每天作答数", "Answers per day")}</h2>
${barChart({ title: t("每天作答数", "Answers per day"), labels: f.days.map((d) => short(d.day)), values: f.days.map((d) => d.answers) })}
<details><summary>${t("数据表", "Data table")}</summary><div class="scroll"><table id="per-day">
<thead><tr><th scope="col">${t("日期", "Day")}</th><th scope="col" class="n">${t("活跃学习者", "Active learners")}</th><th scope="col" class="n">${t("作答", "Answers")}</th></tr></thead>
<tbody>${f.days.map((d) => html`<tr><td>${d.day}</td><td class="n">${d.active}</td><td class="n">${d.answers}</td></tr>`)}</tbody></table></div></details>
</section>
<section><h2>${t("每周", "Per week")}</h2><div class="scroll"><table id="per-week">
<thead><tr><th scope="col">${t("周", "Week")}</th><th scope="col" class="n">${t("活跃学习者", "Active learners")}</th><th scope="col" class="n">${t("作答", "Answers")}</th></tr></thead>
<tbody>${f.weeks.map((w) => html`<tr><td>${w.day}</td><td class="n">${w.active}</td><td class="n">${w.answers}</td></tr>`)}</tbody></table></div></section>
<section><h2>${t("各课各主题掌握度（人数）", "Mastery per lesson and topic (learners)")}</h2>
<p class="muted">${t("每格是掌握度落在该区间的学习者人数（答过该主题至少一题的学习者）。", "Each cell counts the learners whose mastery of the topic falls in that range (learners who answered at least one of its questions).")}</p>
${heatMap({ title: t("掌握度热力图", "Mastery heat map"), columns: BUCKETS.map((b) => `${b}%`), rows: heatRows })}
</section>
<section><h2>${t("连续学习天数分布", "Streak distribution")}</h2>
${barChart({ title: t("连续学习天数分布", "Streak distribution"), labels: STREAK_BUCKETS.map((b) => t(`${b} 天`, `${b} days`)), values: f.streaks, height: 160, labelEvery: 1 })}
<table id="streaks"><thead><tr><th scope="col">${t("连续天数", "Streak")}</th><th scope="col" class="n">${t("学习者", "Learners")}</th></tr></thead>
<tbody>${STREAK_BUCKETS.map((b, i) => html`<tr><td>${b}</td><td class="n">${f.streaks[i]}</td></tr>`)}</tbody></table>
</section>`;
}
