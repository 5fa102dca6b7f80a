// Turns core Replies into Discord message payloads: an embed (title, text, fields, footer, tone
// colour), components for the question and the reply's buttons, files for attachments, the
// ephemeral flag, and allowed_mentions that parse nothing on every message.
import { ButtonStyle, ComponentType, MessageFlags, TextInputStyle, type RawFile } from "discord.js";
import type { Locale } from "../../core/i18n";
import type { Button, QuestionView, Reply, Tone } from "../../core/reply";
import { truncate as cut } from "../../core/safe-text";
import { customId, fits } from "./custom-ids";

export const NO_MENTIONS = { parse: [] as never[] };

const COLOURS: Record<Tone, number> = {
  info: 0x5865f2,
  success: 0x57f287,
  warning: 0xfee75c,
  error: 0xed4245,
};
const STYLES: Record<NonNullable<Button["style"]>, ButtonStyle> = {
  primary: ButtonStyle.Primary,
  secondary: ButtonStyle.Secondary,
  success: ButtonStyle.Success,
  danger: ButtonStyle.Danger,
};

/** At most n UTF-16 units (how Discord counts), ending in "…" when cut. */
export function clip(s: string, n: number): string {
  return s.length <= n ? s : `${cut(s, n - 1)}…`;
}
const l = (locale: Locale, zh: string, en: string) => (locale === "zh" ? zh : en);

/** A message body plus the files it carries (sent as multipart by discord.js REST). */
export interface DiscordMessage {
  body: Record<string, unknown>;
  files: RawFile[];
}

type Component = Record<string, unknown>;
type Row = { type: ComponentType.ActionRow; components: Component[] };
const row = (components: Component[]): Row => ({ type: ComponentType.ActionRow, components });

function button(id: string, label: string, style = ButtonStyle.Secondary): Component {
  return { type: ComponentType.Button, custom_id: id, label: clip(label, 80), style };
}

function buttonRows(buttons: Component[], maxRows: number): Row[] {
  const rows: Row[] = [];
  for (let i = 0; i < buttons.length && rows.length < maxRows; i += 5)
    rows.push(row(buttons.slice(i, i + 5)));
  return rows;
}

/** Components that take the answer, plus the reply's own buttons (Hint, Skip); at most 5 rows. */
export function questionComponents(
  q: QuestionView,
  locale: Locale,
  own: Component[],
  shared = false,
): Row[] {
  const rowsFree = own.length ? 4 : 5;
  const withOwn = (rows: Row[]) => (own.length ? [...rows, row(own)] : rows);
  const action = q.answerAction;
  const typeIt = () =>
    button(customId.askText(action), l(locale, "输入答案", "Type answer"), ButtonStyle.Primary);
  // The core describes the input (question-types/module.ts WidgetDescriptor); this picks components.
  const w = q.widget;
  if (w.kind === "text") return withOwn([row([typeIt()])]);
  // One menu of the options (multi: any number of them; else exactly one).
  const optionMenu = (placeholder: string, max: number) =>
    withOwn([row([select(customId.multi(action), q.options, placeholder, 1, max)])]);
  if (w.kind === "choice" && w.multi)
    return q.options.length
      ? optionMenu(l(locale, "选择所有正确选项", "Choose every right option"), q.options.length)
      : withOwn([row([typeIt()])]);
  if (w.kind === "choice") {
    const ids = q.options.map((o) => customId.pick(o.id, action));
    if (q.options.length <= rowsFree * 5 && ids.every(fits))
      return withOwn(
        buttonRows(
          q.options.map((o, i) => button(ids[i], o.label, ButtonStyle.Primary)),
          rowsFree,
        ),
      );
    return optionMenu(l(locale, "选择一个答案", "Choose an answer"), 1);
  }
  // order: one select per position offering every option; pairs: one per left item offering
  // the right column. A new widget kind fails to compile here until it is rendered.
  const slotKind: "order" | "pairs" = w.kind;
  const slots =
    slotKind === "order"
      ? q.options.map((_, i) => ({
          id: customId.orderSlot(i, action),
          placeholder: l(locale, `第 ${i + 1} 位`, `Position ${i + 1}`),
          options: q.options,
        }))
      : q.options.map((left) => ({
          id: customId.matchSlot(left.id, action),
          placeholder: left.label,
          options: q.right ?? [],
        }));
  // One select per slot while it fits (4 rows; the 5th holds Submit, Type answer, Hint, Skip): else a modal.
  const controls = [
    button(customId.submit(action), l(locale, "提交", "Submit"), ButtonStyle.Success),
    typeIt(),
    ...own,
  ].slice(0, 5);
  // A message the whole channel answers (a round) cannot hold one person's picks: type it instead.
  if (
    shared ||
    slots.length > 4 ||
    !slots.every((s) => fits(s.id)) ||
    slots.some((s) => s.options.length === 0 || s.options.length > 25)
  )
    return withOwn([row([typeIt()])]);
  return [...slots.map((s) => row([select(s.id, s.options, s.placeholder, 1, 1)])), row(controls)];
}

function select(
  id: string,
  options: { id: string; label: string }[],
  placeholder: string,
  min: number,
  max: number,
): Component {
  return {
    type: ComponentType.StringSelect,
    custom_id: id,
    placeholder: clip(placeholder, 150),
    min_values: min,
    max_values: Math.min(max, 25),
    options: options
      .slice(0, 25)
      .map((o) => ({ label: clip(o.label, 100), value: o.id.slice(0, 100) })),
  };
}

function embedOf(r: Reply, files: RawFile[]): Record<string, unknown> {
  const lines = [r.text];
  const q = r.question;
  if (q) {
    lines.push("", ...q.options.map((o) => o.label));
    if (q.right?.length) lines.push("", ...q.right.map((o) => o.label));
    if (q.unit) lines.push("", `(${q.unit})`);
  }
  const embed: Record<string, unknown> = {
    description: clip(lines.join("\n").trim() || "…", 4096),
    color: COLOURS[r.tone ?? "info"],
  };
  if (r.title) embed.title = clip(r.title, 256);
  if (r.fields?.length)
    embed.fields = r.fields.slice(0, 25).map((f) => ({
      name: clip(f.name || "\u200b", 256),
      value: clip(f.value || "\u200b", 1024),
      inline: !!f.inline,
    }));
  if (r.footer) embed.footer = { text: clip(r.footer, 2048) };
  const image = files.find((f) => /\.(png|jpe?g|gif|webp)$/i.test(f.name));
  if (image) embed.image = { url: `attachment://${image.name}` };
  return withinTotal(embed);
}

/** Discord rejects a message whose embed texts add up to more than 6,000 characters. */
const EMBED_TOTAL = 6000;
type EmbedField = { name: string; value: string };

function embedLength(e: Record<string, unknown>): number {
  const fields = (e.fields as EmbedField[] | undefined) ?? [];
  return (
    String(e.title ?? "").length +
    String(e.description ?? "").length +
    ((e.footer as { text?: string } | undefined)?.text?.length ?? 0) +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Keeps the embed under the total: the last fields go first (they are extras), then the text is shortened. */
function withinTotal(e: Record<string, unknown>): Record<string, unknown> {
  const fields = e.fields as EmbedField[] | undefined;
  while (embedLength(e) > EMBED_TOTAL && fields?.length) fields.pop();
  if (fields && !fields.length) delete e.fields;
  const over = embedLength(e) - EMBED_TOTAL;
  if (over > 0)
    e.description = clip(String(e.description), Math.max(1, String(e.description).length - over));
  return e;
}

/** The message for one reply. `ephemeral` is decided by the caller (reply.private or the command's default). */
export function toMessage(
  r: Reply,
  locale: Locale,
  opts: { ephemeral?: boolean } = {},
): DiscordMessage {
  const files: RawFile[] = (r.attachments ?? [])
    .slice(0, 10)
    .map((a) => ({ name: a.filename, data: Buffer.from(a.data), contentType: a.contentType }));
  const own = (r.buttons ?? [])
    .filter((b) => fits(b.id))
    .slice(0, 5)
    .map((b) => button(b.id, b.label, b.style ? STYLES[b.style] : ButtonStyle.Secondary));
  const components: Row[] = [];
  if (r.question)
    components.push(...questionComponents(r.question, locale, own, r.private === false));
  else if (own.length) components.push(row(own));
  const body: Record<string, unknown> = {
    embeds: [embedOf(r, files)],
    components,
    allowed_mentions: NO_MENTIONS,
  };
  if (files.length)
    body.attachments = files.map((f, i) => ({
      id: i,
      filename: f.name,
      description: r.attachments?.[i]?.description?.slice(0, 1024),
    }));
  if (opts.ephemeral) body.flags = MessageFlags.Ephemeral;
  return { body, files };
}

/** A modal asking for a typed answer (numbers, or orderings/matchings too long for selects). */
export function answerModal(action: string, title: string, label: string): Record<string, unknown> {
  return {
    custom_id: customId.textModal(action),
    title: clip(title, 45),
    components: [
      row([
        {
          type: ComponentType.TextInput,
          custom_id: "answer",
          label: clip(label, 45),
          style: TextInputStyle.Short,
          required: true,
          max_length: 500,
        },
      ]),
    ],
  };
}

export function questionModal(questionId: string, locale: Locale): Record<string, unknown> {
  return {
    custom_id: customId.tutorModal(questionId),
    title: l(locale, "就这题提问", "Ask about this question"),
    components: [
      row([
        {
          type: ComponentType.TextInput,
          custom_id: "question",
          label: l(locale, "你的问题", "Your question"),
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: 1000,
        },
      ]),
    ],
  };
}

/** "Ask a question" under a weekly lesson: the question goes to the tutor like /ask. */
export function lessonQuestionModal(
  lessonId: string,
  lessonTitle: string | undefined,
  locale: Locale,
): Record<string, unknown> {
  return {
    custom_id: customId.lessonModal(lessonId),
    title: clip(
      lessonTitle
        ? `${l(locale, "提问", "Ask")} · ${lessonTitle}`
        : l(locale, "提个问题", "Ask a question"),
      45,
    ),
    components: [
      row([
        {
          type: ComponentType.TextInput,
          custom_id: "question",
          label: l(locale, "你的问题（根据笔记回答）", "Your question (answered from the notes)"),
          style: TextInputStyle.Paragraph,
          required: true,
          max_length: 1000,
        },
      ]),
    ],
  };
}
