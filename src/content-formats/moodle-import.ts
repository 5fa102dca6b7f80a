// Reads a Moodle XML question file (one language) with fast-xml-parser. multichoice, truefalse,
// numerical, matching and ordering become coursebot questions; other types (essay, shortanswer,
// cloze, description …) are listed as skipped. HTML text is reduced to plain text (images and
// attached files are lost). `coursebot:` tags (written by our export) restore ids and the fields
// Moodle has no place for; without them, required fields get defaults (see fillDefaults).
import { XMLParser, XMLValidator } from "fast-xml-parser";
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

type Node = Record<string, unknown>;
const ARRAYS = new Set(["question", "answer", "hint", "tag", "subquestion", "unit", "file"]);

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
};

/** Moodle's HTML as plain text: paragraphs and line breaks kept, tags dropped, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (all, e: string) => {
      if (e[0] === "#")
        return String.fromCodePoint(
          e[1].toLowerCase() === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
        );
      return ENTITIES[e.toLowerCase()] ?? all;
    })
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The text of a Moodle text element (`<x format="…"><text>…</text></x>`), as plain text. */
function textOf(node: unknown): string {
  if (node === undefined || node === null) return "";
  if (typeof node !== "object") return String(node).trim();
  const n = node as Node;
  const raw = n.text === undefined ? "" : typeof n.text === "object" ? "" : String(n.text);
  return n["@_format"] === "html" ? htmlToText(raw) : raw.trim();
}

/** `coursebot:key=value` tags as metadata (values that look like JSON are parsed). */
function metaFrom(q: Node): Partial<QuestionMeta> {
  const tags = ((q.tags as Node | undefined)?.tag as Node[] | undefined) ?? [];
  const meta: Record<string, unknown> = {};
  for (const t of tags) {
    const m = /^coursebot:([a-zA-Z]+)=(.*)$/s.exec(textOf(t));
    if (!m) continue;
    try {
      meta[m[1]] = /^[[{\d]/.test(m[2]) ? JSON.parse(m[2]) : m[2];
    } catch {
      meta[m[1]] = m[2];
    }
  }
  return meta as Partial<QuestionMeta>;
}

const num = (v: unknown) => Number(typeof v === "object" ? textOf(v) : v);
const SUPPORTED = new Set(["multichoice", "truefalse", "numerical", "matching", "ordering"]);

export function importMoodle(xml: string, lang: Lang, fileName = "file.xml"): ImportedQuestions {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new FormatError(
      `line ${valid.err.line}, column ${valid.err.col}`,
      `not valid XML: ${valid.err.msg}`,
    );
  const doc = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    isArray: (name) => ARRAYS.has(name),
  }).parse(xml) as Node;
  const quiz = doc.quiz as Node | undefined;
  if (!quiz || typeof quiz !== "object")
    throw new FormatError(fileName, "not a Moodle XML question file (no <quiz> element)");
  const out: ImportedQuestions = { lang, questions: [], lessons: new Map(), warnings: [] };
  const taken = new Set<string>();
  let lesson = "imported";
  let lessonTitle = "";
  ((quiz.question as Node[] | undefined) ?? []).forEach((q, n) => {
    const type = String(q["@_type"] ?? "");
    const name = textOf(q.name);
    const label = `<question> ${n + 1}${name ? ` (${name})` : ""}`;
    if (type === "category") {
      const path = textOf(q.category).split("/").filter(Boolean);
      lessonTitle = path.length > 1 || !path[0]?.startsWith("$") ? (path.pop() ?? "") : "";
      const idnumber = textOf(q.idnumber);
      lesson = /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(idnumber)
        ? idnumber
        : slugify(lessonTitle) || "imported";
      return;
    }
    if (!SUPPORTED.has(type)) {
      out.warnings.push(`${label}: Moodle type "${type}" has no coursebot type; skipped`);
      return;
    }
    const m = metaFrom(q);
    const idnumber = textOf(q.idnumber);
    const id = uniqueId(
      /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(idnumber) ? idnumber : name,
      taken,
      `q${n + 1}`,
    );
    if (!out.lessons.has(lesson)) out.lessons.set(lesson, lessonTitle || lesson);
    const common = commonFields(
      {
        id,
        lesson,
        prompt: textOf(q.questiontext),
        explanation: textOf(q.generalfeedback),
        hints: ((q.hint as Node[] | undefined) ?? []).map(textOf),
        source: `${fileName}, ${name || `question ${n + 1}`}`,
      },
      m,
      lang,
    );
    if (!common.prompt[lang]) throw new FormatError(label, "<questiontext> is empty");
    const built = build(type, q, common, m, lang, label);
    const filled = fillDefaults(built, lang);
    if (filled.length && !Object.keys(m).length)
      out.warnings.push(`${label}: filled in ${filled.join(", ")} (review before publishing)`);
    out.questions.push(built);
  });
  if (!out.questions.length) throw new FormatError(fileName, "no questions coursebot can use");
  return out;
}

type Common = Omit<Question, "type" | "answer"> & Record<string, unknown>;

function build(
  type: string,
  q: Node,
  common: Common,
  m: Partial<QuestionMeta>,
  lang: Lang,
  label: string,
): Question {
  const answers = (q.answer as Node[] | undefined) ?? [];
  const fractionOf = (a: Node) => Number(a["@_fraction"] ?? 0);
  switch (type) {
    case "multichoice": {
      const ids = m.ids ?? letterIds(answers.length);
      if (ids.length !== answers.length)
        throw new FormatError(label, "the coursebot:ids tag lists a different number of answers");
      const choices = answers.map((a, i) => {
        const fb = textOf(a.feedback);
        return {
          id: ids[i],
          text: only(lang, textOf(a)),
          ...(fb ? { rationale: only(lang, fb) } : {}),
        };
      });
      const single = textOf(q.single) !== "false";
      const right = answers.map((a, i) => (fractionOf(a) > 0 ? ids[i] : "")).filter(Boolean);
      if (!right.length) throw new FormatError(label, "no <answer> has a positive fraction");
      if (single) {
        const best = answers.reduce(
          (b, a, i) => (fractionOf(a) > fractionOf(answers[b]) ? i : b),
          0,
        );
        return { ...common, type: "single", choices, answer: ids[best] } as Question;
      }
      return {
        ...common,
        type: "multiple",
        choices,
        answer: right,
        scoring: m.scoring ?? "partial",
      } as Question;
    }
    case "truefalse": {
      const right = answers.find((a) => fractionOf(a) > 0);
      if (!right) throw new FormatError(label, "neither true nor false has a positive fraction");
      const wrong = answers.find((a) => a !== right);
      return {
        ...common,
        type: "true-false",
        answer: textOf(right).toLowerCase() === "true",
        wrongRationale: only(lang, textOf(wrong?.feedback)),
      } as Question;
    }
    case "numerical": {
      const right =
        answers.find((a) => fractionOf(a) >= 100) ?? answers.find((a) => fractionOf(a) > 0);
      if (!right || !Number.isFinite(num(right)))
        throw new FormatError(label, "no numerical <answer> with a positive fraction");
      const catchAll = answers.find((a) => textOf(a) === "*");
      const others = answers.filter(
        (a) => a !== right && a !== catchAll && Number.isFinite(num(a)),
      );
      const units = ((q.units as Node | undefined)?.unit as Node[] | undefined) ?? [];
      const baseUnit = textOf(units.find((u) => num(u.multiplier) === 1)?.unit_name);
      const value = num(right);
      const tol = Number(textOf(right.tolerance) || 0);
      return {
        ...common,
        type: "numeric",
        answer: { value, unit: m.unit ?? baseUnit },
        unitKind: m.unitKind ?? "plain",
        tolerance:
          m.tolerance ?? (value ? Math.min(0.5, Number((tol / Math.abs(value)).toFixed(6))) : 0),
        mistakes: others.map((a, i) => ({
          value: num(a),
          unit: m.mistakeUnits?.[i] ?? m.unit ?? baseUnit,
          rationale: only(lang, textOf(a.feedback)),
        })),
        wrongRationale: only(lang, textOf(catchAll?.feedback) || textOf(q.incorrectfeedback)),
      } as Question;
    }
    case "matching": {
      const subs = (q.subquestion as Node[] | undefined) ?? [];
      // <subquestion><answer> is one element (parsed as a list, like every <answer>).
      const rightOf = (s: Node) => textOf((s.answer as Node[] | undefined)?.[0]);
      const pairs = subs
        .filter((s) => textOf(s))
        .map((s) => ({ left: textOf(s), right: rightOf(s) }));
      // A subquestion with no text holds a right-hand item nothing matches.
      const unmatched = subs.filter((s) => !textOf(s)).map(rightOf);
      return {
        ...common,
        type: "matching",
        ...matchingParts(pairs, unmatched, m, lang, label),
        wrongRationale: only(lang, textOf(q.incorrectfeedback)),
      } as Question;
    }
    default: {
      // ordering: the answers are the items in the right order (numbered by their fraction).
      const inOrder = [...answers].sort((a, b) => fractionOf(a) - fractionOf(b));
      const order = (m.answer as string[] | undefined) ?? letterIds(inOrder.length);
      const ids = m.ids ?? order;
      if (order.length !== inOrder.length)
        throw new FormatError(label, "the coursebot:answer tag lists a different number of items");
      const textById = new Map(order.map((id, i) => [id, textOf(inOrder[i])]));
      return {
        ...common,
        type: "ordering",
        items: ids.map((id) => ({ id, text: only(lang, textById.get(id) ?? "") })),
        answer: order,
        wrongRationale: only(lang, textOf(q.incorrectfeedback)),
      } as Question;
    }
  }
}
