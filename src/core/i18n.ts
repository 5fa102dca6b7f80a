// Languages and bilingual values: course content is a {zh, en} pair per text; UI text comes from
// the message catalogue (src/core/messages), which builds such pairs with bilingual().
export type Locale = "zh" | "en";
export const LOCALES: readonly Locale[] = ["zh", "en"] as const;
export interface Bilingual {
  zh: string;
  en: string;
}

/** Picks the learner's language; falls back to the other one rather than showing nothing. */
export function tr(text: Bilingual, locale: Locale): string {
  return text[locale] || text[locale === "zh" ? "en" : "zh"];
}

/** Maps a platform locale tag (zh-CN, zh-TW, en-US, …) to a course language. */
export function localeFromTag(tag: string | null | undefined): Locale {
  return tag?.toLowerCase().startsWith("zh") ? "zh" : "en";
}

/** An English count with its noun: count(1, "answer") is "1 answer", count(2, "quiz", "quizzes") "2 quizzes". */
export function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A pair from values that read the same in both languages (an id); UI text uses the catalogue. */
export function bi(zh: string, en: string): Bilingual {
  return { zh, en };
}
