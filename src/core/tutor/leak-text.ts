// The shape of what would give an open question's answer away (LeakForms) and the text helpers
// that build it. Each question type's module fills in its own part (question-types/*.ts); the
// checks that read these forms (leak-check.ts, leak-paraphrase.ts, exam-redact.ts) are generic.
import type { UnitKind } from "../grading/numeric";
import type { Bilingual } from "../i18n";
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

/** A bilingual text in the compared form, zh then en. */
export const bothForms = (b: Bilingual) => [normalize(b.zh), normalize(b.en)];
