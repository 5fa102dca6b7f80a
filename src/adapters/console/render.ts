// Renders core Replies as terminal text: title, body, numbered options, fields, footer, the
// typed equivalents of buttons, and where each attachment was saved. Markdown in the text is
// turned into plain text (or ANSI styles on a terminal).
import type { Reply } from "../../core/reply";
import { terminalText } from "./markdown";
import { msg } from "../../core/messages/catalogue";

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
  const locale = r.locale ?? "en";
  (r.attachments ?? []).forEach((a, i) => {
    const s = opts.saved?.[i];
    const size = msg(locale, "adapters.console.render.byte", { count: a.data.byteLength });
    const about = `${size}${a.description ? ` — ${a.description}` : ""}`;
    if (s && "path" in s)
      out.push(
        msg(locale, "adapters.console.render.savedTo", {
          filename: a.filename,
          path: s.path,
          about,
        }),
      );
    else if (s)
      out.push(
        msg(locale, "adapters.console.render.attachmentCouldNotSave", {
          filename: a.filename,
          about,
          error: s.error,
        }),
      );
    else
      out.push(msg(locale, "adapters.console.render.attachment", { filename: a.filename, about }));
  });
  const typed = (r.buttons ?? []).filter((b) => b.command).map((b) => `${b.command} = ${b.label}`);
  if (typed.length) out.push(`[${typed.join(" · ")}]`);
  if (r.footer) out.push(`-- ${md(r.footer)}`);
  return out.join("\n");
}
