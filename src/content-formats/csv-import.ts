// Reads the CSV of csv-export.ts (or a spreadsheet with the same column names) into questions,
// one result per language found (`prompt_zh`, `prompt_en` …; `--lang` picks one). Columns that
// are missing get defaults: option ids a, b, c …, section "main", topic = lesson, difficulty 2.
import { parse } from "csv-parse/sync";
import type { Question } from "../core/content/schema";
import {
  FormatError,
  fillDefaults,
  type ImportedQuestions,
  type Lang,
  LANGS,
  only,
  uniqueId,
} from "./portable";

type Row = Record<string, string>;
const TYPES = new Set(["single", "multiple", "true-false", "numeric", "ordering", "matching"]);

function rows(text: string): Row[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Row[];
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw new FormatError(line ? `line ${line}` : "CSV", (e as Error).message);
  }
}

/** Numbered columns `${prefix}1…`, while the first of them is present. */
function numbered(r: Row, prefix: string, suffix: string): number[] {
  const out: number[] = [];
  for (let i = 1; r[`${prefix}${i}${suffix}`]?.trim(); i++) out.push(i);
  return out;
}

function question(r: Row, lang: Lang, where: string, taken: Set<string>, n: number): Question {
  const t = (name: string) => only(lang, r[`${name}_${lang}`] ?? "");
  const type = r.type?.trim();
  if (!TYPES.has(type))
    throw new FormatError(
      `${where}, column type`,
      `must be one of ${[...TYPES].join(", ")} (got "${type ?? ""}")`,
    );
  const id = uniqueId(r.id || r[`prompt_${lang}`]?.slice(0, 40) || "", taken, `q${n}`);
  const lesson = r.lesson?.trim() || "imported";
  const diff = Number(r.difficulty || 2);
  if (![1, 2, 3].includes(diff))
    throw new FormatError(
      `${where}, column difficulty`,
      `must be 1, 2 or 3 (got "${r.difficulty}")`,
    );
  const options = numbered(r, "option", `_${lang}`).map((i) => ({
    id: r[`option${i}_id`] || String.fromCharCode(96 + i),
    text: t(`option${i}`),
    ...(r[`option${i}_rationale_${lang}`] ? { rationale: t(`option${i}_rationale`) } : {}),
  }));
  const answer = (r.answer ?? "").trim();
  if (!answer) throw new FormatError(`${where}, column answer`, "is empty");
  const ids = answer.split(/\s+/);
  const common = {
    id,
    lesson,
    section: r.section || "main",
    topic: r.topic || lesson,
    difficulty: diff,
    prompt: t("prompt"),
    explanation: t("explanation"),
    hints: numbered(r, "hint", `_${lang}`).map((i) => t(`hint${i}`)),
    source: r.source || `imported spreadsheet, ${where}`,
    ...(r.errata ? { errata: r.errata.split(/\s+/).map(Number) } : {}),
  };
  if (!common.prompt[lang]) throw new FormatError(`${where}, column prompt_${lang}`, "is empty");
  const wrongRationale = t("wrong_rationale");
  switch (type) {
    case "single":
      return { ...common, type, choices: options, answer } as Question;
    case "multiple":
      return {
        ...common,
        type,
        choices: options,
        answer: ids,
        scoring: r.scoring === "all-or-nothing" ? "all-or-nothing" : "partial",
      } as Question;
    case "true-false":
      if (!/^(true|false)$/i.test(answer))
        throw new FormatError(`${where}, column answer`, `must be true or false (got "${answer}")`);
      return { ...common, type, answer: /^true$/i.test(answer), wrongRationale } as Question;
    case "numeric": {
      const value = Number(answer);
      if (!Number.isFinite(value))
        throw new FormatError(`${where}, column answer`, `must be a number (got "${answer}")`);
      return {
        ...common,
        type,
        answer: { value, unit: r.unit ?? "" },
        unitKind: r.unit_kind || "plain",
        tolerance: r.tolerance ? Number(r.tolerance) : 0.01,
        mistakes: numbered(r, "mistake", "_value").map((i) => ({
          value: Number(r[`mistake${i}_value`]),
          unit: r[`mistake${i}_unit`] ?? "",
          rationale: t(`mistake${i}_rationale`),
        })),
        wrongRationale,
      } as Question;
    }
    case "ordering":
      return { ...common, type, items: options, answer: ids, wrongRationale } as Question;
    default: {
      const right = numbered(r, "right", `_${lang}`).map((i) => ({
        id: r[`right${i}_id`] || `r${i}`,
        text: t(`right${i}`),
      }));
      const pairs = ids.map((p) => p.split("="));
      if (pairs.some((p) => p.length !== 2))
        throw new FormatError(`${where}, column answer`, "write matching pairs as left=right");
      return {
        ...common,
        type: "matching",
        left: options,
        right,
        answer: Object.fromEntries(pairs),
        wrongRationale,
      } as Question;
    }
  }
}

/** One import per language the CSV holds (or just `lang`), in the same question order. */
export function importCsv(
  text: string,
  lang: Lang | undefined,
  fileName = "file.csv",
): ImportedQuestions[] {
  const all = rows(text);
  if (!all.length) throw new FormatError(fileName, "no rows under the header");
  const header = Object.keys(all[0]);
  const langs = LANGS.filter((l) => header.includes(`prompt_${l}`) && (!lang || l === lang));
  if (!langs.length)
    throw new FormatError(
      "header",
      lang ? `no prompt_${lang} column` : "no prompt_zh or prompt_en column",
    );
  return langs.map((l) => {
    const taken = new Set<string>();
    const out: ImportedQuestions = { lang: l, questions: [], lessons: new Map(), warnings: [] };
    all.forEach((r, i) => {
      const where = `line ${i + 2}${r.id ? ` (${r.id})` : ""}`;
      const q = question(r, l, where, taken, i + 1);
      if (!out.lessons.has(q.lesson)) out.lessons.set(q.lesson, r[`lesson_title_${l}`] || q.lesson);
      const filled = fillDefaults(q, l);
      if (filled.length) out.warnings.push(`${where} (${l}): filled in ${filled.join(", ")}`);
      out.questions.push(q);
    });
    return out;
  });
}
