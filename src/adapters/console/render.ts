// Renders core Replies as plain terminal text: title, body, numbered options, fields, footer,
// and the typed equivalents of buttons.
import type { Reply } from "../../core/reply";

export function renderReply(r: Reply): string {
  const out: string[] = [];
  if (r.title) out.push(`== ${r.title} ==`);
  if (r.text) out.push(r.text);
  const q = r.question;
  if (q) {
    for (const o of q.options) out.push(`  ${o.label}`);
    if (q.right?.length) {
      out.push("  ----");
      for (const o of q.right) out.push(`  ${o.label}`);
    }
    out.push(`(${q.howToAnswer})`);
  }
  for (const f of r.fields ?? []) out.push(`${f.name}: ${f.value}`);
  for (const a of r.attachments ?? []) out.push(`[attachment: ${a.filename}, ${a.data.byteLength} bytes${a.description ? ` — ${a.description}` : ""}]`);
  const typed = (r.buttons ?? []).filter((b) => b.command).map((b) => `${b.command} = ${b.label}`);
  if (typed.length) out.push(`[${typed.join(" · ")}]`);
  if (r.footer) out.push(`-- ${r.footer}`);
  return out.join("\n");
}
