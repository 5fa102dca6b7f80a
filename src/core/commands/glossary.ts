// /glossary [term]: with no term, every term grouped by lesson (sized for one Discord embed and
// Slack's field limits); with a term, its definition in both languages and the lessons that use
// it; an unknown term gets a plain-words error with close matches.
import { closeTerms, findTerm, normaliseTerm, termLessons } from "../content/glossary";
import type { CourseIndex, GlossaryEntry } from "../content/model";
import { UserError } from "../errors";
import { bi, tr, type Locale } from "../i18n";
import type { Reply } from "../reply";
import type { CommandDef, Ctx } from "./types";

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
  const zh = locale === "zh";
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
    const name = lesson ? `${lesson.order}. ${tr(lesson.title, locale)}` : zh ? "其他" : "Other";
    const room = Math.min(FIELD_CHARS, LIST_BUDGET - used - name.length);
    if (i >= MAX_GROUPS || room < 40) {
      const rest = ordered.slice(i).reduce((n, k) => n + (groups.get(k)?.length ?? 0), 0);
      fields.push({
        name: "…",
        value: zh
          ? `还有 ${rest} 个术语：用 /glossary <术语> 查找。`
          : `${rest} more terms: look one up with /glossary <term>.`,
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
    title: zh ? `术语表（${n} 个术语）` : `Glossary (${n} terms)`,
    text: zh
      ? "输入 /glossary <术语> 查看中英文释义和相关课程；中文名、英文名或别名都可以。"
      : "Type /glossary <term> for its definition in both languages and the lessons that use it; a Chinese or English name or an alias works.",
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
  const zh = locale === "zh";
  const order: Locale[] = zh ? ["zh", "en"] : ["en", "zh"];
  const lessons = termLessons(index, e.id);
  const fields = [
    {
      name: zh ? "相关课程" : "Lessons",
      value: lessons.length
        ? lessons.map((l) => `${l.order}. ${tr(l.title, locale)}`).join("\n")
        : zh
          ? "（无）"
          : "(none)",
    },
  ];
  if (e.aliases?.length)
    fields.push({ name: zh ? "别名" : "Also called", value: e.aliases.join(", ") });
  if (e.seeAlso?.length)
    fields.push({
      name: zh ? "另见" : "See also",
      value: e.seeAlso.map((s) => seeAlsoLabel(index, s, locale)).join(zh ? "；" : "; "),
    });
  return {
    title: order
      .map((l) => e.term[l])
      .filter((t, i, all) => all.indexOf(t) === i)
      .join(" · "),
    text: order.map((l) => `**${e.term[l]}**: ${e.definition[l]}`).join("\n\n"),
    fields,
    footer: zh
      ? `/glossary ${e.id} · /glossary 列出全部术语`
      : `/glossary ${e.id} · /glossary lists every term`,
    tone: "info",
    private: true,
  };
}

export const glossaryCommand: CommandDef = {
  name: "glossary",
  description: bi(
    "中英术语表：列出全部术语，或查一个术语",
    "Bilingual glossary: list every term, or look one up",
  ),
  private: true,
  options: [
    {
      name: "term",
      type: "string",
      autocomplete: "glossary",
      maxLength: 100,
      rest: true,
      description: bi("术语（中文、英文或别名）", "A term (Chinese, English or an alias)"),
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
    const zhList = close.map((e) => named(e.term.zh, e.id, (id) => `（${id}）`)).join("、");
    const enList = close.map((e) => named(e.term.en, e.id, (id) => ` (${id})`)).join(", ");
    throw new UserError(
      bi(
        `术语表里没有“${shown}”。${close.length ? `你是不是想找：${zhList}？` : ""}输入 /glossary 查看全部术语。`,
        `"${shown}" is not in the glossary.${close.length ? ` Did you mean: ${enList}?` : ""} Type /glossary to see every term.`,
      ),
      "unknown_term",
    );
  },
};
