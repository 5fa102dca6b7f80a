// The page shell every dashboard page shares: language, navigation, the logout form (with its
// CSRF token) and one small inline style sheet (no external requests: fast on a phone, and the
// Content-Security-Policy can forbid everything else).
import type { Locale } from "../../core/i18n";
import { html, type SafeHtml } from "./html";

export interface PageCtx {
  locale: Locale;
  t(zh: string, en: string): string;
  csrf: string;
  /** Which community the session is for, as shown in the header. */
  community: string;
  /** This page in each language (the current query kept). */
  langHref: { zh: string; en: string };
}

export type PageId = "class" | "items" | "tutor" | "lessons";

const CSS = `
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC",
"Noto Sans CJK SC",sans-serif;margin:0;color:#111;background:#fafafa}
header{background:#14365d;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1rem;
align-items:center}header a{color:#fff}header .who{margin-left:auto;font-size:.85rem}
nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.2rem .9rem}
nav a[aria-current]{font-weight:700;text-decoration:none;border-bottom:2px solid #fff}
main{max-width:1100px;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.3rem 0 1rem}
h2{font-size:1.1rem;margin:1.4rem 0 .5rem}section{background:#fff;border:1px solid #ddd;
border-radius:6px;padding:.8rem 1rem;margin-bottom:1rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.3rem .5rem;
border-bottom:1px solid #e3e3e3;vertical-align:top}td.n,th.n{text-align:right;
font-variant-numeric:tabular-nums}.scroll{overflow-x:auto}
.kpis{display:flex;flex-wrap:wrap;gap:.6rem}.kpi{background:#fff;border:1px solid #ddd;
border-radius:6px;padding:.5rem .8rem;min-width:9rem}.kpi b{display:block;font-size:1.4rem}
.chart{width:100%;height:auto;max-width:760px}.chart .bar{fill:#2a6cb3}.chart .val{font-size:11px}
.chart .lbl{font-size:11px;fill:#333}.chart .axis{stroke:#999}
.flag{display:inline-block;background:#fde8e8;color:#8a1111;border-radius:3px;padding:0 .3rem;
margin:0 .2rem .2rem 0;font-size:.8rem}.key{font-weight:700}.muted{color:#555}
button{font:inherit;padding:.35rem .8rem;border-radius:4px;border:1px solid #14365d;
background:#14365d;color:#fff;cursor:pointer}header button{background:#fff;color:#14365d}
a{color:#0b4f9c}.lang a{margin-left:.4rem}
@media (max-width:600px){main{padding:.5rem}th,td{padding:.25rem .3rem}}
`;

export function layout(ctx: PageCtx, page: PageId | null, title: string, body: SafeHtml): SafeHtml {
  const nav: [PageId, string][] = [
    ["class", ctx.t("班级", "Class")],
    ["items", ctx.t("题目", "Items")],
    ["tutor", ctx.t("助教", "Tutor")],
    ["lessons", ctx.t("课程推送", "Lessons")],
  ];
  return html`<!doctype html>
<html lang="${ctx.locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · coursebot</title><style>${CSS}</style></head>
<body><header><strong>coursebot</strong>
<nav aria-label="${ctx.t("看板", "Dashboard")}"><ul>${nav.map(
    ([id, label]) =>
      html`<li><a href="/dashboard/${id}"${page === id ? html` aria-current="page"` : ""}>${label}</a></li>`,
  )}</ul></nav>
<span class="who">${ctx.community}
<span class="lang"><a href="${ctx.langHref.zh}" lang="zh-CN">中文</a><a href="${ctx.langHref.en}" lang="en">English</a></span></span>
<form method="post" action="/dashboard/logout"><input type="hidden" name="csrf" value="${ctx.csrf}">
<button type="submit">${ctx.t("退出", "Log out")}</button></form></header>
<main><h1>${title}</h1>${body}</main></body></html>`;
}

/** A page for someone without a session (sign-in, refusals): no navigation, no forms of theirs. */
export function bare(locale: Locale, title: string, body: SafeHtml): SafeHtml {
  return html`<!doctype html>
<html lang="${locale === "zh" ? "zh-CN" : "en"}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · coursebot</title><style>${CSS}</style></head>
<body><header><strong>coursebot</strong></header><main><h1>${title}</h1>${body}</main></body></html>`;
}
