// The Items page (every answered question with its statistics, sortable by any column through
// plain links) and a question's own page (both languages, every choice's pick share, the
// explanation). Flags name items that look broken.
import type { CourseIndex } from "../../../core/content/model";
import {
  ITEM_SORT_KEYS,
  type ItemFigures,
  type ItemFlag,
  type ItemSortKey,
  MIN_ATTEMPTS_TO_FLAG,
} from "../../../core/dashboard/item-view";
import type { Question } from "../../../core/content/schema";
import { html, type SafeHtml } from "../html";
import type { PageCtx } from "../layout";

export function flagLabel(ctx: PageCtx, f: ItemFlag): string {
  return f === "negative-discrimination"
    ? ctx.t("区分度为负", "negative discrimination")
    : f === "unused-distractor"
      ? ctx.t("有干扰项无人选", "a distractor nobody picks")
      : ctx.t("错误选项比正确答案更常被选", "a wrong choice picked more than the key");
}

const seconds = (ms: number | null) => (ms === null ? "—" : (ms / 1000).toFixed(1));

export function itemsPage(
  ctx: PageCtx,
  items: ItemFigures[],
  sort: { key: ItemSortKey; desc: boolean },
): SafeHtml {
  const { t } = ctx;
  const cols: [ItemSortKey | null, string][] = [
    ["order", t("题目", "Question")],
    ["attempts", t("作答", "Attempts")],
    ["facility", t("正确率 %", "Facility %")],
    ["discrimination", t("区分度", "Discrimination")],
    [null, t("最常见错选（占比）", "Top wrong choice (share)")],
    ["hints", t("提示 %", "Hints %")],
    ["skips", t("跳过 %", "Skips %")],
    ["time", t("中位用时 s", "Median time s")],
    ["blocked", t("作答时被拦的助教请求", "Tutor requests blocked")],
    [null, t("标记", "Flags")],
  ];
  const head = cols.map(([key, label]) => {
    if (!key) return html`<th scope="col">${label}</th>`;
    const active = key === sort.key;
    const desc = active ? !sort.desc : key !== "order";
    const aria = active ? (sort.desc ? "descending" : "ascending") : null;
    return html`<th scope="col"${aria ? html` aria-sort="${aria}"` : ""} class="${key === "order" ? "" : "n"}"><a href="/dashboard/items?sort=${key}&amp;dir=${desc ? "desc" : "asc"}">${label}${active ? (sort.desc ? " ▼" : " ▲") : ""}</a></th>`;
  });
  const flagged = items.filter((i) => i.flags.length).length;
  return html`<p>${t(
    `${items.length} 道题有作答，${flagged} 道被标记（至少 ${MIN_ATTEMPTS_TO_FLAG} 次作答才标记）。点列标题排序。`,
    `${items.length} questions answered, ${flagged} flagged (flags need ${MIN_ATTEMPTS_TO_FLAG}+ attempts). Sort by any column heading.`,
  )}</p>
<section class="scroll"><table id="items"><thead><tr>${head}</tr></thead><tbody>${items.map(
    (i) => html`<tr data-question="${i.questionId}">
<td><a href="/dashboard/item?id=${encodeURIComponent(i.questionId)}">${i.questionId}</a></td>
<td class="n" data-k="attempts">${i.attempts}</td><td class="n" data-k="facility">${i.correctPct}</td>
<td class="n" data-k="discrimination">${i.discrimination ?? "—"}</td>
<td data-k="top-wrong">${i.topWrong ? `${i.topWrong.label} (${i.topWrongPct}%)` : "—"}</td>
<td class="n" data-k="hints">${i.hintPct}</td><td class="n" data-k="skips">${i.skipPct}</td>
<td class="n" data-k="time">${seconds(i.medianTimeMs)}</td><td class="n" data-k="blocked">${i.blockedAsks}</td>
<td>${i.flags.map((f) => html`<span class="flag">${flagLabel(ctx, f)}</span>`)}</td></tr>`,
  )}</tbody></table></section>
<p><a href="/dashboard/items.csv">${t("导出 CSV", "Export CSV")}</a></p>`;
}

function choiceText(q: Question, id: string): { zh: string; en: string } {
  if (q.type === "single" || q.type === "multiple") {
    const c = q.choices.find((x) => x.id === id);
    if (c) return c.text;
  }
  if (id === "true") return { zh: "对", en: "True" };
  if (id === "false") return { zh: "错", en: "False" };
  return { zh: id, en: id };
}

export function itemPage(
  ctx: PageCtx,
  index: CourseIndex,
  q: Question,
  item: ItemFigures | undefined,
): SafeHtml {
  const { t } = ctx;
  const lesson = index.lessons.get(q.lesson);
  const both = (b: { zh: string; en: string }) =>
    html`<p lang="zh-CN">${b.zh}</p><p lang="en">${b.en}</p>`;
  return html`<p class="muted">${lesson ? `${lesson.order}. ${lesson.title[ctx.locale]}` : q.lesson} · ${q.topic} · ${q.type}</p>
<section><h2>${t("题干", "Prompt")}</h2>${both(q.prompt)}</section>
${
  item
    ? html`<section><h2>${t("统计", "Statistics")}</h2><table id="item-stats"><tbody>
<tr><th scope="row">${t("作答", "Attempts")}</th><td class="n" data-k="attempts">${item.attempts}</td></tr>
<tr><th scope="row">${t("学习者", "Learners")}</th><td class="n" data-k="learners">${item.learners}</td></tr>
<tr><th scope="row">${t("正确率 %", "Facility %")}</th><td class="n" data-k="facility">${item.correctPct}</td></tr>
<tr><th scope="row">${t("区分度", "Discrimination")}</th><td class="n" data-k="discrimination">${item.discrimination ?? "—"}</td></tr>
<tr><th scope="row">${t("提示 %", "Hints %")}</th><td class="n">${item.hintPct}</td></tr>
<tr><th scope="row">${t("跳过", "Skips")}</th><td class="n">${item.skips} (${item.skipPct}%)</td></tr>
<tr><th scope="row">${t("中位用时 s", "Median time s")}</th><td class="n">${seconds(item.medianTimeMs)}</td></tr>
<tr><th scope="row">${t("作答时被拦的助教请求", "Tutor requests blocked while open")}</th><td class="n">${item.blockedAsks}</td></tr>
</tbody></table>${item.flags.map((f) => html`<span class="flag">${flagLabel(ctx, f)}</span>`)}</section>`
    : html`<section><p>${t("还没有作答。", "No answers yet.")}</p></section>`
}
${
  item?.choices.length
    ? html`<section><h2>${t("各选项被选比例", "Pick share of every choice")}</h2><div class="scroll"><table id="choices">
<thead><tr><th scope="col">${t("选项", "Choice")}</th><th scope="col">中文</th><th scope="col">English</th><th scope="col" class="n">${t("被选次数", "Picks")}</th><th scope="col" class="n">%</th></tr></thead>
<tbody>${item.choices.map((c) => {
        const text = choiceText(q, c.id);
        return html`<tr data-choice="${c.id}"${c.key ? html` class="key"` : ""}><td>${c.id}${c.key ? t("（正确）", " (key)") : ""}</td><td lang="zh-CN">${text.zh}</td><td lang="en">${text.en}</td><td class="n" data-k="picks">${c.picks}</td><td class="n">${c.pct}</td></tr>`;
      })}</tbody></table></div></section>`
    : ""
}
<section><h2>${t("解析", "Explanation")}</h2>${both(q.explanation)}</section>
<p><a href="/dashboard/items">${t("← 全部题目", "← All items")}</a></p>`;
}

export { ITEM_SORT_KEYS };
