// Dates shown to learners, in their own time zone and language.
import { DateTime } from "luxon";
import type { Locale } from "../i18n";
import { msg } from "../messages/catalogue";

export function formatLocal(at: Date, zone: string, locale: Locale): string {
  const dt = DateTime.fromJSDate(at, { zone });
  const v = dt.isValid ? dt : DateTime.fromJSDate(at, { zone: "UTC" });
  return (
    v
      // The tag for Intl (weekday and month names) and the Luxon format are per-language text.
      .setLocale(msg(locale, "common.intlTag"))
      .toFormat(msg(locale, "progress.time-format.dLllHhMm"))
  );
}
