// Lesson settings from the validated config (the core's LessonSettings plus node-cron's validator).
import type { Config } from "../../config";
import { DEFAULT_RULES } from "../../core/schedule/due";
import type { LessonSettings } from "../../core/schedule/settings";
import { nodeCronParser } from "./cron-parser";

export function lessonSettingsFrom(c: Config): LessonSettings {
  return {
    rules: {
      ...DEFAULT_RULES,
      staleWindowMs: c.LESSON_STALE_HOURS * 3600_000,
      leaseMs: c.LESSON_CLAIM_LEASE_SECONDS * 1000,
      maxAttempts: c.LESSON_MAX_ATTEMPTS,
      backoffBaseMs: c.LESSON_RETRY_BASE_SECONDS * 1000,
    },
    cron: nodeCronParser,
    notesBaseUrl: c.NOTES_BASE_URL,
    reminderTime: c.REMINDER_TIME,
  };
}
