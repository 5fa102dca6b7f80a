// Turns a tutor answer into a Reply: the text, the passages it cites (id + label, so adapters can
// link them) or, when it cites none, the related notes labelled as such, and the learner's
// remaining budget in the footer.
import type { CourseIndex } from "../content/model";
import type { Locale } from "../i18n";
import type { Reply } from "../reply";
import type { BudgetView } from "./budget";
import { sectionLabel } from "./passages";
import type { Retrieved } from "./retriever";

export type AnswerMode = "llm" | "offline" | "fallback" | "budget" | "refused" | "not-covered";

const LABEL: Record<Exclude<AnswerMode, "llm" | "refused" | "not-covered">, [string, string]> = {
  offline: ["📚 离线回答（摘自课程笔记）：", "📚 Offline answer (quoted from the course notes):"],
  fallback: [
    "⚠️ AI 助教暂时不可用，以下为离线回答（摘自课程笔记）：",
    "⚠️ The AI tutor is unavailable right now. Offline answer (quoted from the course notes):",
  ],
  budget: [
    "⏳ 你的提问额度暂时用完了，以下为离线回答（摘自课程笔记）：",
    "⏳ Your tutor questions are used up for now. Offline answer (quoted from the course notes):",
  ],
};

/**
 * What a citation names: the passage actually used. A lesson section is named by its section; a
 * glossary entry as that entry, in its section; a quiz question's explanation as that question's
 * explanation (never as the lesson section it belongs to: the learner would look for the quoted
 * words in the notes and not find them).
 */
function citationOf(
  index: CourseIndex,
  p: Retrieved,
  locale: Locale,
): { id: string; label: string } {
  const zh = locale === "zh";
  const lesson = p.lessonId ? index.lessons.get(p.lessonId) : undefined;
  const lessonNo = lesson ? (zh ? `第${lesson.order}课` : `L${lesson.order}`) : "";
  if (p.kind === "explanation" && p.questionId)
    return {
      id: p.id,
      label: zh
        ? `题目 ${p.questionId} 的解析${lessonNo ? `，${lessonNo}` : ""}`
        : `Q ${p.questionId} explanation${lessonNo ? `, ${lessonNo}` : ""}`,
    };
  if (p.kind === "glossary") {
    const where = p.sectionKey ? sectionLabel(index, p.sectionKey, locale) : lessonNo;
    return {
      id: p.sectionKey ?? p.id,
      label: zh
        ? `术语表「${p.title.zh}」${where ? `，${where}` : ""}`
        : `Glossary "${p.title.en}"${where ? `, ${where}` : ""}`,
    };
  }
  return {
    id: p.sectionKey ?? p.id,
    label: p.sectionKey ? sectionLabel(index, p.sectionKey, locale) : p.title[locale],
  };
}

/** One line per cited passage: "[1][2] L2 · Quantization (l02-parameters#quantization)". */
export function citationLines(index: CourseIndex, used: Retrieved[], locale: Locale): string[] {
  const byPassage = new Map<string, { label: string; numbers: number[] }>();
  used.forEach((p, i) => {
    const c = citationOf(index, p, locale);
    const key = `${c.id}\u0000${c.label}`;
    const entry = byPassage.get(key) ?? { label: `${c.label} (${c.id})`, numbers: [] };
    entry.numbers.push(i + 1);
    byPassage.set(key, entry);
  });
  return [...byPassage.values()].map(
    (e) => `${e.numbers.map((n) => `[${n}]`).join("")} ${e.label}`,
  );
}

/** Notes near the question that the answer did not cite: listed as such, never as "Sources". */
export function relatedLines(index: CourseIndex, related: Retrieved[], locale: Locale): string[] {
  return [
    ...new Set(
      related.map((p) => {
        const c = citationOf(index, p, locale);
        return `${c.label} (${c.id})`;
      }),
    ),
  ];
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

/**
 * `used`: the passages the answer cites ("Sources"). `related`: passages it was given but did not
 * cite, shown as "Related notes" with a line saying the answer cites no note.
 */
export function tutorReply(opts: {
  index: CourseIndex;
  locale: Locale;
  mode: AnswerMode;
  body: string;
  used?: Retrieved[];
  related?: Retrieved[];
  budget?: BudgetView;
  note?: string;
}): Reply {
  const zh = opts.locale === "zh";
  const head = opts.mode in LABEL ? LABEL[opts.mode as keyof typeof LABEL][zh ? 0 : 1] : undefined;
  const text = [head, opts.body, opts.note].filter(Boolean).join("\n");
  const cites = opts.used?.length ? citationLines(opts.index, opts.used, opts.locale) : [];
  const related =
    !cites.length && opts.related?.length
      ? relatedLines(opts.index, opts.related, opts.locale)
      : [];
  const fields = cites.length
    ? [{ name: zh ? "出处" : "Sources", value: cites.join("\n") }]
    : related.length
      ? [
          {
            name: zh ? "相关笔记（回答未引用笔记）" : "Related notes (the answer cites no note)",
            value: related.join("\n"),
          },
        ]
      : undefined;
  return {
    title: zh ? "助教" : "Tutor",
    text,
    fields,
    footer: budgetFooter(opts.budget, opts.locale),
    tone: opts.mode === "llm" || opts.mode === "offline" ? "info" : "warning",
  };
}
