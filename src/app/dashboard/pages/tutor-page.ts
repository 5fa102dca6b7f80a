// The Tutor page: outcomes of the questions learners asked, the questions the notes did not
// cover (grouped), LLM tokens and cost per day, and the latest questions — each learner under a
// pseudonym unless the instructor chooses to see names. The CSV export has the same rows.
import { ASK_OUTCOMES, pseudonym, type TutorFigures } from "../../../core/dashboard/tutor-view";
import type { AskOutcome, TutorAskRecord } from "../../../core/ports/dashboard";
import { csv } from "../csv";
import { html, type SafeHtml } from "../html";
import type { PageCtx } from "../layout";

/** Rows listed on the page (the CSV has them all). */
export const LISTED_ASKS = 200;

export function outcomeLabel(ctx: PageCtx, o: AskOutcome): string {
  const labels: Record<AskOutcome, [string, string]> = {
    ok: ["模型作答", "answered (model)"],
    offline: ["离线作答", "answered (offline)"],
    "not-covered": ["笔记未覆盖", "not covered by the notes"],
    refused: ["拒答", "refused"],
    "leak-blocked": ["拦截（会泄露答案）", "blocked (would leak an answer)"],
    budget: ["额度用完（离线作答）", "budget used up (offline)"],
    error: ["模型出错", "model error"],
  };
  return ctx.t(...labels[o]);
}

const who = (a: TutorAskRecord, names: boolean) =>
  names && a.learnerName ? a.learnerName : pseudonym(a.learnerId);

export function tutorPage(
  ctx: PageCtx,
  asks: TutorAskRecord[],
  f: TutorFigures,
  names: boolean,
): SafeHtml {
  const { t } = ctx;
  return html`<section><h2>${t("问题去向", "What became of the questions")}</h2><table id="outcomes">
<thead><tr><th scope="col">${t("结果", "Outcome")}</th><th scope="col" class="n">${t("次数", "Count")}</th></tr></thead>
<tbody>${ASK_OUTCOMES.map((o) => html`<tr data-outcome="${o}"><td>${outcomeLabel(ctx, o)}</td><td class="n">${f.outcomes[o]}</td></tr>`)}
<tr><th scope="row">${t("合计", "Total")}</th><td class="n" data-figure="asks">${f.total}</td></tr></tbody></table></section>
<section><h2>${t("笔记没有覆盖的问题", "Questions the notes did not cover")}</h2>${
    f.uncovered.length
      ? html`<div class="scroll"><table id="uncovered"><thead><tr><th scope="col" class="n">${t("次数", "Times")}</th><th scope="col">${t("问题", "Question")}</th></tr></thead>
<tbody>${f.uncovered.slice(0, 50).map((u) => html`<tr><td class="n">${u.count}</td><td>${u.text}</td></tr>`)}</tbody></table></div>`
      : html`<p>${t("没有。", "None.")}</p>`
  }</section>
<section><h2>${t("每天 LLM 用量与费用（近 30 天）", "LLM tokens and cost per day (last 30 days)")}</h2>${
    f.usage.length
      ? html`<div class="scroll"><table id="usage"><thead><tr><th scope="col">${t("日期", "Day")}</th><th scope="col">${t("模型", "Model")}</th><th scope="col" class="n">${t("请求", "Requests")}</th><th scope="col" class="n">${t("输入 tokens", "Tokens in")}</th><th scope="col" class="n">${t("输出 tokens", "Tokens out")}</th><th scope="col" class="n">USD</th></tr></thead>
<tbody>${f.usage.map((u) => html`<tr><td>${u.day}</td><td>${u.model}</td><td class="n">${u.requests}</td><td class="n">${u.tokensIn}</td><td class="n">${u.tokensOut}</td><td class="n">${u.costUsd.toFixed(4)}</td></tr>`)}
<tr><th scope="row" colspan="5">${t("合计", "Total")}</th><td class="n">${f.totalCostUsd.toFixed(4)}</td></tr></tbody></table></div>`
      : html`<p>${t("没有模型请求（离线作答不花钱）。", "No model requests (offline answers cost nothing).")}</p>`
  }</section>
<section><h2>${t("最近的问题", "Latest questions")}</h2>
<p>${
    names
      ? html`${t("显示学习者名称。", "Showing learners' names.")} <a href="/dashboard/tutor">${t("改用化名", "Use pseudonyms")}</a>`
      : html`${t("学习者以化名显示。", "Learners are shown under pseudonyms.")} <a href="/dashboard/tutor?names=1">${t("显示名称", "Show names")}</a>`
  } · <a href="/dashboard/tutor.csv${names ? "?names=1" : ""}">${t("导出 CSV", "Export CSV")}</a></p>
<div class="scroll"><table id="asks"><thead><tr><th scope="col">${t("时间 (UTC)", "Time (UTC)")}</th><th scope="col">${t("学习者", "Learner")}</th><th scope="col">${t("结果", "Outcome")}</th><th scope="col">${t("作答中的题", "Open question")}</th><th scope="col">${t("问题", "Question")}</th></tr></thead>
<tbody>${asks.slice(0, LISTED_ASKS).map((a) => html`<tr><td>${a.createdAt.toISOString().slice(0, 16).replace("T", " ")}</td><td>${who(a, names)}</td><td>${outcomeLabel(ctx, a.outcome)}</td><td>${a.openQuestionId ?? ""}</td><td>${a.text}</td></tr>`)}</tbody></table></div></section>`;
}

export function tutorCsv(asks: TutorAskRecord[], names: boolean): string {
  return csv([
    ["time_utc", "learner", "outcome", "open_question", "question"],
    ...asks.map((a) => [
      a.createdAt.toISOString(),
      who(a, names),
      a.outcome,
      a.openQuestionId ?? "",
      a.text,
    ]),
  ]);
}
