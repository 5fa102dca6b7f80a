// Suggestions while a user types an option value (Discord autocomplete, Slack external selects):
// course topics by id or name in either language, glossary terms, and IANA time zones.
import { normaliseTerm, termKeys } from "../content/glossary";
import type { CourseIndex } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { SuggestKind } from "./types";

export interface Suggestion {
  name: string;
  value: string;
}

export const MAX_SUGGESTIONS = 25;

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= (
    Intl as unknown as { supportedValuesOf?: (k: string) => string[] }
  ).supportedValuesOf?.("timeZone") ?? ["UTC"];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function suggest(
  index: CourseIndex,
  kind: SuggestKind,
  typed: string,
  locale: Locale,
): Suggestion[] {
  const needle = typed.trim().toLowerCase();
  if (kind === "glossary") {
    const n = normaliseTerm(typed);
    const scored = index.course.glossary
      .map((e) => {
        const keys = termKeys(e);
        const rank = !n
          ? 1
          : keys.some((k) => k.startsWith(n))
            ? 0
            : keys.some((k) => k.includes(n))
              ? 1
              : -1;
        return { e, rank };
      })
      .filter((x) => x.rank >= 0)
      .sort((a, b) => a.rank - b.rank);
    const other: Locale = locale === "zh" ? "en" : "zh";
    return scored.slice(0, MAX_SUGGESTIONS).map(({ e }) => ({
      name: `${tr(e.term, locale)} · ${tr(e.term, other)}`.slice(0, 100),
      value: e.id,
    }));
  }
  if (kind === "timezone") {
    const all = timeZones();
    const hits = needle ? all.filter((z) => z.toLowerCase().includes(needle)) : all;
    return hits.slice(0, MAX_SUGGESTIONS).map((z) => ({ name: z, value: z }));
  }
  const scored = index.course.topics
    .map((t) => {
      const hay = [t.id, t.name.en.toLowerCase(), t.name.zh, t.lesson];
      const rank = !needle
        ? 1
        : hay.some((h) => h.startsWith(needle))
          ? 0
          : hay.some((h) => h.includes(needle))
            ? 1
            : -1;
      return { t, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  return scored
    .slice(0, MAX_SUGGESTIONS)
    .map(({ t }) => ({ name: `${tr(t.name, locale)} (${t.id})`.slice(0, 100), value: t.id }));
}
