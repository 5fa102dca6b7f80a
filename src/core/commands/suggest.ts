// Suggestions while a user types an option value (Discord autocomplete, Slack external selects):
// course topics by id or name in either language, and IANA time zones.
import type { CourseIndex } from "../content/model";
import { tr, type Locale } from "../i18n";

export interface Suggestion { name: string; value: string }

export const MAX_SUGGESTIONS = 25;

let zones: string[] | undefined;
function timeZones(): string[] {
  zones ??= (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? ["UTC"];
  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export function suggest(index: CourseIndex, kind: "topic" | "timezone", typed: string, locale: Locale): Suggestion[] {
  const needle = typed.trim().toLowerCase();
  if (kind === "timezone") {
    const all = timeZones();
    const hits = needle ? all.filter((z) => z.toLowerCase().includes(needle)) : all;
    return hits.slice(0, MAX_SUGGESTIONS).map((z) => ({ name: z, value: z }));
  }
  const scored = index.course.topics
    .map((t) => {
      const hay = [t.id, t.name.en.toLowerCase(), t.name.zh, t.lesson];
      const rank = !needle ? 1 : hay.some((h) => h.startsWith(needle)) ? 0 : hay.some((h) => h.includes(needle)) ? 1 : -1;
      return { t, rank };
    })
    .filter((x) => x.rank >= 0)
    .sort((a, b) => a.rank - b.rank);
  return scored.slice(0, MAX_SUGGESTIONS).map(({ t }) => ({ name: `${tr(t.name, locale)} (${t.id})`.slice(0, 100), value: t.id }));
}
