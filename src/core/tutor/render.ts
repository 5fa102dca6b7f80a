// Turns a tutor answer into a Reply: the text, the passages it cites (id + label, so adapters can
// link them) or, when it cites none, the related notes labelled as such, and the learner's
// remaining budget in the footer.
import type { CourseIndex } from "../content/model";
import type { Locale } from "../i18n";
import type { Reply } from "../reply";
import type { BudgetView } from "./budget";
import { sectionLabel } from "./passages";
import type { Retrieved } from "./retriever";
import { msg } from "../messages/catalogue";
import type { PlainKey } from "../messages/types";

export type AnswerMode = "llm" | "offline" | "fallback" | "budget" | "refused" | "not-covered";

const LABEL: Record<Exclude<AnswerMode, "llm" | "refused" | "not-covered">, PlainKey> = {
  offline: "tutor.render.offline",
  fallback: "tutor.render.fallback",
  budget: "tutor.render.budget",
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
  const lesson = p.lessonId ? index.lessons.get(p.lessonId) : undefined;
  const lessonNo = lesson ? msg(locale, "common.lessonNo", { order: lesson.order }) : "";
  const withPlace = (label: string, where: string) =>
    where ? `${label}${msg(locale, "common.listJoin")}${where}` : label;
  if (p.kind === "explanation" && p.questionId)
    return {
      id: p.id,
      label: withPlace(
        msg(locale, "tutor.render.explanationCite", { questionId: p.questionId }),
        lessonNo,
      ),
    };
  if (p.kind === "glossary") {
    const where = p.sectionKey ? sectionLabel(index, p.sectionKey, locale) : lessonNo;
    const term = p.title[locale] || p.title.en;
    return {
      id: p.sectionKey ?? p.id,
      label: withPlace(msg(locale, "tutor.render.glossaryCite", { term }), where),
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
  let s = msg(locale, "tutor.render.questionsLeft", { left: v.left, max: v.max });
  if (v.left < v.max) {
    const mins = Math.max(1, Math.ceil(v.nextInSeconds / 60));
    s += msg(locale, "tutor.render.nextIn", { mins });
  }
  if (v.dailyCapReached) s += msg(locale, "tutor.render.dailyCap");
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
  const locale = opts.locale;
  const head = opts.mode in LABEL ? msg(locale, LABEL[opts.mode as keyof typeof LABEL]) : undefined;
  const text = [head, opts.body, opts.note].filter(Boolean).join("\n");
  const cites = opts.used?.length ? citationLines(opts.index, opts.used, opts.locale) : [];
  const related =
    !cites.length && opts.related?.length
      ? relatedLines(opts.index, opts.related, opts.locale)
      : [];
  const fields = cites.length
    ? [{ name: msg(locale, "tutor.render.sources"), value: cites.join("\n") }]
    : related.length
      ? [
          {
            name: msg(locale, "tutor.render.related"),
            value: related.join("\n"),
          },
        ]
      : undefined;
  return {
    title: msg(locale, "tutor.service.tutor"),
    text,
    fields,
    footer: budgetFooter(opts.budget, opts.locale),
    tone: opts.mode === "llm" || opts.mode === "offline" ? "info" : "warning",
  };
}
