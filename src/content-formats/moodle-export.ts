// Writes questions as Moodle XML, one language per file. Every coursebot type has a Moodle type
// (single/multiple → multichoice, truefalse, numerical with units, matching, ordering, which is
// core Moodle since 4.4). Texts map natively: prompt, explanation (general feedback), hints, a
// rationale per choice (answer feedback), the reason a wrong answer is wrong (the wrong answer's
// feedback, a `*` numerical answer, or incorrect feedback). Each lesson is a category whose
// idnumber is the lesson id. What Moodle has no field for (topic, section, difficulty, source,
// choice ids, unit kind) goes in `coursebot:key=value` tags.
import { XMLBuilder } from "fast-xml-parser";
import type { Question } from "../core/content/schema";
import type { ExportSource } from "./gift-export";
import { type Lang, metaOf } from "./portable";

type Node = Record<string, unknown>;
const text = (t: string, format = "markdown"): Node => ({ "@_format": format, text: t });

/** Tags for the metadata Moodle has no field for; our import reads them back. */
export function metaTags(q: Question): string[] {
  const { id: _id, type: _type, lesson: _lesson, ...rest } = metaOf(q);
  return Object.entries(rest)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `coursebot:${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
}

const fraction = (k: number) => (100 / k).toFixed(7);

function body(q: Question, lang: Lang): { type: string; fields: Node } {
  const t = (x: { zh: string; en: string } | undefined) => x?.[lang] ?? "";
  const feedback = (x: { zh: string; en: string } | undefined) => text(t(x));
  switch (q.type) {
    case "single":
    case "multiple": {
      const key = q.type === "single" ? [q.answer] : q.answer;
      const wrongCount = q.choices.length - key.length;
      return {
        type: "multichoice",
        fields: {
          single: q.type === "single" ? "true" : "false",
          shuffleanswers: "true",
          answernumbering: "ABCD",
          answer: q.choices.map((c) => ({
            "@_fraction": key.includes(c.id)
              ? fraction(key.length)
              : q.type === "single"
                ? "0"
                : `-${fraction(wrongCount)}`,
            ...text(t(c.text)),
            feedback: feedback(c.rationale),
          })),
        },
      };
    }
    case "true-false":
      return {
        type: "truefalse",
        fields: {
          answer: [true, false].map((v) => ({
            "@_fraction": v === q.answer ? "100" : "0",
            "@_format": "moodle_auto_format",
            text: String(v),
            feedback: v === q.answer ? text("") : feedback(q.wrongRationale),
          })),
        },
      };
    case "numeric":
      return {
        type: "numerical",
        fields: {
          answer: [
            {
              "@_fraction": "100",
              text: String(q.answer.value),
              tolerance: String(Math.abs(q.answer.value * q.tolerance)),
              feedback: text(""),
            },
            ...q.mistakes.map((m) => ({
              "@_fraction": "0",
              text: String(m.value),
              tolerance: "0",
              feedback: feedback(m.rationale),
            })),
            // Moodle's catch-all answer: any other number gets this feedback.
            { "@_fraction": "0", text: "*", tolerance: "0", feedback: feedback(q.wrongRationale) },
          ],
          ...(q.answer.unit
            ? {
                units: { unit: [{ multiplier: "1", unit_name: q.answer.unit }] },
                unitgradingtype: "0",
                showunits: "3",
                unitsleft: "0",
              }
            : {}),
        },
      };
    case "matching": {
      const used = new Set(Object.values(q.answer));
      return {
        type: "matching",
        fields: {
          shuffleanswers: "true",
          incorrectfeedback: feedback(q.wrongRationale),
          subquestion: [
            ...q.left.map((l) => ({
              ...text(t(l.text)),
              answer: { text: t(q.right.find((r) => r.id === q.answer[l.id])?.text) },
            })),
            // A right-hand item nothing matches is a subquestion with no text (Moodle's form).
            ...q.right
              .filter((r) => !used.has(r.id))
              .map((r) => ({ ...text(""), answer: { text: t(r.text) } })),
          ],
        },
      };
    }
    case "ordering":
      return {
        type: "ordering",
        fields: {
          layouttype: "VERTICAL",
          selecttype: "ALL",
          selectcount: "0",
          gradingtype: "ABSOLUTE_POSITION",
          showgrading: "SHOW",
          numberingstyle: "none",
          incorrectfeedback: feedback(q.wrongRationale),
          // qtype_ordering lists the items in the right order, numbered by fraction.
          answer: q.answer.map((id, i) => ({
            "@_fraction": `${i + 1}.0000000`,
            ...text(t(q.items.find((it) => it.id === id)?.text)),
          })),
        },
      };
  }
}

export function exportMoodle(src: ExportSource, lang: Lang): string {
  const questions: Node[] = [];
  let lesson = "";
  for (const q of src.questions) {
    if (q.lesson !== lesson) {
      lesson = q.lesson;
      const l = src.lessons.find((x) => x.id === q.lesson);
      questions.push({
        "@_type": "category",
        category: { text: `$course$/top/${l?.title[lang] || q.lesson}` },
        info: text(l?.summary?.[lang] ?? ""),
        idnumber: q.lesson,
      });
    }
    const { type, fields } = body(q, lang);
    questions.push({
      "@_type": type,
      name: { text: q.id },
      questiontext: text(q.prompt[lang]),
      generalfeedback: text(q.explanation[lang]),
      defaultgrade: "1",
      penalty: "0.3333333",
      hidden: "0",
      idnumber: q.id,
      ...fields,
      hint: q.hints.map((h) => text(h[lang])),
      tags: { tag: metaTags(q).map((tag) => ({ text: tag })) },
    });
  }
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    format: true,
    indentBy: "  ",
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question: questions } })}`;
}
