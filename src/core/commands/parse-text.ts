// Reads a typed command line ("/quiz topic:units count:2", "/quiz units 2", "/lesson subscribe
// day:mon") into a command name, an optional subcommand and raw arguments. Used by the console
// and by Slack, whose slash commands arrive as text.
import type { CommandDef } from "./types";

export interface ParsedLine {
  name: string;
  sub?: string;
  args: Record<string, string>;
}

/** Splits on spaces, keeping "quoted strings" and key:"quoted values" together. */
export function splitWords(text: string): string[] {
  const words: string[] = [];
  const re = /(\S+?:)?"([^"]*)"|(\S+?:)?“([^”]*)”|\S+/g;
  for (const m of text.matchAll(re)) {
    if (m[2] !== undefined) words.push((m[1] ?? "") + m[2]);
    else if (m[4] !== undefined) words.push((m[3] ?? "") + m[4]);
    else words.push(m[0]);
  }
  return words;
}

const HELP_WORDS = new Set(["help", "--help", "-h", "?", "帮助"]);

/** "topic: units" (a space after the colon) is "topic:units"; a lone "topic:" at the end stays. */
function joinEmptyKeys(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (/^[a-z][a-z0-9_-]*[:：=]$/i.test(words[i]) && i + 1 < words.length)
      out.push(words[i] + words[++i]);
    else out.push(words[i]);
  }
  return out;
}

/** `line` without the leading slash may be given (Slack passes the command and text apart). */
export function parseCommandLine(line: string, commands: CommandDef[]): ParsedLine | undefined {
  const words = splitWords(line.trim().replace(/^\//, ""));
  const name = (words.shift() ?? "").toLowerCase();
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) return name ? { name, args: {} } : undefined;
  let sub: string | undefined;
  if (
    cmd.subcommands?.length &&
    words.length &&
    !words[0].includes(":") &&
    !HELP_WORDS.has(words[0].toLowerCase())
  )
    sub = words.shift()!.toLowerCase();
  const options = (sub ? cmd.subcommands?.find((s) => s.name === sub)?.options : cmd.options) ?? [];
  // A command with a free-text option (like /ask) takes "word:" as text; elsewhere an unknown
  // "key:value" is kept as an option so the learner hears "unknown option" rather than a guess.
  const freeText = options.some((o) => o.rest);
  // "/lesson subscribe help", "/quiz help": help for that command, not a channel or topic named "help".
  if (!freeText && words.length === 1 && HELP_WORDS.has(words[0].toLowerCase()) && name !== "help")
    return { name: "help", args: { command: sub ? `${name} ${sub}` : name } };
  const args: Record<string, string> = {};
  const positional: string[] = [];
  for (const w of freeText ? words : joinEmptyKeys(words)) {
    const m = /^([a-z][a-z0-9_-]*)[:：=](.+)$/i.exec(w);
    const key = m?.[1].toLowerCase();
    // "/forget-me confirm": an option with a single allowed value may be given by its name alone.
    const flag = !m && options.find((o) => o.name === w.toLowerCase() && o.choices?.length === 1);
    if (flag && !(flag.name in args)) args[flag.name] = String(flag.choices![0].value);
    else if (m && options.some((o) => o.name === key)) args[key!] = m[2];
    else if (m && !freeText && positional.length === 0) args[key!] = m[2];
    else positional.push(w);
  }
  // Positional words fill the remaining options in order; a `rest` option takes the rest of the
  // line (so "/ask what is a token" needs no quotes).
  const free = options.filter((o) => !(o.name in args));
  for (let i = 0; i < free.length && positional.length; i++) {
    args[free[i].name] = free[i].rest ? positional.splice(0).join(" ") : positional.shift()!;
  }
  if (positional.length) args._extra = positional.join(" ");
  return { name, sub, args };
}
