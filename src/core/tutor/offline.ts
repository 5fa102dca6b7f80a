// The extractive answer used when no model is configured, the model fails, or the budget is
// spent: the retrieved passages re-ranked for quoting, then the sentences of the best ones that
// share the most (and most specific) words with the question, quoted in the learner's language,
// each with its citation.
//
// Re-ranking (BM25 alone favours long passages that repeat a common word): a passage counts
// more when it contains the question's specific words (weighted coverage), when its title or
// glossary term names them ("How is an LLM trained?" → "Three training stages"), and, for
// "what is X / what does X mean" questions, when it is the glossary definition of X.
import type { Locale } from "../i18n";
import { stem } from "./aliases";
import { contentTerms, coverage, passageTerms, type Vocabulary } from "./coverage";
import type { Retrieved } from "./retriever";
import { terms } from "./segment";

/** A sentence: up to Chinese or ?/! punctuation, or a full stop before a capital ("e.g. int8" stays whole). */
const SENTENCE = /[^。！？!?\n]+?(?:[。！？!?]+|(?<!\b(?:e\.g|i\.e|etc|vs|cf|approx))\.(?=\s+[A-Z0-9"“(*`]|\s*$)|$)/g;

/** "What is X", "what does X mean", "什么是 X", "X 是什么（意思）": a request for a definition. */
const DEFINITION = /^\s*(what('?s| is| are| does)\b|define\b|meaning of\b)|什么是|是什么|什么意思|指什么|的意思|含义/i;

/** A passage is quoted only if its ranking score reaches this share of the best one's. */
const QUOTE_SHARE = 0.6;

/** A term that says little on its own: one Latin letter or digit, or one Chinese character. */
const weak = (t: string) => t.length === 1;

/** The terms a heading is made of, stemmed. */
const headingTerms = (text: string) => new Set(terms(text).map(stem));

/** The passage's own title (for a glossary entry: its term and aliases). */
function ownTitle(p: Retrieved): string {
  const aliases = p.kind === "glossary" ? (/\(([^)]*)\)[:：]/.exec(p.text.en)?.[1] ?? "") : "";
  return `${p.title.zh} ${p.title.en} ${aliases}`;
}

/** Weighted share of the question's content words (or their equivalents) found in a heading. */
function titleMatch(want: string[], heading: string, vocab: Vocabulary): number {
  if (!want.length || !heading.trim()) return 0;
  const have = headingTerms(heading);
  const hit = (t: string) => [t, ...vocab.aliases.expand(t)].some((w) => { const ts = terms(w, { bigrams: false }).map(stem); return ts.length > 0 && ts.every((x) => have.has(x)); });
  let got = 0, total = 0;
  for (const t of want) { const w = vocab.weight(t); total += w; if (hit(t)) got += w; }
  return total ? got / total : 0;
}

/** The retrieved passages in the order an extractive answer should quote them. */
export function rankForQuoting(question: string, passages: Retrieved[], vocab: Vocabulary): Retrieved[] {
  if (passages.length < 2) return passages;
  const want = contentTerms(question).filter((t) => !weak(t) || /\d/.test(t));
  const definition = DEFINITION.test(question);
  const top = passages[0].score || 1;
  const scored = passages.map((p, i) => {
    // The lesson's title is part of a section's heading: "How a large language model is trained".
    const cov = coverage(question, [p.lessonTitle ? { ...p, title: { zh: `${p.title.zh} ${p.lessonTitle.zh}`, en: `${p.title.en} ${p.lessonTitle.en}` } } : p], vocab);
    const title = titleMatch(want, ownTitle(p), vocab);
    const heading = p.lessonTitle ? titleMatch(want, `${ownTitle(p)} ${p.lessonTitle.zh} ${p.lessonTitle.en}`, vocab) : title;
    const score = 0.5 * (p.score / top) + 1.5 * cov + 0.3 * title + 0.8 * heading + (definition && p.kind === "glossary" && title > 0.5 ? 0.4 : 0) - (p.kind === "explanation" ? 0.1 : 0);
    return { p, i, score };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  // Passages far behind the best one share only a word or two with the question ("unit" in
  // "Tensor Processing Unit" for "the B in 7B"): not worth quoting.
  return scored.filter((x, i) => i === 0 || x.score >= scored[0].score * QUOTE_SHARE).map((x) => x.p);
}

/** Up to `max` sentences of the passage that best match the question, in passage order. */
export function bestSentences(passageText: string, question: string, max = 2, vocab?: Vocabulary): string {
  const want = contentTerms(question);
  const expanded = new Map<string, number>();
  for (const t of want) {
    const w = vocab ? vocab.weight(t) : 1;
    for (const e of [t, ...(vocab?.aliases.expand(t) ?? [])]) for (const x of terms(e, { bigrams: false })) expanded.set(stem(x), Math.max(expanded.get(stem(x)) ?? 0, weak(x) ? w / 4 : w));
  }
  const paragraphs = passageText.split(/\n+/).map((l) => l.replace(/^[-*\d.]+\s+/, "").trim()).filter(Boolean);
  const sentences = paragraphs.flatMap((p) => p.match(SENTENCE) ?? [p]).map((s) => s.trim()).filter((s) => s.length > 3);
  const scored = sentences.map((s, i) => {
    const found = [...new Set(terms(s).map(stem))].filter((t) => expanded.has(t));
    // A sentence that shares only a letter or a single character ("B", "的") is not about the question.
    const strong = found.some((t) => !weak(t));
    return { s, i, found: strong ? found : [] };
  });
  // Greedy: each next sentence is the one adding the most weight of question words not quoted
  // yet, so "GPT和BERT有什么区别" quotes a GPT sentence and a BERT one, not two about BERT.
  const lengthPenalty = (s: string) => Math.sqrt(Math.max(20, s.length) / 20);
  const covered = new Set<string>();
  const top: typeof scored = [];
  while (top.length < max) {
    const gain = (x: (typeof scored)[number]) => x.found.reduce((n, t) => n + (covered.has(t) ? expanded.get(t)! / 4 : expanded.get(t)!), 0) / lengthPenalty(x.s);
    const next = scored.filter((x) => !top.includes(x) && x.found.length).sort((a, b) => gain(b) - gain(a) || a.i - b.i)[0];
    if (!next || gain(next) <= 0) break;
    top.push(next);
    for (const t of next.found) covered.add(t);
  }
  top.sort((a, b) => a.i - b.i);
  const picked = top.length ? top : scored.slice(0, 1);
  return picked.map((x) => x.s).join(" ").replace(/\*\*/g, "").slice(0, 400);
}

/** The text to quote from: a quiz explanation without the question itself (only its explanation). */
function quotable(p: Retrieved, locale: Locale): string {
  const text = p.text[locale];
  return p.kind === "explanation" ? text.slice(text.indexOf("\n") + 1) || text : text;
}

export function extractiveAnswer(question: string, passages: Retrieved[], locale: Locale, max = 3, vocab?: Vocabulary): { text: string; used: Retrieved[] } {
  const used = (vocab ? rankForQuoting(question, passages, vocab) : passages).slice(0, max);
  const lines = used.map((p, i) => `> ${bestSentences(quotable(p, locale), question, 2, vocab)} [${i + 1}]`);
  return { text: lines.join("\n"), used };
}
