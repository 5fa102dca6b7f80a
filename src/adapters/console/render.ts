// Renders core Replies as terminal text: title, body, numbered options, fields, footer, the
// typed equivalents of buttons, and where each attachment was saved. Markdown in the text is
// turned into plain text (or ANSI styles on a terminal).
import type { Reply } from "../../core/reply";
import { terminalText } from "./markdown";

export interface RenderOptions {
  /** ANSI bold/italic (stdout is a terminal); plain text otherwise. */
  ansi?: boolean;
  /** Per attachment, where it was saved, or why it could not be (same order as r.attachments). */
  saved?: ({ path: string } | { error: string } | undefined)[];
}

export function renderReply(r: Reply, opts: RenderOptions = {}): string {
  const md = (s: string) => terminalText(s, { ansi: opts.ansi });
  const out: string[] = [];
  if (r.title) out.push(`== ${md(r.title)} ==`);
  if (r.text) out.push(md(r.text));
  const q = r.question;
  if (q) {
    for (const o of q.options) out.push(`  ${md(o.label)}`);
    if (q.right?.length) {
      out.push("  ----");
      for (const o of q.right) out.push(`  ${md(o.label)}`);
    }
    out.push(`(${q.howToAnswer})`);
  }
  for (const f of r.fields ?? []) out.push(`${md(f.name)}: ${md(f.value)}`);
  // In the reply's language, like the rest of it (the core sets r.locale on every reply).
  const zh = r.locale === "zh";
  (r.attachments ?? []).forEach((a, i) => {
    const s = opts.saved?.[i];
    const size = zh
      ? `${a.data.byteLength} 字节`
      : `${a.data.byteLength} byte${a.data.byteLength === 1 ? "" : "s"}`;
    const about = `${size}${a.description ? ` — ${a.description}` : ""}`;
    if (s && "path" in s)
      out.push(
        zh
          ? `[已将 ${a.filename} 保存到 ${s.path}（${about}）]`
          : `[saved ${a.filename} to ${s.path} (${about})]`,
      );
    else if (s)
      out.push(
        zh
          ? `[附件：${a.filename}，${about}；无法保存：${s.error}]`
          : `[attachment: ${a.filename}, ${about}; could not save it: ${s.error}]`,
      );
    else out.push(zh ? `[附件：${a.filename}，${about}]` : `[attachment: ${a.filename}, ${about}]`);
  });
  const typed = (r.buttons ?? []).filter((b) => b.command).map((b) => `${b.command} = ${b.label}`);
  if (typed.length) out.push(`[${typed.join(" · ")}]`);
  if (r.footer) out.push(`-- ${md(r.footer)}`);
  return out.join("\n");
}
