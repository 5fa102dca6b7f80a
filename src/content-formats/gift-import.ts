// Reads a GIFT file (one language) into questions, with gift-pegjs (a PEG grammar of Moodle's
// GIFT format). Single, multiple, true-false, numeric and matching questions are read; essay,
// short-answer and description items have no coursebot type and are listed as skipped. A
// `// coursebot: {json}` comment (written by our export) restores what GIFT cannot say; without
// it, ids come from titles, lessons from `$CATEGORY`, and required fields get defaults.
import { type GIFTQuestion, parse, type TextChoice } from "gift-pegjs";
import type { Question } from "../core/content/schema";
import {
  commonFields,
  FormatError,
  fillDefaults,
  type ImportedQuestions,
  type Lang,
  letterIds,
  matchingParts,
  only,
  type QuestionMeta,
  slugify,
  uniqueId,
} from "./portable";
import { htmlToText } from "./moodle-import";

type GiftMeta = Partial<QuestionMeta> & {
  hints?: string[];
  wrongRationale?: string;
  unmatched?: string[];
};

const META_RE = /^\s*\/\/\s*coursebot:\s*(\{.*\})\s*$/;

/** Meta comments by question id, and each question title's line (for error messages). */
function scan(text: string): { meta: Map<string, GiftMeta>; lineOf: Map<string, number> } {
  const meta = new Map<string, GiftMeta>();
  const lineOf = new Map<string, number>();
  text.split(/\r?\n/).forEach((line, i) => {
    const m = META_RE.exec(line);
    if (m) {
      try {
        const data = JSON.parse(m[1]) as GiftMeta;
        if (typeof data.id === "string") meta.set(data.id, data);
      } catch {
        throw new FormatError(`line ${i + 1}`, "the coursebot comment is not valid JSON");
      }
    }
    const t = /^\s*::((?:\\.|[^:\\])+)::/.exec(line);
    if (t && !lineOf.has(t[1])) lineOf.set(t[1].replace(/\\(.)/g, "$1"), i + 1);
  });
  return { meta, lineOf };
}

/**
 * gift-pegjs leaves escaped characters in a matching pair's right side as `&&058;` (its own
 * placeholder for `\:`); turn them back into the characters.
 */
const unplaceholder = (s: string) =>
  s.replace(/&&(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
/** A GIFT text as plain text: `[html]` texts lose their tags, as in Moodle XML imports. */
const txt = (t: { text: string; format?: string } | null | undefined) => {
  const text = unplaceholder(t?.text.trim() ?? "");
  return t?.format === "html" ? htmlToText(text) : text;
};

export function importGift(text: string, lang: Lang, fileName = "file.gift"): ImportedQuestions {
  let parsed: GIFTQuestion[];
  try {
    parsed = parse(text);
  } catch (e) {
    const loc = (e as { location?: { start: { line: number; column: number } } }).location;
    const where = loc ? `line ${loc.start.line}, column ${loc.start.column}` : fileName;
    throw new FormatError(where, `not valid GIFT: ${(e as Error).message}`);
  }
  const { meta, lineOf } = scan(text);
  const out: ImportedQuestions = { lang, questions: [], lessons: new Map(), warnings: [] };
  const taken = new Set<string>();
  let lessonTitle = "";
  let lesson = "imported";
  parsed.forEach((g, n) => {
    if (g.type === "Category") {
      lessonTitle = g.title.split("/").filter(Boolean).pop()?.trim() ?? "";
      lesson = slugify(lessonTitle) || `lesson-${out.lessons.size + 1}`;
      return;
    }
    const title = g.title ?? "";
    const where = lineOf.has(title) ? `line ${lineOf.get(title)}` : `question ${n + 1}`;
    const label = `${where}${title ? ` (${title})` : ""}`;
    if (g.type === "Description" || g.type === "Essay" || g.type === "Short") {
      out.warnings.push(`${label}: ${g.type} questions have no coursebot type; skipped`);
      return;
    }
    const m: GiftMeta = meta.get(title) ?? {};
    const id = m.id ?? uniqueId(title || g.stem.text.slice(0, 40), taken, `q${n + 1}`);
    taken.add(id);
    const lessonId = m.lesson ?? lesson;
    if (!out.lessons.has(lessonId)) out.lessons.set(lessonId, lessonTitle || lessonId);
    const common = commonFields(
      {
        id,
        lesson: lessonId,
        prompt: txt(g.stem),
        explanation: txt(g.globalFeedback),
        hints: m.hints ?? [],
        source: `${fileName}, ${where}`,
      },
      m,
      lang,
    );
    if (!common.prompt[lang]) throw new FormatError(label, "the question has no text");
    const q = build(g, common, m, lang, label);
    const filled = fillDefaults(q, lang);
    if (filled.length && !meta.has(title))
      out.warnings.push(`${label}: filled in ${filled.join(", ")} (review before publishing)`);
    out.questions.push(q);
  });
  if (!out.questions.length) throw new FormatError(fileName, "no questions coursebot can use");
  return out;
}

type Common = Omit<Question, "type" | "answer"> & Record<string, unknown>;

function build(g: GIFTQuestion, common: Common, m: GiftMeta, lang: Lang, label: string): Question {
  switch (g.type) {
    case "MC":
      return choiceQuestion(g.choices, common, m, lang, label);
    case "TF": {
      // GIFT's first feedback is shown for a wrong answer (gift-pegjs calls it trueFeedback).
      return {
        ...common,
        type: "true-false",
        answer: g.isTrue,
        wrongRationale: only(lang, m.wrongRationale ?? txt(g.trueFeedback)),
      } as Question;
    }
    case "Numerical": {
      const choices = Array.isArray(g.choices)
        ? g.choices
        : [{ isCorrect: true, weight: null, text: g.choices, feedback: null }];
      const right = choices.find((c) => c.isCorrect && c.weight !== 0);
      if (!right) throw new FormatError(label, "a numeric question needs a right answer");
      const range = (c: (typeof choices)[number]) => {
        const f = c.text;
        if (f.type === "high-low") {
          const lo = f.numberLow ?? 0;
          const hi = f.numberHigh ?? 0;
          return { value: (lo + hi) / 2, tol: (hi - lo) / 2 };
        }
        return { value: f.number ?? 0, tol: f.range ?? 0 };
      };
      const r = range(right);
      const mistakes = choices
        .filter((c) => c !== right)
        .map((c, i) => ({
          value: range(c).value,
          unit: m.mistakeUnits?.[i] ?? m.unit ?? "",
          rationale: only(lang, txt(c.feedback)),
        }));
      const relative = r.value ? Math.min(0.5, Number((r.tol / Math.abs(r.value)).toFixed(6))) : 0;
      return {
        ...common,
        type: "numeric",
        answer: { value: r.value, unit: m.unit ?? "" },
        unitKind: m.unitKind ?? "plain",
        tolerance: m.tolerance ?? relative,
        mistakes,
        wrongRationale: only(lang, m.wrongRationale ?? ""),
      } as Question;
    }
    case "Matching": {
      const pairs = g.matchPairs
        .filter((p) => txt(p.subquestion))
        .map((p) => ({ left: txt(p.subquestion), right: unplaceholder(p.subanswer.trim()) }));
      // Right items nothing matches: the metadata's list, or GIFT's `= -> text` (empty left).
      const unmatched =
        m.unmatched ?? g.matchPairs.filter((p) => !txt(p.subquestion)).map((p) => p.subanswer);
      return {
        ...common,
        type: "matching",
        ...matchingParts(
          pairs,
          unmatched.map((t) => unplaceholder(t.trim())),
          m,
          lang,
          label,
        ),
        wrongRationale: only(lang, m.wrongRationale ?? ""),
      } as Question;
    }
    default:
      throw new FormatError(label, `unsupported GIFT question type ${g.type}`);
  }
}

function choiceQuestion(
  choices: TextChoice[],
  common: Common,
  m: GiftMeta,
  lang: Lang,
  label: string,
): Question {
  const ids = m.ids ?? letterIds(choices.length);
  if (ids.length !== choices.length)
    throw new FormatError(label, "the coursebot comment lists a different number of choices");
  const list = choices.map((c, i) => {
    const feedback = txt(c.feedback);
    return {
      id: ids[i],
      text: only(lang, txt(c.text)),
      ...(feedback ? { rationale: only(lang, feedback) } : {}),
    };
  });
  // `=` marks the one right answer; `~%50%` weights mark several (partial credit).
  const weighted = choices.some((c) => c.weight !== null && c.weight > 0);
  const right = choices
    .map((c, i) => (c.isCorrect || (c.weight ?? 0) > 0 ? ids[i] : ""))
    .filter(Boolean);
  if (!right.length) throw new FormatError(label, "no answer is marked right (= or a positive %)");
  if (!weighted && right.length === 1 && m.type !== "multiple")
    return { ...common, type: "single", choices: list, answer: right[0] } as Question;
  return {
    ...common,
    type: "multiple",
    choices: list,
    answer: right,
    scoring: m.scoring ?? "partial",
  } as Question;
}
