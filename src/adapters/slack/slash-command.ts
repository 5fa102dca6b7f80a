// Slack's slash command namespace. Slack apps share one list of slash commands per workspace, so
// coursebot registers one command (default /coursebot) and reads the subcommand from its text:
// "/coursebot quiz units 2". Operators who want the old top-level commands (/quiz, /help) turn on
// aliases; then both forms work and the manifest lists both.
import type { CommandDef } from "../../core/commands/types";
import { bilingual, bothLanguages } from "../../core/messages/catalogue";

export interface SlashSettings {
  /** The command's name without the slash (SLACK_COMMAND). */
  command: string;
  /** Also register and answer every command at the top level (SLACK_COMMAND_ALIASES). */
  aliases: boolean;
}

export const DEFAULT_SLASH: SlashSettings = { command: "coursebot", aliases: false };

/** How replies name commands (Actor.commandPrefix): the short form only where it works. */
export function commandPrefix(s: SlashSettings): string {
  return s.aliases ? "/" : `/${s.command} `;
}

export type SlashRoute = { name: string; text: string } | { notRegistered: string };

/** Which core command a slash command Slack sent means, and the rest of its text. */
export function routeSlash(
  slash: string,
  text: string,
  s: SlashSettings,
  commands: CommandDef[],
): SlashRoute {
  const name = slash.replace(/^\//, "").toLowerCase();
  if (name === s.command) {
    const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(text ?? "");
    // A bare "/coursebot" shows the help; "/coursebot /quiz" is forgiven.
    return m
      ? { name: m[1].replace(/^\//, "").toLowerCase(), text: m[2].trim() }
      : { name: "help", text: "" };
  }
  if (s.aliases && commands.some((c) => c.name === name))
    return { name, text: (text ?? "").trim() };
  return { notRegistered: name };
}

/** The reply to a top-level command the app no longer answers (an old manifest, aliases off). */
export function notRegisteredText(name: string, s: SlashSettings): string {
  const [was, now, help] = [`\`/${name}\``, `\`/${s.command} ${name}\``, `\`/${s.command} help\``];
  // Who typed it is not known here (no learner lookup for an unknown command): both languages.
  return bothLanguages(bilingual("adapters.slack.slash-command.notRegistered", { was, now, help }));
}
