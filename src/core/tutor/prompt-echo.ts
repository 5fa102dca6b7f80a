// Whether model output repeats the system prompt: not only its marker (which a model may drop
// or that sanitize.ts removes), but any long verbatim stretch of its rules. The course title and
// the open question's topic are left out: naming them is normal in an answer.

/** This many characters of the rules, verbatim (case and spacing aside), is an echo. */
export const ECHO_CHARS = 40;

const flat = (s: string) => s.normalize("NFKC").toLowerCase().replace(/[*_`~"“”'’]/g, "").replace(/\s+/g, " ").trim();

export function echoesPrompt(output: string, systemPrompt: string, allowed: readonly string[] = []): boolean {
  let rules = flat(systemPrompt);
  // Split the rules around the allowed texts so no window spans them.
  for (const a of allowed.map(flat).filter((a) => a.length >= 3)) rules = rules.split(a).join("\u0000");
  const out = flat(output);
  for (const part of rules.split(/\u0000|\n/)) {
    for (let i = 0; i + ECHO_CHARS <= part.length; i += 8) if (out.includes(part.slice(i, i + ECHO_CHARS))) return true;
  }
  return false;
}
