// The list of every command and action. Adapters and generators (Discord definitions, Slack
// manifest, /help) read this list; adding a command here adds it everywhere.
import { helpCommand, progressCommand, settingsCommand, topicsCommand } from "./basics";
import { lessonActions, lessonCommand } from "./lesson";
import { hintCommand, quizActions, quizCommand, skipCommand } from "./quiz";
import type { ActionDef, CommandDef } from "./types";

export function buildCommands(): CommandDef[] {
  const list: CommandDef[] = [];
  list.push(helpCommand(() => list), topicsCommand, quizCommand, hintCommand, skipCommand, progressCommand, settingsCommand, lessonCommand);
  return list;
}

export function buildActions(): ActionDef[] {
  return [...quizActions, ...lessonActions];
}
