// Languages per course: every text must exist in each language the course declares, and the
// loaded model stays `{zh, en}` everywhere by filling a language the course does not have from
// its first one. So rendering code keeps calling tr(text, locale) and a learner whose language
// the course lacks reads the course's first language (the bot says so once: course-notice.ts).
import type { Bilingual, Locale } from "../i18n";
import type { ContentIssue } from "./parse";
import { SAME_IN_EVERY_LANGUAGE } from "./schema";

/** A parsed text field: exactly the keys zh and en, both strings (see `bilingual` in schema.ts). */
function isText(v: unknown): v is Bilingual {
  if (!v || typeof v !== "object" || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return (
    keys.length === 2 &&
    typeof (v as Bilingual).zh === "string" &&
    typeof (v as Bilingual).en === "string"
  );
}

/** True when the author wrote `{same: …}`: the text reads the same in every language. */
export function isSameInEveryLanguage(text: Bilingual): boolean {
  return (text as unknown as Record<symbol, unknown>)[SAME_IN_EVERY_LANGUAGE] === true;
}

/**
 * Checks and fills one text in place: a declared language left out is an error naming the
 * field; every language the course does not declare gets the first declared language's text.
 */
export function fillText(
  text: Bilingual,
  languages: readonly Locale[],
  file: string,
  field: string,
  issues: ContentIssue[],
): void {
  for (const l of languages)
    if (!text[l].trim())
      issues.push({
        file,
        field: `${field}.${l}`,
        message: `missing ${l} text`,
        severity: "error",
      });
  const first = languages.find((l) => text[l].trim()) ?? languages[0];
  for (const l of ["zh", "en"] as const) if (!languages.includes(l)) text[l] = text[first];
}

/**
 * Walks parsed content (a question, a glossary entry, front matter) and checks and fills every
 * text field in it. `field` prefixes the path, so issues read "git-init.choices[1].text.en".
 */
export function fillLanguages(
  value: unknown,
  languages: readonly Locale[],
  file: string,
  field: string,
  issues: ContentIssue[],
): void {
  if (isText(value)) fillText(value, languages, file, field, issues);
  else if (Array.isArray(value))
    value.forEach((v, i) => fillLanguages(v, languages, file, `${field}[${i}]`, issues));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value))
      fillLanguages(v, languages, file, field ? `${field}.${k}` : k, issues);
}
