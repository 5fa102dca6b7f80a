// The one way code turns a message key into text: msg(locale, key, params) picks the locale's
// text (English when the locale lacks the key), chooses a plural form by `{count}` and fills in
// the `{name}` placeholders. Pure: no files, no global state.
import type { Bilingual, Locale } from "../i18n";
import { en } from "./en";
import type { Entry, MessageKey, ParamValue, ParamsArg } from "./types";
import { zh } from "./zh";

/** The locales with a complete file. A partial one (see PartialMessages) goes through messagesFor. */
const CATALOGUE: Record<Locale, Readonly<Record<MessageKey, Entry>>> = { en, zh };

/** Fills `{name}` placeholders; an unknown one stays as written so a typo is visible, not blank. */
function fill(text: string, params: Record<string, ParamValue> | undefined): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Intl's plural rules per language (English: one/other; Chinese: always other). */
const pluralRules = new Map<string, Intl.PluralRules>();
function pluralForm(tag: string, n: number): "one" | "other" {
  let rules = pluralRules.get(tag);
  if (!rules) pluralRules.set(tag, (rules = new Intl.PluralRules(tag)));
  return rules.select(n) === "one" ? "one" : "other";
}

/**
 * Renders one entry of a locale table. The fallback rule: the locale's own text when it has the
 * key, else English's (English is complete: the compiler requires every key there).
 */
export function render(
  table: Readonly<Partial<Record<string, Entry>>>,
  tag: string,
  key: MessageKey,
  params?: Record<string, ParamValue>,
): string {
  const own = table[key];
  const entry = own ?? en[key];
  // Only reachable by bypassing the types (a key built from data): fail loudly, not blank.
  if (entry === undefined) throw new Error(`unknown message key: ${key}`);
  const lang = own === undefined ? "en" : tag;
  if (typeof entry === "string") return fill(entry, params);
  return fill(entry[pluralForm(lang, Number(params?.count ?? 0))], params);
}

/**
 * A msg() for a language table that is not (yet) a Locale: a third language being written, or a
 * test. Keys it lacks are shown in English.
 */
export function messagesFor(table: Readonly<Partial<Record<MessageKey, Entry>>>, tag: string) {
  return <K extends MessageKey>(key: K, ...params: ParamsArg<K>): string =>
    render(table, tag, key, params[0]);
}

/** The learner's text for a key: msg("zh", "quiz.noQuiz"), msg(locale, "quiz.started", { n }). */
export function msg<K extends MessageKey>(locale: Locale, key: K, ...params: ParamsArg<K>): string {
  return render(CATALOGUE[locale], locale, key, params[0]);
}

/** Both languages of a key whose parameters are themselves in each language (a reason, a name). */
export function bilingualBy<K extends MessageKey>(
  key: K,
  params: (locale: Locale) => ParamsArg<K>[0],
): Bilingual {
  const of = (l: Locale) => render(CATALOGUE[l], l, key, params(l) as Record<string, ParamValue>);
  return { zh: of("zh"), en: of("en") };
}

/** Both languages of a key, for text stored or sent before the reader's language is known. */
export function bilingual<K extends MessageKey>(key: K, ...params: ParamsArg<K>): Bilingual {
  return { zh: msg("zh", key, ...params), en: msg("en", key, ...params) };
}

/** English then Chinese in one line, for text sent before the reader's language is known. */
export function bothLanguages(text: Bilingual, separator = " / "): string {
  return `${text.en}${separator}${text.zh}`;
}
