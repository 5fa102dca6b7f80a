// Shared by the format tests: the shipped course, and a question reduced to one language (what a
// one-language file can hold) for comparing a round trip.
import { existsSync } from "node:fs";
import { loadContent } from "../../src/app/content-files";
import type { Question } from "../../src/core/content/schema";
import type { Lang } from "../../src/content-formats/portable";

/** The shipped course: content/ holds it, or (with the course catalogue) content/llm-basics/. */
export const course = () =>
  loadContent(existsSync("content/llm-basics/course.yaml") ? "content/llm-basics" : "content")
    .course;

/** Every {zh, en} pair keeps only `lang` (the other becomes ""); glossary links are dropped. */
export function inOneLanguage(q: Question, lang: Lang): Question {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      const keys = Object.keys(v);
      if (keys.length === 2 && keys.includes("zh") && keys.includes("en")) {
        const t = v as { zh: string; en: string };
        return lang === "zh" ? { zh: t.zh, en: "" } : { zh: "", en: t.en };
      }
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  const { glossary: _links, ...rest } = q;
  return walk(rest) as Question;
}
