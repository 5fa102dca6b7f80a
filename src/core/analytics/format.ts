// Prints a Report as Markdown tables or CSV (one block per section, headed "# <id>").
import type { Cell, Report } from "./report";

const text = (c: Cell) => (c === null ? "—" : String(c));

export function toMarkdown(r: Report): string {
  const out = [
    `# ${r.title}`,
    "",
    `Generated ${r.generatedAt.toISOString()}${r.since ? `, answers since ${r.since.toISOString().slice(0, 10)}` : ", all answers"}.`,
  ];
  for (const s of r.sections) {
    out.push("", `## ${s.title}`, "");
    if (!s.rows.length) {
      out.push("(no data)");
      continue;
    }
    const esc = (c: Cell) => text(c).replace(/\|/g, "\\|");
    out.push(`| ${s.columns.join(" | ")} |`, `|${s.columns.map(() => " --- ").join("|")}|`);
    for (const row of s.rows) out.push(`| ${row.map(esc).join(" | ")} |`);
    for (const n of s.notes ?? []) out.push("", `_${n}_`);
  }
  return `${out.join("\n")}\n`;
}

function csvCell(c: Cell): string {
  if (c === null) return "";
  const s = String(c);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(r: Report): string {
  const blocks = r.sections.map((s) =>
    [
      `# ${s.id}`,
      s.columns.map(csvCell).join(","),
      ...s.rows.map((row) => row.map(csvCell).join(",")),
    ].join("\n"),
  );
  return `${blocks.join("\n\n")}\n`;
}
