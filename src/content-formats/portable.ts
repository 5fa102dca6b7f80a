// What every format shares: the language a file is in, the coursebot fields a standard format
// has no place for (carried as metadata so our own exports come back unchanged), the defaults an
// import fills in when a file written elsewhere lacks them, and the error that names a line.
import type { Question } from "../core/content/schema";
import { formatAmount } from "../core/grading/numeric";

export type Lang = "zh" | "en";
export const LANGS: readonly Lang[] = ["zh", "en"];

/** A {zh, en} pair as imports build it: the language not in the file stays "". */
export interface Texts {
  zh: string;
  en: string;
}
export const only = (lang: Lang, text: string): Texts =>
  lang === "zh" ? { zh: text, en: "" } : { zh: "", en: text };

/** Bad input: says where (line or element) and what, so the author can fix the file. */
export class FormatError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "FormatError";
  }
}

/**
 * Language-neutral fields GIFT and Moodle XML cannot express natively. Our exports write them
 * (a GIFT comment, Moodle tags) so a round trip keeps ids and grading rules; a file from
 * elsewhere has none and gets defaults (see defaultsFor).
 */
export interface QuestionMeta {
  id: string;
  type: Question["type"];
  lesson: string;
  section: string;
  topic: string;
  difficulty: 1 | 2 | 3;
  source: string;
  errata?: number[];
  /** Choice ids (single/multiple), item ids (ordering) or left ids (matching), in file order. */
  ids?: string[];
  /** Matching: right ids in file order. */
  rightIds?: string[];
  scoring?: "all-or-nothing" | "partial";
  unitKind?: "params" | "bytes" | "plain";
  unit?: string;
  tolerance?: number;
  mistakeUnits?: string[];
  /** The answer key in ids (ordering order, matching pairs): formats keep it by position. */
  answer?: unknown;
}

export function metaOf(q: Question): QuestionMeta {
  const m: QuestionMeta = {
    id: q.id,
    type: q.type,
    lesson: q.lesson,
    section: q.section,
    topic: q.topic,
    difficulty: q.difficulty,
    source: q.source,
  };
  if (q.errata?.length) m.errata = q.errata;
  if (q.type === "single" || q.type === "multiple") m.ids = q.choices.map((c) => c.id);
  if (q.type === "multiple") m.scoring = q.scoring;
  if (q.type === "ordering") {
    m.ids = q.items.map((i) => i.id);
    m.answer = q.answer;
  }
  if (q.type === "matching") {
    m.ids = q.left.map((i) => i.id);
    m.rightIds = q.right.map((i) => i.id);
    m.answer = q.answer;
  }
  if (q.type === "numeric") {
    m.unitKind = q.unitKind;
    m.unit = q.answer.unit;
    m.tolerance = q.tolerance;
    m.mistakeUnits = q.mistakes.map((x) => x.unit);
  }
  return m;
}

/** A slug from any name: "Iota Question" → "iota-question"; "" when nothing usable is left. */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
}

/** Ids unique within an import: a second "q" becomes "q-2". */
export function uniqueId(wanted: string, taken: Set<string>, fallback: string): string {
  const base = slugify(wanted) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

const say = (lang: Lang, zh: string, en: string) => (lang === "zh" ? zh : en);

/**
 * Fills what the course schema requires and a file from elsewhere may lack (hints, an
 * explanation, a reason for every wrong choice), in the file's language, from the question's own
 * answer key: nothing is invented beyond "the right answer is X". Returns the filled fields' names
 * so the import can list them for the author to review.
 */
export function fillDefaults(q: Question, lang: Lang): string[] {
  const filled: string[] = [];
  const answer = answerText(q, lang);
  const isBlank = (t: Texts | undefined) => !t?.[lang].trim();
  const right = say(lang, `正确答案：${answer}`, `The right answer is ${answer}.`);
  if (isBlank(q.explanation)) {
    q.explanation = only(lang, right);
    filled.push("explanation");
  }
  if (!q.hints.length || q.hints.every(isBlank)) {
    q.hints = [only(lang, hintFor(q, lang))];
    filled.push("hints");
  }
  if (q.type === "single" || q.type === "multiple") {
    const key = q.type === "single" ? [q.answer] : q.answer;
    for (const c of q.choices)
      if (!key.includes(c.id) && isBlank(c.rationale)) {
        c.rationale = only(lang, say(lang, `不对。${right}`, `Not this one. ${right}`));
        filled.push(`choices.${c.id}.rationale`);
      }
  }
  if ("wrongRationale" in q && isBlank(q.wrongRationale)) {
    q.wrongRationale = only(lang, right);
    filled.push("wrongRationale");
  }
  return filled;
}

/** The answer key in words, without option letters (a letter depends on the shuffle). */
export function answerText(q: Question, lang: Lang): string {
  const sep = say(lang, "；", "; ");
  switch (q.type) {
    case "single":
      return q.choices.find((c) => c.id === q.answer)?.text[lang] ?? q.answer;
    case "multiple":
      return q.choices
        .filter((c) => q.answer.includes(c.id))
        .map((c) => c.text[lang])
        .join(sep);
    case "true-false":
      return q.answer ? say(lang, "对", "True") : say(lang, "错", "False");
    case "numeric":
      return formatAmount(q.answer.value, q.answer.unit, q.unitKind);
    case "ordering":
      return q.answer.map((id) => q.items.find((i) => i.id === id)?.text[lang] ?? id).join(" → ");
    case "matching":
      return Object.entries(q.answer)
        .map(([l, r]) => {
          const lt = q.left.find((i) => i.id === l)?.text[lang] ?? l;
          return `${lt} → ${q.right.find((i) => i.id === r)?.text[lang] ?? r}`;
        })
        .join(sep);
  }
}

/** A hint that narrows the answer without giving it: one wrong choice out, the first item, … */
function hintFor(q: Question, lang: Lang): string {
  switch (q.type) {
    case "single": {
      const wrong = q.choices.find((c) => c.id !== q.answer);
      return say(lang, `不是“${wrong?.text.zh}”。`, `It is not "${wrong?.text.en}".`);
    }
    case "multiple":
      return say(
        lang,
        `有 ${q.answer.length} 个正确选项。`,
        `${q.answer.length} of the options are right.`,
      );
    case "true-false":
      return say(lang, "逐字核对这句话的每个部分。", "Check every part of the statement.");
    case "numeric":
      return q.answer.unit
        ? say(lang, `答案的单位是 ${q.answer.unit}。`, `The answer is in ${q.answer.unit}.`)
        : say(lang, "答案是一个数字。", "The answer is a number.");
    case "ordering": {
      const first = q.items.find((i) => i.id === q.answer[0]);
      return say(lang, `第一个是“${first?.text.zh}”。`, `"${first?.text.en}" comes first.`);
    }
    case "matching": {
      const [l, r] = Object.entries(q.answer)[0] ?? [];
      const lt = q.left.find((i) => i.id === l)?.text;
      const rt = q.right.find((i) => i.id === r)?.text;
      return say(lang, `“${lt?.zh}”对应“${rt?.zh}”。`, `"${lt?.en}" goes with "${rt?.en}".`);
    }
  }
}

/** One imported file: its questions (texts in one language) and the lessons they belong to. */
export interface ImportedQuestions {
  lang: Lang;
  questions: Question[];
  /** Lesson id → title (from the file's categories), in first-seen order. */
  lessons: Map<string, string>;
  /** Non-fatal notes: skipped question types, fields filled with defaults. */
  warnings: string[];
}

/** Letter ids a, b, c … for choices a file does not name. */
export const letterIds = (n: number) =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i));

/**
 * The parts of a matching question as GIFT and Moodle give them (pairs of texts, plus right-hand
 * texts nothing matches), with ids from the metadata, else letters on the left and one id per
 * distinct right-hand text (r1, r2 …).
 */
export function matchingParts(
  pairs: { left: string; right: string }[],
  unmatched: string[],
  m: Partial<QuestionMeta>,
  lang: Lang,
  label: string,
) {
  if (pairs.length < 2) throw new FormatError(label, "a matching question needs two pairs");
  const leftIds = m.ids ?? letterIds(pairs.length);
  if (leftIds.length !== pairs.length)
    throw new FormatError(label, "the coursebot metadata lists a different number of pairs");
  const key = m.answer as Record<string, string> | undefined;
  const rightText = new Map<string, string>();
  const answer: Record<string, string> = {};
  pairs.forEach((p, i) => {
    const known = [...rightText].find(([, t]) => t === p.right)?.[0];
    const id = key?.[leftIds[i]] ?? known ?? `r${rightText.size + 1}`;
    rightText.set(id, p.right);
    answer[leftIds[i]] = id;
  });
  const spare = (m.rightIds ?? []).filter((id) => !rightText.has(id));
  unmatched.forEach((t, i) => rightText.set(spare[i] ?? `r${rightText.size + 1}`, t));
  return {
    left: pairs.map((p, i) => ({ id: leftIds[i], text: only(lang, p.left) })),
    right: (m.rightIds ?? [...rightText.keys()]).map((id) => ({
      id,
      text: only(lang, rightText.get(id) ?? ""),
    })),
    answer,
  };
}

/** The fields every question type has, from the file's texts and the metadata (or defaults). */
export function commonFields(
  f: {
    id: string;
    lesson: string;
    prompt: string;
    explanation: string;
    hints: string[];
    source: string;
  },
  m: Partial<QuestionMeta>,
  lang: Lang,
) {
  return {
    id: f.id,
    lesson: f.lesson,
    section: m.section ?? "main",
    topic: m.topic ?? f.lesson,
    difficulty: m.difficulty ?? 2,
    prompt: only(lang, f.prompt),
    explanation: only(lang, f.explanation),
    hints: f.hints.filter(Boolean).map((h) => only(lang, h)),
    source: m.source ?? f.source,
    ...(m.errata ? { errata: m.errata } : {}),
  };
}
