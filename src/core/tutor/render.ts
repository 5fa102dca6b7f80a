// Turns a tutor answer into a Reply: the text, the cited sections (id + title, so adapters can
// link them), and the learner's remaining budget in the footer.
import type { CourseIndex } from "../content/model";
import type { Locale } from "../i18n";
import type { Reply } from "../reply";
import type { BudgetView } from "./budget";
import { sectionLabel } from "./passages";
import type { Retrieved } from "./retriever";

export type AnswerMode = "llm" | "offline" | "fallback" | "budget" | "refused" | "not-covered";

const LABEL: Record<Exclude<AnswerMode, "llm" | "refused" | "not-covered">, [string, string]> = {
  offline: ["📚 离线回答（摘自课程笔记）：", "📚 Offline answer (quoted from the course notes):"],
  fallback: ["⚠️ AI 助教暂时不可用，以下为离线回答（摘自课程笔记）：", "⚠️ The AI tutor is unavailable right now. Offline answer (quoted from the course notes):"],
  budget: ["⏳ 你的提问额度暂时用完了，以下为离线回答（摘自课程笔记）：", "⏳ Your tutor questions are used up for now. Offline answer (quoted from the course notes):"],
};

/** One line per cited section: "[1][2] L2 · Quantization (l02-parameters#quantization)". */
export function citationLines(index: CourseIndex, used: Retrieved[], locale: Locale): string[] {
  const bySection = new Map<string, { label: string; numbers: number[] }>();
  used.forEach((p, i) => {
    const id = p.sectionKey ?? p.id;
    const entry = bySection.get(id) ?? { label: p.sectionKey ? sectionLabel(index, p.sectionKey, locale) : p.title[locale], numbers: [] };
    entry.numbers.push(i + 1);
    bySection.set(id, entry);
  });
  return [...bySection].map(([id, e]) => `${e.numbers.map((n) => `[${n}]`).join("")} ${e.label} (${id})`);
}

export function budgetFooter(v: BudgetView | undefined, locale: Locale): string | undefined {
  if (!v) return undefined;
  const zh = locale === "zh";
  let s = zh ? `剩余提问 ${v.left}/${v.max}` : `${v.left}/${v.max} questions left`;
  if (v.left < v.max) {
    const mins = Math.max(1, Math.ceil(v.nextInSeconds / 60));
    s += zh ? ` · ${mins} 分钟后恢复 1 次` : ` · next in ${mins} min`;
  }
  if (v.dailyCapReached) s += zh ? " · 今日用量已达上限" : " · daily limit reached";
  return s;
}

export function tutorReply(opts: { index: CourseIndex; locale: Locale; mode: AnswerMode; body: string; used?: Retrieved[]; budget?: BudgetView; note?: string }): Reply {
  const zh = opts.locale === "zh";
  const head = opts.mode in LABEL ? LABEL[opts.mode as keyof typeof LABEL][zh ? 0 : 1] : undefined;
  const text = [head, opts.body, opts.note].filter(Boolean).join("\n");
  const cites = opts.used?.length ? citationLines(opts.index, opts.used, opts.locale) : [];
  return {
    title: zh ? "助教" : "Tutor",
    text,
    fields: cites.length ? [{ name: zh ? "出处" : "Sources", value: cites.join("\n") }] : undefined,
    footer: budgetFooter(opts.budget, opts.locale),
    tone: opts.mode === "llm" || opts.mode === "offline" ? "info" : "warning",
  };
}
