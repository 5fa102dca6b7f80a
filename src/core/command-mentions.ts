// How a surface's users type a command. The core writes "/quiz" in help texts, hints and errors;
// a surface whose commands live under one namespaced command (Slack: "/coursebot quiz") says so
// with Actor.commandPrefix, and every reply is rewritten here at the bot's boundary, so no core
// text names a platform. Only the names of real commands are rewritten, and only where a command
// starts (not inside URLs or paths such as docs/quiz or https://x/help).
import type { Reply } from "./reply";

export const DEFAULT_COMMAND_PREFIX = "/";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Rewrites "/name" to "<prefix>name" for each command name; the identity for the default prefix. */
export function commandMentions(
  prefix: string | undefined,
  names: readonly string[],
): (text: string) => string {
  if (!prefix || prefix === DEFAULT_COMMAND_PREFIX || !names.length) return (t) => t;
  // Longest first so "/forget-me" is not read as a shorter name; a name ends before a letter, digit, - or _.
  const alternation = [...names]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join("|");
  const re = new RegExp(`(?<![\\w/.:@#-])/(${alternation})(?![\\w-])`, "g");
  return (text) => text.replace(re, (_, name: string) => `${prefix}${name}`);
}

/** The same rewrite over every text a reply shows (and the typed shortcuts of its buttons). */
export function rewriteReply(r: Reply, rewrite: (text: string) => string): Reply {
  const w = rewrite;
  return {
    ...r,
    text: w(r.text),
    ...(r.title !== undefined ? { title: w(r.title) } : {}),
    ...(r.footer !== undefined ? { footer: w(r.footer) } : {}),
    ...(r.fields
      ? { fields: r.fields.map((f) => ({ ...f, name: w(f.name), value: w(f.value) })) }
      : {}),
    ...(r.buttons
      ? { buttons: r.buttons.map((b) => (b.command ? { ...b, command: w(b.command) } : b)) }
      : {}),
    ...(r.question ? { question: { ...r.question, howToAnswer: w(r.question.howToAnswer) } } : {}),
  };
}
