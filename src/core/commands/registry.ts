// The list of every command and action. Adapters and generators (Discord definitions, Slack
// manifest, /help) read this list; adding a command here adds it everywhere.
import { helpCommand, settingsCommand, topicsCommand } from "./basics";
import { dataRightsActions, exportCommand, forgetMeCommand } from "./data-rights";
import { courseCommand } from "./course";
import { glossaryCommand } from "./glossary";
import { leaderboardCommand } from "./leaderboard";
import { progressCommand } from "./progress";
import { lessonActions, lessonCommand } from "./lesson";
import { hintCommand, quizActions, quizCommand, skipCommand } from "./quiz";
import { reviewCommand } from "./review";
import { statsCommand } from "./stats";
import { dashboardCommand } from "./dashboard";
import { askCommand, tutorActions } from "./tutor";
import { contentActions, contentCommand } from "./content";
import type { ActionDef, CommandDef } from "./types";

export function buildCommands(): CommandDef[] {
  const list: CommandDef[] = [];
  list.push(
    helpCommand(() => list),
    topicsCommand,
    quizCommand,
    hintCommand,
    skipCommand,
    progressCommand,
    settingsCommand,
    askCommand,
    glossaryCommand,
  );
  list.push(
    reviewCommand,
    leaderboardCommand,
    exportCommand,
    forgetMeCommand,
    statsCommand,
    lessonCommand,
    dashboardCommand,
    contentCommand,
    courseCommand,
  );
  return list;
}

export function buildActions(): ActionDef[] {
  return [
    ...quizActions,
    ...dataRightsActions,
    ...tutorActions,
    ...lessonActions,
    ...contentActions,
  ];
}
