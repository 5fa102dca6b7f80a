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
import { contentTerms, coverage, type Vocabulary } from "./coverage";
import { COMPARE, WHY, pickUnits, questionKind, questionWeights, renderUnits } from "./excerpt";
import type { Retrieved } from "./retriever";
import { terms } from "./segment";
import { parsePassage } from "./sentences";

/** "What is X", "what does X mean", "什么是 X", "X 是什么（意思）": a request for a definition. */
const DEFINITION =
  /^\s*(what('?s| is| are| does)\b|define\b|meaning of\b)|什么是|是什么|什么意思|指什么|的意思|含义/i;

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
  const hit = (t: string) =>
    [t, ...vocab.aliases.expand(t)].some((w) => {
      const ts = terms(w, { bigrams: false }).map(stem);
      return ts.length > 0 && ts.every((x) => have.has(x));
    });
  let got = 0,
    total = 0;
  for (const t of want) {
    const w = vocab.weight(t);
    total += w;
    if (hit(t)) got += w;
  }
  return total ? got / total : 0;
}

/** Whether a glossary entry's term or one of its aliases is exactly the question's subject. */
function namesExactly(p: Retrieved, want: string[]): boolean {
  const names = [
    p.title.en,
    p.title.zh,
    ...(/\(([^)]*)\)[:：]/.exec(p.text.en)?.[1] ?? "").split(","),
  ];
  const subject = [...want].sort().join(" ");
  return names.some(
    (n) =>
      n.trim() &&
      [...new Set(terms(n.replace(/[(（][^)）]*[)）]/g, ""), { bigrams: false }))]
        .sort()
        .join(" ") === subject,
  );
}

/** The retrieved passages in the order an extractive answer should quote them. */
export function rankForQuoting(
  question: string,
  passages: Retrieved[],
  vocab: Vocabulary,
): Retrieved[] {
  if (passages.length < 2) return passages;
  const want = contentTerms(question).filter((t) => !weak(t) || /\d/.test(t));
  const definition = DEFINITION.test(question);
  const compare = COMPARE.test(question);
  const top = passages[0].score || 1;
  const scored = passages.map((p, i) => {
    // The lesson's title is part of a section's heading: "How a large language model is trained".
    const cov = coverage(
      question,
      [
        p.lessonTitle
          ? {
              ...p,
              title: {
                zh: `${p.title.zh} ${p.lessonTitle.zh}`,
                en: `${p.title.en} ${p.lessonTitle.en}`,
              },
            }
          : p,
      ],
      vocab,
    );
    const title = titleMatch(want, ownTitle(p), vocab);
    const heading = p.lessonTitle
      ? titleMatch(want, `${ownTitle(p)} ${p.lessonTitle.zh} ${p.lessonTitle.en}`, vocab)
      : title;
    // "What is attention": the entry for attention itself, not "cross-attention" that contains it.
    const exact = definition && p.kind === "glossary" && namesExactly(p, want);
    // Any other question (why, how, which) wants the notes' explanation more than a definition.
    const why = WHY.test(question);
    const section =
      !definition && p.kind === "section"
        ? why
          ? 0.5
          : 0.25
        : why && p.kind === "glossary"
          ? -0.25
          : 0;
    // A title naming one side of a comparison says less than a passage covering both.
    const named = compare ? 0.5 : 1;
    const score =
      0.5 * (p.score / top) +
      1.5 * cov +
      named * (0.3 * title + 0.8 * heading) +
      (definition && p.kind === "glossary" && title > 0.5 ? 0.4 : 0) +
      (exact ? 0.5 : 0) +
      section -
      (p.kind === "explanation" ? 0.1 : 0);
    return { p, i, score };
  });
  scored.sort((a, b) => b.score - a.score || a.i - b.i);
  // Passages far behind the best one share only a word or two with the question ("unit" in
  // "Tensor Processing Unit" for "the B in 7B"): not worth quoting.
  return scored
    .filter((x, i) => i === 0 || x.score >= scored[0].score * QUOTE_SHARE)
    .map((x) => x.p);
}

/** The text to quote from: a quiz explanation without the question itself (only its explanation). */
function quotable(p: Retrieved, locale: Locale): string {
  const text = p.text[locale];
  return p.kind === "explanation" ? text.slice(text.indexOf("\n") + 1) || text : text;
}

/** The first passage gets this many picks (a list counts as one), the others fewer. */
const FIRST_PICKS = 3;
const OTHER_PICKS = 2;

/** Up to `max` sentences (or list items) of the passage that best match the question, as one text. */
export function bestSentences(
  passageText: string,
  question: string,
  max = 2,
  vocab?: Vocabulary,
): string {
  const parsed = parsePassage(passageText);
  const ex = pickUnits(parsed, questionWeights(question, vocab), questionKind(question), max);
  return renderUnits(ex.units.length ? ex.units : parsed.units.slice(0, 1)).join("\n");
}

/**
 * The extractive answer: from the passages in quoting order, whole sentences and whole lists that
 * answer the question, each passage's excerpt opened by its citation number ("[1] …"). A passage
 * after the first is quoted only if it adds a question word the earlier ones did not.
 */
export function extractiveAnswer(
  question: string,
  passages: Retrieved[],
  locale: Locale,
  max = 3,
  vocab?: Vocabulary,
): { text: string; used: Retrieved[] } {
  const ranked = vocab ? rankForQuoting(question, passages, vocab) : passages;
  const weights = questionWeights(question, vocab);
  const kind = questionKind(question);
  const covered = new Set<string>();
  let best = 0;
  // The weight of the question's own words: a passage matching only a small part of it is no match.
  const total = contentTerms(question).reduce((n, t) => n + (weights.get(stem(t)) ?? 0), 0);
  const used: Retrieved[] = [];
  const blocks: string[] = [];
  for (const p of ranked) {
    if (used.length >= max) break;
    const parsed = parsePassage(quotable(p, locale));
    const ex = pickUnits(parsed, weights, kind, used.length ? OTHER_PICKS : FIRST_PICKS, covered);
    // A later passage must add a question word, match the question as fully as the best so far,
    // or be the notes' explanation after definitions.
    const weight = [...ex.found].reduce((n, t) => n + (weights.get(t) ?? 0), 0);
    const adds =
      [...ex.found].some((t) => !covered.has(t) && t.length > 1) ||
      (weight >= best * 0.9 && weight >= total / 2) ||
      (p.kind === "section" && used.every((u) => u.kind === "glossary") && ex.found.size > 0);
    best = Math.max(best, weight);
    if (used.length && !adds) continue;
    const units = ex.units.length ? ex.units : parsed.units.slice(0, 1);
    if (!units.length) continue;
    for (const t of ex.found) covered.add(t);
    used.push(p);
    const lines = renderUnits(units);
    blocks.push([`[${used.length}] ${lines[0]}`, ...lines.slice(1)].join("\n"));
  }
  return { text: blocks.join("\n"), used };
}
