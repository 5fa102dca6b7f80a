// The terminal chat: the same commands as Discord and Slack, typed as text. Interactive with a
// prompt on a TTY; when stdin is piped it reads one command or answer per line and ends at end
// of input, so scripts (and the end-to-end test) can drive it. Attachments (/export, the
// /progress chart) are saved as files under `exportDir` and their paths printed.
import { createInterface } from "node:readline";
import type { Actor } from "../../core/actor";
import type { Bot } from "../../core/bot";
import type { Reply } from "../../core/reply";
import { displayPath, saveAttachment } from "./attachments";
import { renderReply, type RenderOptions } from "./render";

export interface ConsoleOptions {
  bot: Bot;
  actor: Actor;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
  interactive?: boolean;
  /** Where attachments are saved (main.ts: the data directory's exports folder). */
  exportDir: string;
  /** ANSI styles for Markdown; default: when the output is a terminal. */
  ansi?: boolean;
}

/** Saves each attachment of a reply; a failure is reported next to it, not thrown. */
export function saveAll(r: Reply, dir: string): RenderOptions["saved"] {
  return (r.attachments ?? []).map((a) => {
    try {
      return { path: displayPath(saveAttachment(dir, a)) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  });
}

export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const interactive = opts.interactive ?? Boolean((input as { isTTY?: boolean }).isTTY);
  const rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
  });
  const ansi = opts.ansi ?? Boolean((output as { isTTY?: boolean }).isTTY);
  const write = (s: string) => output.write(s.endsWith("\n") ? s : `${s}\n`);
  if (interactive) {
    write("coursebot — type /help for commands, /quiz to start, Ctrl-D to quit.");
    rl.setPrompt("> ");
    rl.prompt();
  }
  // Lines are handled one at a time, in order, even when piped faster than they are answered.
  for await (const line of rl) {
    if (!line.trim()) {
      if (interactive) rl.prompt();
      continue;
    }
    if (!interactive) write(`> ${line}`);
    if (/^\/(quit|exit)$/i.test(line.trim())) break;
    const replies = await opts.bot.handleText(opts.actor, line);
    for (const r of replies)
      write(`${renderReply(r, { ansi, saved: saveAll(r, opts.exportDir) })}\n`);
    if (interactive) rl.prompt();
  }
  rl.close();
}
