// /glossary [term]: with no term, every term grouped by lesson (sized for one Discord embed and
// Slack's field limits); with a term, its definition in both languages and the lessons that use
// it; an unknown term gets a plain-words error with close matches.
import { closeTerms, findTerm, normaliseTerm, termLessons } from "../content/glossary";
import type { CourseIndex, GlossaryEntry } from "../content/model";
import { UserError } from "../errors";
import { LOCALES, tr, type Locale } from "../i18n";
import type { Reply } from "../reply";
import type { CommandDef, Ctx } from "./types";
import { bilingual, bilingualBy, msg } from "../messages/catalogue";

/** Discord: 25 fields of ≤ 1024 chars and 6000 chars per embed; Slack: fields ≤ 2000 chars. */
export const MAX_GROUPS = 24;
export const FIELD_CHARS = 1000;
export const LIST_BUDGET = 5000;

/** How a term is named in lists: the learner's language, plus the other one when it differs. */
export function termLabel(e: GlossaryEntry, locale: Locale): string {
  const first = tr(e.term, locale);
  const other = tr(e.term, locale === "zh" ? "en" : "zh");
  return first === other ? first : `${first} ${other}`;
}

/** Joins labels with " · " up to `max` chars; the rest is counted ("… +3"). */
function joinWithin(labels: string[], max: number): string {
  let out = "";
  for (let i = 0; i < labels.length; i++) {
    const next = out ? `${out} · ${labels[i]}` : labels[i];
    const more = labels.length - i - 1;
    if (next.length + (more ? ` … +${more}`.length : 0) > max)
      return `${out} … +${labels.length - i}`;
    out = next;
  }
  return out;
}

export function glossaryListReply(index: CourseIndex, locale: Locale): Reply {
  const groups = new Map<string, GlossaryEntry[]>();
  for (const e of index.course.glossary) {
    const key = e.lesson && index.lessons.has(e.lesson) ? e.lesson : "";
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const ordered = [
    ...index.course.lessons.map((l) => l.id).filter((id) => groups.has(id)),
    ...(groups.has("") ? [""] : []),
  ];
  const fields: { name: string; value: string }[] = [];
  let used = 0;
  for (const [i, id] of ordered.entries()) {
    const lesson = index.lessons.get(id);
    const name = lesson
      ? `${lesson.order}. ${tr(lesson.title, locale)}`
      : msg(locale, "commands.glossary.other");
    const room = Math.min(FIELD_CHARS, LIST_BUDGET - used - name.length);
    if (i >= MAX_GROUPS || room < 40) {
      const rest = ordered.slice(i).reduce((n, k) => n + (groups.get(k)?.length ?? 0), 0);
      fields.push({
        name: "…",
        value: msg(locale, "commands.glossary.moreTermsLookOne", { rest }),
      });
      break;
    }
    const value = joinWithin(
      groups.get(id)!.map((e) => termLabel(e, locale)),
      room,
    );
    fields.push({ name, value });
    used += name.length + value.length;
  }
  const n = index.course.glossary.length;
  return {
    title: msg(locale, "commands.glossary.glossaryTerms", { n }),
    text: msg(locale, "commands.glossary.typeGlossaryTermFor"),
    fields,
    private: true,
  };
}

/** A related term: another entry by its label and id (so it can be looked up), or the plain name. */
function seeAlsoLabel(index: CourseIndex, name: string, locale: Locale): string {
  const other = index.glossary.get(name) ?? findTerm(index, name);
  return other ? `${termLabel(other, locale)} (/glossary ${other.id})` : name;
}

export function glossaryEntryReply(index: CourseIndex, e: GlossaryEntry, locale: Locale): Reply {
  const order: Locale[] = [locale, ...LOCALES.filter((l) => l !== locale)];
  const lessons = termLessons(index, e.id);
  const fields = [
    {
      name: msg(locale, "commands.glossary.lessons"),
      value: lessons.length
        ? lessons.map((l) => `${l.order}. ${tr(l.title, locale)}`).join("\n")
        : msg(locale, "commands.glossary.none"),
    },
  ];
  if (e.aliases?.length)
    fields.push({ name: msg(locale, "commands.glossary.alsoCalled"), value: e.aliases.join(", ") });
  if (e.seeAlso?.length)
    fields.push({
      name: msg(locale, "commands.glossary.seeAlso"),
      value: e.seeAlso
        .map((s) => seeAlsoLabel(index, s, locale))
        .join(msg(locale, "common.clauseJoin")),
    });
  return {
    title: order
      .map((l) => e.term[l])
      .filter((t, i, all) => all.indexOf(t) === i)
      .join(" · "),
    text: order.map((l) => `**${e.term[l]}**: ${e.definition[l]}`).join("\n\n"),
    fields,
    footer: msg(locale, "commands.glossary.glossaryGlossaryListsEvery", { id: e.id }),
    tone: "info",
    private: true,
  };
}

export const glossaryCommand: CommandDef = {
  name: "glossary",
  description: bilingual("commands.glossary.bilingualGlossaryListEvery"),
  private: true,
  options: [
    {
      name: "term",
      type: "string",
      autocomplete: "glossary",
      maxLength: 100,
      rest: true,
      description: bilingual("commands.glossary.aTermChineseEnglish"),
    },
  ],
  async run(ctx: Ctx, args) {
    const typed = typeof args.term === "string" ? args.term : "";
    if (!typed.trim()) return glossaryListReply(ctx.index, ctx.locale);
    const entry = findTerm(ctx.index, typed);
    if (entry) return glossaryEntryReply(ctx.index, entry, ctx.locale);
    const shown = typed.trim().slice(0, 60);
    const close = closeTerms(ctx.index, typed);
    // The id is added where it differs from the name, since it is the shortest thing to type.
    const named = (name: string, id: string, paren: (s: string) => string) =>
      normaliseTerm(name) === id ? name : `${name}${paren(id)}`;
    const list = (l: Locale) =>
      close
        .map((e) => named(e.term[l], e.id, (text) => msg(l, "common.parenthesised", { text })))
        .join(msg(l, "common.enumJoin"));
    throw new UserError(
      bilingualBy("commands.glossary.unknownTerm", (l) => ({
        shown,
        didYouMean: close.length ? msg(l, "commands.glossary.didYouMean", { terms: list(l) }) : "",
      })),
      "unknown_term",
    );
  },
};
