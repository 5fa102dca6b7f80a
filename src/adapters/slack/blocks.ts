// Core Reply → Slack message (Block Kit): a header for the title, sections for the text and
// fields, the question widgets, an actions row for the buttons and a context line for the
// footer. All text passes through safeMrkdwn/safePlain; the top-level `text` is the
// notification fallback. Slack's limits (50 blocks, 3000-char sections, 10 fields) are kept.
import type { Locale } from "../../core/i18n";
import type { Button, Reply } from "../../core/reply";
import { chunkText, safeMrkdwn, safePlain, truncate } from "./mrkdwn";
import { QUESTION_BLOCK, questionBlocks } from "./question-blocks";

export type Block = Record<string, unknown>;
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** The reply's language as the core chose it (widget labels follow it). */
export function replyLocale(r: Reply): Locale {
  return r.locale ?? "en";
}

const STYLE: Partial<Record<NonNullable<Button["style"]>, string>> = {
  primary: "primary",
  success: "primary",
  danger: "danger",
};

export function buttonElements(buttons: Button[]): Block[] {
  return buttons.slice(0, 25).map((b) => ({
    type: "button",
    action_id: b.id.slice(0, 255),
    text: { type: "plain_text", text: safePlain(b.label, 75), emoji: true },
    ...(STYLE[b.style ?? "secondary"] ? { style: STYLE[b.style ?? "secondary"] } : {}),
  }));
}

/** Blocks for the body of a reply (no buttons); also used by the App Home tab. */
export function bodyBlocks(r: Reply): Block[] {
  const blocks: Block[] = [];
  if (r.title)
    blocks.push({
      type: "header",
      text: { type: "plain_text", text: safePlain(r.title, 150), emoji: true },
    });
  const warn = r.private && (r.tone === "warning" || r.tone === "error") ? ":warning: " : "";
  if (r.text.trim())
    for (const piece of chunkText(r.text))
      blocks.push({
        type: "section",
        text: { type: "mrkdwn", text: warn + safeMrkdwn(piece), verbatim: true },
      });
  const fields = (r.fields ?? []).map((f) => ({
    type: "mrkdwn",
    text: truncate(`*${safeMrkdwn(f.name)}*\n${safeMrkdwn(f.value)}`, 2000),
    verbatim: true,
  }));
  for (let i = 0; i < fields.length; i += 10)
    blocks.push({ type: "section", fields: fields.slice(i, i + 10) });
  return blocks;
}

export function toMessage(r: Reply): SlackMessage {
  const blocks = bodyBlocks(r);
  if (r.question) blocks.push(...questionBlocks(r.question, replyLocale(r)));
  if (r.buttons?.length)
    blocks.push({
      type: "actions",
      block_id: r.question ? `${QUESTION_BLOCK}.controls` : "cb.buttons",
      elements: buttonElements(r.buttons),
    });
  if (r.footer)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: truncate(safeMrkdwn(r.footer), 2900), verbatim: true }],
    });
  const fallback = [r.title, r.text].filter(Boolean).join("\n");
  return { text: truncate(safeMrkdwn(fallback || " "), 3000), blocks: clip(blocks) };
}

/** Keeps the interactive blocks when a reply is too long: text sections are dropped first. */
function clip(blocks: Block[]): Block[] {
  if (blocks.length <= 50) return blocks;
  const keep = blocks.filter((b) => b.type !== "section" || "accessory" in b || "block_id" in b);
  const room = 50 - keep.length - 1;
  const sections = blocks.filter((b) => !keep.includes(b)).slice(0, Math.max(0, room));
  const out = blocks.filter((b) => keep.includes(b) || sections.includes(b));
  out.splice(sections.length + 1, 0, {
    type: "context",
    elements: [{ type: "mrkdwn", text: "…" }],
  });
  return out.slice(0, 50);
}
