// Writes questions as GIFT (Moodle's plain-text quiz format), one language per file. GIFT holds
// single, multiple, true-false, numeric and matching questions; it has no ordering type, so those
// are left out and counted. What GIFT has no syntax for (ids of choices, lesson, topic,
// difficulty, source, hints, units) goes in a `// coursebot: {json}` comment line above the
// question: Moodle ignores comments, and our import reads it back.
import type { Question } from "../core/content/schema";
import { type Lang, metaOf } from "./portable";

export interface ExportSource {
  questions: Question[];
  lessons: {
    id: string;
    title: { zh?: string; en?: string };
    summary?: { zh?: string; en?: string };
  }[];
}

/** GIFT's special characters are escaped with a backslash; a newline is written `\n`. */
export function giftEscape(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

/** GIFT numbers have no exponent: 8.4e+23 is written out in full. */
export function plainNumber(n: number): string {
  return Number(n.toPrecision(12)).toLocaleString("en-US", {
    useGrouping: false,
    maximumFractionDigits: 20,
  });
}

const fb = (text: string | undefined) => (text?.trim() ? `#${giftEscape(text)}` : "");

/** Moodle accepts only some percentages; 100/k written to five decimals is one of them. */
const weight = (k: number) => Number((100 / k).toFixed(5));

function answerBlock(q: Question, lang: Lang): string | undefined {
  const t = (x: { zh: string; en: string } | undefined) => x?.[lang] ?? "";
  switch (q.type) {
    case "single":
      return q.choices
        .map((c) => `${c.id === q.answer ? "=" : "~"}${giftEscape(t(c.text))}${fb(t(c.rationale))}`)
        .join("\n");
    case "multiple": {
      const right = weight(q.answer.length);
      const wrong = weight(q.choices.length - q.answer.length);
      return q.choices
        .map((c) => {
          const w = q.answer.includes(c.id) ? right : -wrong;
          return `~%${w}%${giftEscape(t(c.text))}${fb(t(c.rationale))}`;
        })
        .join("\n");
    }
    case "true-false":
      // GIFT: {TRUE#feedback when answered wrongly#feedback when answered rightly}.
      return `${q.answer ? "TRUE" : "FALSE"}${fb(t(q.wrongRationale))}`;
    case "numeric": {
      const { value } = q.answer;
      const tol = Math.abs(value * q.tolerance);
      const lines = [`#=${plainNumber(value)}:${plainNumber(tol)}`];
      for (const m of q.mistakes) lines.push(`=%0%${plainNumber(m.value)}:0${fb(t(m.rationale))}`);
      return lines.join("\n");
    }
    case "matching":
      // In the order of the left items, so the metadata's ids line up with the pairs.
      return q.left
        .map((l) => {
          const right = t(q.right.find((i) => i.id === q.answer[l.id])?.text);
          return `=${giftEscape(t(l.text))} -> ${giftEscape(right)}`;
        })
        .join("\n");
    case "ordering":
      return undefined;
  }
}

/** Texts GIFT cannot hold, in the file's language, kept with the neutral metadata. */
function extraTexts(q: Question, lang: Lang): Record<string, unknown> {
  const extra: Record<string, unknown> = { hints: q.hints.map((h) => h[lang]) };
  if (q.type === "numeric" || q.type === "matching") extra.wrongRationale = q.wrongRationale[lang];
  if (q.type === "matching") {
    // Right-hand items nothing matches (distractors); GIFT pairs only.
    const used = new Set(Object.values(q.answer));
    extra.unmatched = q.right.filter((r) => !used.has(r.id)).map((r) => r.text[lang]);
  }
  return extra;
}

export interface GiftExport {
  text: string;
  /** Questions GIFT has no type for (ordering), by id. */
  skipped: string[];
}

export function exportGift(src: ExportSource, lang: Lang): GiftExport {
  const out: string[] = [];
  const skipped: string[] = [];
  let lesson = "";
  for (const q of src.questions) {
    const block = answerBlock(q, lang);
    if (block === undefined) {
      skipped.push(q.id);
      continue;
    }
    if (q.lesson !== lesson) {
      lesson = q.lesson;
      const title = src.lessons.find((l) => l.id === q.lesson)?.title[lang] || q.lesson;
      out.push(`$CATEGORY: ${title.replace(/\r?\n/g, " ")}\n`);
    }
    const meta = { ...metaOf(q), ...extraTexts(q, lang) };
    out.push(
      [
        `// coursebot: ${JSON.stringify(meta)}`,
        `::${giftEscape(q.id)}::${giftEscape(q.prompt[lang])} {`,
        block,
        ...(q.explanation[lang]?.trim() ? [`####${giftEscape(q.explanation[lang])}`] : []),
        "}",
        "",
      ].join("\n"),
    );
  }
  return { text: out.join("\n"), skipped };
}
