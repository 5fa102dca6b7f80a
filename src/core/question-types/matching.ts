// Matching: give each left-hand item (numbered, in file order) its right-hand partner
// (lettered, shuffled per session). Scored by the share of pairs right.
import { z } from "zod";
import { bilingual, common, itemSchema, slug } from "../content/schema";
import { malformed, resolveAny } from "../grading/answer-tokens";
import { LETTERS, shuffle } from "../grading/seeded-shuffle";
import type { Bilingual } from "../i18n";
import { CUE, named, textMentioned, usesPrompt } from "../tutor/guess-cues";
import { bothForms } from "../tutor/leak-text";
import { defineQuestionType } from "./module";
import { bilingual as uiText, msg } from "../messages/catalogue";

export const matchingSchema = z
  .object({
    ...common,
    type: z.literal("matching"),
    left: z.array(itemSchema).min(2).max(8),
    right: z.array(itemSchema).min(2).max(10),
    /** left id → right id */
    answer: z.record(slug, slug),
    wrongRationale: bilingual,
  })
  .strict();
export type MatchingQuestion = z.infer<typeof matchingSchema>;
export type MatchingGiven = { type: "matching"; pairs: Record<string, string> };

const right = (q: MatchingQuestion, seed: string) => shuffle(q.right, `${seed}:${q.id}:right`);

function correctAnswer(q: MatchingQuestion, seed: string): Bilingual {
  const shown = right(q, seed);
  const text = (l: "zh" | "en") =>
    q.left
      .map((left, i) => {
        const r = shown.findIndex((x) => x.id === q.answer[left.id]);
        return `${i + 1}. ${left.text[l]} → ${LETTERS[r]}. ${shown[r]?.text[l] ?? "?"}`;
      })
      .join("\n");
  return { zh: text("zh"), en: text("en") };
}

/** Each side also by its name without a bracketed gloss: "百万 (10⁶)" is stated as "百万". */
const namedForms = (b: Bilingual) =>
  [
    ...new Set([
      ...bothForms(b),
      ...bothForms(b).map((t) => t.replace(/\s*[（(][^)）]*[)）]\s*/g, " ").trim()),
    ]),
  ].filter(Boolean);

export const matching = defineQuestionType<MatchingQuestion, MatchingGiven>({
  type: "matching",
  schema: matchingSchema,
  label: uiText("question-types.matching.match"),
  slow: true,
  rank: 5,
  expectedSeconds: 60,
  numbered: true,
  options: (q) => q.left,
  right,
  widget: () => ({ kind: "pairs" }),
  howTo: (_q, l) => msg(l, "question-types.matching.giveEachNumberA"),

  parse(q, { ids, text, structured, options, seed }) {
    const shownRight = right(q, seed);
    const pairs: Record<string, string> = {};
    const pairTokens = structured ? ids : text.split(/[\s,，、;；]+/).filter(Boolean);
    for (const tok of pairTokens) {
      // Buttons and menus send "leftId=rightId" (ids may contain dashes); typed text uses
      // display labels such as "1-B", "1=B", "1:B", "1→B" or "1B".
      const m = structured
        ? /^([^=]+)=(.+)$/.exec(tok)
        : /^(.+?)\s*(?:[-=:：→>]+|(?<=\d)(?=[a-j]$))\s*(.+)$/i.exec(tok);
      const l = m && resolveAny(m[1].trim(), options, structured);
      const r = m && resolveAny(m[2].trim(), shownRight, structured);
      if (!l || !r)
        malformed(
          `“${tok.slice(0, 40)}”看不懂，请写成 “1-B 2-A …”。`,
          `Could not read "${tok.slice(0, 40)}"; write pairs like "1-B 2-A …".`,
        );
      if (pairs[l]) malformed("同一项配对了两次。", "An item was matched twice.");
      pairs[l] = r;
    }
    if (Object.keys(pairs).length !== q.left.length)
      malformed(
        `请为全部 ${q.left.length} 项各配一个，例如 “1-B 2-A …”。`,
        `Match all ${q.left.length} items, e.g. "1-B 2-A …".`,
      );
    return { type: "matching", pairs };
  },
  grade(q, g) {
    const total = Object.keys(q.answer).length;
    const ok = Object.entries(q.answer).filter(([l, r]) => g.pairs[l] === r).length;
    return { score: ok / total, feedback: ok < total ? [q.wrongRationale] : [] };
  },
  correctAnswer,
  wrongPicks: (q, g) =>
    Object.entries(g.pairs)
      .filter(([l, r]) => q.answer[l] !== r)
      .map(([l, r]) => `${l}=${r}`),

  texts: (q) => [
    ...q.left.map((c, i): [string, Bilingual] => [`left[${i}].text`, c.text]),
    ...q.right.map((c, i): [string, Bilingual] => [`right[${i}].text`, c.text]),
    ["wrongRationale", q.wrongRationale],
  ],
  lint(q, sink) {
    const left = q.left.map((i) => i.id);
    const rightIds = q.right.map((i) => i.id);
    for (const l of left)
      if (!(l in q.answer)) sink.error("answer", `left item "${l}" has no match`);
    for (const [l, r] of Object.entries(q.answer)) {
      if (!left.includes(l)) sink.error("answer", `"${l}" is not a left item`);
      if (!rightIds.includes(r)) sink.error("answer", `"${r}" is not a right item`);
    }
  },
  answerTexts: (q, seed) => [correctAnswer(q, seed)],
  leakForms(q, seed, forms) {
    const leftText = new Map(q.left.map((it) => [it.id, it.text]));
    const rightText = new Map(q.right.map((it) => [it.id, it.text]));
    const pairs = Object.entries(q.answer).flatMap(([l, r]) => {
      const a = leftText.get(l);
      const b = rightText.get(r);
      return a && b ? [[namedForms(a), namedForms(b)] as [string[], string[]]] : [];
    });
    forms.pairs = pairs;
    const rightOrder = right(q, seed);
    forms.pairLabels = Object.entries(q.answer).map(([l, r]) => [
      String(q.left.findIndex((o) => o.id === l) + 1),
      LETTERS[rightOrder.findIndex((o) => o.id === r)],
    ]);
    forms.labels.push(...forms.pairLabels.map(([n, l]) => `${n}-${l}`));
  },
  guessShape(text, q) {
    const rightTexts = q.right.map((x) => x.text);
    const l = named(
      text,
      q.left.map((x) => x.text),
    );
    const r = named(text, rightTexts) || (textMentioned(text, rightTexts) ? 1 : 0);
    if (l && r) return { guess: true, reason: "pair" };
    // "1-B", "1B", "B→1" with a number and a letter the question shows.
    const n = `[1-${Math.min(q.left.length, 9)}]`;
    const L = `[${[...LETTERS].slice(0, q.right.length).join("")}]`;
    if (
      new RegExp(
        `(?<![\\w.])${n}\\s*(?:[-:=→>]|->|goes with)?\\s*${L}(?![\\w])|(?<![\\w])${L}\\s*[-:=→>]\\s*${n}(?![\\w.])`,
      ).test(text)
    )
      return { guess: true, reason: "pair-labels" };
    if (
      (l || r) &&
      (CUE.test(text) ||
        usesPrompt(text, q) ||
        /\b(match(?:es)?|goes with|go with|pair(?:ed)?|belongs?|corresponds?|known for)\b|配|对应|匹配/i.test(
          text,
        ))
    )
      return { guess: true, reason: "pair" };
    return { guess: false };
  },
});
