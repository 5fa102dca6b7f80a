// Exam mode's passages: while a question is open, the tutor (model or offline) works only from
// notes with the answer-bearing sentences taken out. A sentence bears the answer when the output
// check (leak-check.ts) would block it coming from the tutor: the correct choice's text or a
// paraphrase of it, the answer in any numeric form (the grader's conversion), the true/false
// statement restated with a verdict, two ordered items, a correct pair, the explanation. What is
// left still explains the concepts; the model never receives the answer key or these sentences,
// so it cannot compute, quote or confirm what it does not have.
import type { Bilingual } from "../i18n";
import { checkLeak } from "./leak-check";
import type { LeakForms } from "./leak-text";
import type { Retrieved } from "./retriever";

/** Sentences and list items, each with its ending, so the kept ones join back as they were. */
function pieces(text: string): string[] {
  return (
    text.match(/[^\n。！？!?]*?(?:[.!?](?=\s|$)|[。！？!?]|\n|$)/g)?.filter((s) => s.length) ?? [
      text,
    ]
  );
}

/** The text without its answer-bearing sentences (and how many were removed). */
export function redactText(
  text: string,
  forms: readonly LeakForms[],
): { text: string; removed: number } {
  let removed = 0;
  const kept = pieces(text).filter((s) => {
    if (!s.trim() || !checkLeak(s, forms).leaked) return true;
    removed++;
    return false;
  });
  return {
    text: kept
      .join("")
      .replace(/\n{3,}/g, "\n\n")
      .trim(),
    removed,
  };
}

/** The passages as exam mode hands them on: answer-bearing sentences removed, empty passages dropped. */
export function redactPassages<P extends Retrieved>(
  passages: readonly P[],
  forms: readonly LeakForms[],
): P[] {
  if (!forms.length) return [...passages];
  const out: P[] = [];
  for (const p of passages) {
    const zh = redactText(p.text.zh, forms);
    const en = redactText(p.text.en, forms);
    if (!zh.text && !en.text) continue;
    const text: Bilingual = { zh: zh.text || en.text, en: en.text || zh.text };
    out.push({ ...p, text });
  }
  return out;
}
