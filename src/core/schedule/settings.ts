// The knobs of lesson scheduling, passed in through Services (the app fills them from config).
import type { CronParser } from "./cron";
import { DEFAULT_RULES, type ScheduleRules } from "./due";

export interface LessonSettings {
  rules: ScheduleRules;
  /** Validates advanced cron schedules; without it only weekly slots are accepted. */
  cron?: CronParser;
  /** Base URL where the notes are published (links in lesson messages); unset → file paths. */
  notesBaseUrl?: string;
  /** Local time (HH:mm) after which the day's review reminder is sent. */
  reminderTime: string;
}

export const DEFAULT_LESSON_SETTINGS: LessonSettings = {
  rules: DEFAULT_RULES,
  reminderTime: "09:00",
};
