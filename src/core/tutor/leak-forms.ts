// What would give away the answer to an open question: the correct choice texts, the letter or
// number it is displayed under in this session, every equivalent form of a numeric answer
// (175B = 1750亿 = 0.175T), the true/false value, the correct order or pairs, and long stretches
// of the explanation. Used to check model output before it is shown. Also what the paraphrase
// checks in leak-paraphrase.ts need: the distinctive terms of the correct choices, how many
// options there are and which are wrong (for eliminations), and a true/false statement's terms.
import type { Question } from "../content/schema";
import { answerInBaseUnits, equivalentForms, type UnitKind } from "../grading/numeric";
import { LETTERS, displayOptions, displayRight } from "../grading/present";
import { foldLower } from "./fold-text";
import { terms } from "./segment";

export interface LeakForms {
  /** Texts that must not appear (normalized, compared case-insensitively). */
  texts: string[];
  /** Numbers (with or without units) that must not appear as whole numbers. */
  numbers: string[];
  /** Display labels (letters/numbers) that must not be named as the answer. */
  labels: string[];
  /** For true/false: the correct value's words. */
  truth?: { words: string[] };
  /** Ordering: item texts in the right order; matching: [left, right] text pairs. */
  sequence?: string[][];
  pairs?: [string[], string[]][];
  explanation: string[];
  /** Single/multiple: option count, the correct and wrong display positions (0-based). */
  options?: { count: number; right: number[]; wrong: number[] };
  /** Distinctive terms of each correct choice (one list per language), for fuzzy overlap. */
  choiceTerms: string[][];
  /** True/false: the statement's terms (one list per language) and its raw text, both languages. */
  statement?: { terms: string[][]; text: string[] };
  /** Numeric: the answer in base units and the dimension to read numbers in (number-spans.ts). */
  numeric?: { kind: UnitKind; unit: string; base: number; tolerance: number };
  /** Ordering: the display numbers in the right order ("3", "1", "4", "2"). */
  order?: string[];
  /** Matching: each correct pair as [display number, display letter]. */
  pairLabels?: [string, string][];
}

/** The form every check compares in: folded (fold-text.ts), lower case, digit groups joined. */
export const normalize = foldLower;

/** A true/false prompt without its "True or false:" / "判断：" lead-in. */
export function statementOf(prompt: string): string {
  return prompt.replace(/^\s*(true or false|判断(正误|对错)?)\s*[:：?？]\s*/i, "").trim();
}

/** The unique search terms of a text (words, and CJK bigrams so segmentation differences do not matter). */
export function distinctTerms(text: string): string[] {
  return [...new Set(terms(text))];
}

const both = (b: { zh: string; en: string }) => [normalize(b.zh), normalize(b.en)];

export function leakForms(q: Question, sessionId: string): LeakForms {
  const forms: LeakForms = {
    texts: [],
    numbers: [],
    labels: [],
    explanation: both(q.explanation),
    choiceTerms: [],
  };
  const opts = displayOptions(q, sessionId);
  switch (q.type) {
    case "single":
    case "multiple": {
      const right = new Set(Array.isArray(q.answer) ? q.answer : [q.answer]);
      opts.forEach((o, i) => {
        if (!right.has(o.id)) return;
        forms.texts.push(...both(o.text));
        forms.labels.push(LETTERS[i], String(i + 1));
      });
      const right2 = opts.flatMap((o, i) => (right.has(o.id) ? [i] : []));
      forms.options = {
        count: opts.length,
        right: right2,
        wrong: opts.flatMap((o, i) => (right.has(o.id) ? [] : [i])),
      };
      // Distinctive: the words of a correct choice that no wrong choice uses too.
      for (const lang of ["en", "zh"] as const) {
        const others = new Set(
          opts.filter((o) => !right.has(o.id)).flatMap((o) => distinctTerms(o.text[lang])),
        );
        for (const i of right2)
          forms.choiceTerms.push(distinctTerms(opts[i].text[lang]).filter((t) => !others.has(t)));
      }
      break;
    }
    case "true-false":
      forms.truth = {
        words: q.answer
          ? ["true", "correct", "right", "对", "正确", "是对的", "成立"]
          : ["false", "incorrect", "wrong", "错", "错误", "不对", "不成立"],
      };
      forms.labels.push(q.answer ? "1" : "2");
      forms.statement = {
        text: [statementOf(q.prompt.en), statementOf(q.prompt.zh)],
        terms: [distinctTerms(statementOf(q.prompt.en)), distinctTerms(statementOf(q.prompt.zh))],
      };
      break;
    case "numeric": {
      const base = answerInBaseUnits(q);
      forms.numbers.push(...equivalentForms(base, q.unitKind, q.answer.unit).map(normalize));
      forms.numbers.push(normalize(String(q.answer.value)));
      forms.numeric = {
        kind: q.unitKind,
        unit: q.answer.unit,
        base,
        tolerance: Math.max(q.tolerance, 0.02),
      };
      break;
    }
    case "ordering": {
      const text = new Map(q.items.map((it) => [it.id, it.text]));
      forms.sequence = [
        q.answer.map((id) => normalize(text.get(id)!.en)),
        q.answer.map((id) => normalize(text.get(id)!.zh)),
      ];
      // The display numbers in the right order, e.g. "3 1 4 2".
      const pos = new Map(opts.map((o, i) => [o.id, i + 1]));
      forms.labels.push(q.answer.map((id) => pos.get(id)).join(" "));
      forms.order = q.answer.map((id) => String(pos.get(id)));
      break;
    }
    case "matching": {
      const left = new Map(q.left.map((it) => [it.id, it.text]));
      const right = new Map(q.right.map((it) => [it.id, it.text]));
      // Each side also by its name without a bracketed gloss: "百万 (10⁶)" is stated as "百万".
      const named = (b: { zh: string; en: string }) =>
        [
          ...new Set([
            ...both(b),
            ...both(b).map((t) => t.replace(/\s*[（(][^)）]*[)）]\s*/g, " ").trim()),
          ]),
        ].filter(Boolean);
      forms.pairs = Object.entries(q.answer).map(([l, r]) => [
        named(left.get(l)!),
        named(right.get(r)!),
      ]);
      const rightOrder = displayRight(q, sessionId);
      forms.pairLabels = Object.entries(q.answer).map(([l, r]) => [
        String(opts.findIndex((o) => o.id === l) + 1),
        LETTERS[rightOrder.findIndex((o) => o.id === r)],
      ]);
      forms.labels.push(...forms.pairLabels.map(([n, l]) => `${n}-${l}`));
      break;
    }
  }
  return forms;
}
