// Writes a course as CSV for spreadsheets: one row per question, both languages as columns
// (prompt_zh, prompt_en, …), and numbered columns for options, right-hand items, hints and
// known numeric mistakes. Every field of every question type has a column, so nothing but
// glossary links is lost (see csv-import.ts for the reverse).
import { stringify } from "csv-stringify/sync";
import type { Question } from "../core/content/schema";
import type { ExportSource } from "./gift-export";
import type { Lang } from "./portable";

type Row = Record<string, string>;
type T = { zh: string; en: string } | undefined;

/** The answer key as one cell: ids separated by spaces, matching pairs as left=right. */
export function answerCell(q: Question): string {
  switch (q.type) {
    case "single":
      return q.answer;
    case "multiple":
    case "ordering":
      return q.answer.join(" ");
    case "true-false":
      return String(q.answer);
    case "numeric":
      return String(q.answer.value);
    case "matching":
      return Object.entries(q.answer)
        .map(([l, r]) => `${l}=${r}`)
        .join(" ");
  }
}

function rowOf(q: Question, src: ExportSource, langs: readonly Lang[]): Row {
  const row: Row = {
    id: q.id,
    type: q.type,
    lesson: q.lesson,
    section: q.section,
    topic: q.topic,
    difficulty: String(q.difficulty),
    answer: answerCell(q),
    scoring: q.type === "multiple" ? q.scoring : "",
    unit: q.type === "numeric" ? q.answer.unit : "",
    unit_kind: q.type === "numeric" ? q.unitKind : "",
    tolerance: q.type === "numeric" ? String(q.tolerance) : "",
    source: q.source,
    errata: (q.errata ?? []).join(" "),
  };
  const lesson = src.lessons.find((l) => l.id === q.lesson);
  const put = (name: string, text: T | { zh?: string; en?: string }) => {
    for (const l of langs) row[`${name}_${l}`] = text?.[l] ?? "";
  };
  put("lesson_title", lesson?.title);
  put("prompt", q.prompt);
  put("explanation", q.explanation);
  put("wrong_rationale", "wrongRationale" in q ? q.wrongRationale : undefined);
  q.hints.forEach((h, i) => put(`hint${i + 1}`, h));
  const options =
    q.type === "single" || q.type === "multiple"
      ? q.choices
      : q.type === "ordering"
        ? q.items
        : q.type === "matching"
          ? q.left
          : [];
  (options as { id: string; text: T; rationale?: T }[]).forEach((o, i) => {
    row[`option${i + 1}_id`] = o.id;
    put(`option${i + 1}`, o.text);
    if (o.rationale) put(`option${i + 1}_rationale`, o.rationale);
  });
  if (q.type === "matching")
    q.right.forEach((r, i) => {
      row[`right${i + 1}_id`] = r.id;
      put(`right${i + 1}`, r.text);
    });
  if (q.type === "numeric")
    q.mistakes.forEach((m, i) => {
      row[`mistake${i + 1}_value`] = String(m.value);
      row[`mistake${i + 1}_unit`] = m.unit;
      put(`mistake${i + 1}_rationale`, m.rationale);
    });
  return row;
}

export function exportCsv(src: ExportSource, langs: readonly Lang[]): string {
  const rows = src.questions.map((q) => rowOf(q, src, langs));
  // Columns in first-seen order, so numbered columns come out grouped (option1_id, option1_zh …).
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
  return stringify(rows, { header: true, columns, bom: false });
}
