// The extractive answer used when no model is configured, the model fails, or the budget is
// spent: the sentences of the best passages that share the most terms with the question,
// quoted in the learner's language, each with its citation.
import type { Locale } from "../i18n";
import type { Retrieved } from "./retriever";
import { terms } from "./segment";

const SENTENCE = /[^。！？!?\n]+(?:[。！？!?]+|\.(?=\s|$)|$)/g;

/** Up to `max` sentences of the passage that best match the question, in passage order. */
export function bestSentences(passageText: string, question: string, max = 2): string {
  const want = new Set(terms(question));
  const paragraphs = passageText.split(/\n+/).map((l) => l.replace(/^[-*\d.]+\s+/, "").trim()).filter(Boolean);
  const sentences = paragraphs.flatMap((p) => p.match(SENTENCE) ?? [p]).map((s) => s.trim()).filter((s) => s.length > 3);
  const scored = sentences.map((s, i) => ({ s, i, score: new Set(terms(s).filter((t) => want.has(t))).size }));
  const top = scored.filter((x) => x.score > 0).sort((a, b) => b.score - a.score || a.i - b.i).slice(0, max).sort((a, b) => a.i - b.i);
  const picked = top.length ? top : scored.slice(0, 1);
  return picked.map((x) => x.s).join(" ").replace(/\*\*/g, "").slice(0, 400);
}

export function extractiveAnswer(question: string, passages: Retrieved[], locale: Locale, max = 3): { text: string; used: Retrieved[] } {
  const used = passages.slice(0, max);
  const lines = used.map((p, i) => `> ${bestSentences(p.text[locale], question)} [${i + 1}]`);
  return { text: lines.join("\n"), used };
}
