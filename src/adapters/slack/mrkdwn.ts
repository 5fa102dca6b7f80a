// Safe text for Slack. Everything the bot shows can contain learner or model text, so it is
// escaped for mrkdwn (& < >), which turns <!channel>, <!here>, <@U…>, <#C…> and <!subteam^…>
// into inert literal text; bare @channel/@here/@everyone get a zero-width space (the one
// neutraliser, core/safe-text.ts) so Slack's
// auto-parsing cannot ping anyone. Common Markdown (bold, headings) becomes mrkdwn.
import { truncate as cut, neutraliseMentions } from "../../core/safe-text";

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Markdown from models and notes → Slack mrkdwn (bold, headings, links shown as text). */
export function markdownToMrkdwn(text: string): string {
  return text
    .replace(/^#{1,6}\s+(.+)$/gm, "*$1*")
    .replace(/\*\*([^*\n]+)\*\*/g, "*$1*")
    .replace(/__([^_\n]+)__/g, "*$1*")
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, "$1 ($2)");
}

/** The one function every piece of shown mrkdwn text goes through. */
export function safeMrkdwn(text: string): string {
  return neutraliseMentions(escapeMrkdwn(markdownToMrkdwn(text)));
}

/** Plain-text fields (headers, button and option labels) are not parsed for mentions; still,
 * mention-like tokens and broadcast words are broken (belt and braces: notification previews). */
export function safePlain(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return truncate(neutraliseMentions(flat) || "…", max);
}

/** At most `max` UTF-16 units (the strictest reading of Slack's "characters"), ending in "…" when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${cut(text, max - 1)}…`;
}

/** Splits long text on line breaks into pieces Slack accepts (section text ≤ 3000 chars). */
export function chunkText(text: string, max = 2900): string[] {
  const out: string[] = [];
  let cur = "";
  for (const line of text.split("\n")) {
    const pieces =
      line.length > max ? (line.match(new RegExp(`[\\s\\S]{1,${max}}`, "g")) ?? []) : [line];
    for (const p of pieces) {
      if (cur && cur.length + 1 + p.length > max) {
        out.push(cur);
        cur = p;
      } else cur = cur ? `${cur}\n${p}` : p;
    }
  }
  if (cur) out.push(cur);
  return out.length ? out : [""];
}
