// Reads and validates the environment once. A missing or bad variable stops start-up with a
// message naming it. Empty variables count as unset. `.env.example` documents each one.
import { z } from "zod";
import cron from "node-cron";
import { DEFAULT_SQLITE_URL } from "./db/url";

const optional = z.string().optional();
/** true/on/yes/1 or false/off/no/0 (default false). */
const onOff = (name: string) =>
  z
    .string()
    .toLowerCase()
    .refine((v) => /^(true|on|yes|1|false|off|no|0)$/.test(v), `${name} must be true or false`)
    .transform((v) => /^(true|on|yes|1)$/.test(v))
    .default(false);
const url = (name: string) =>
  z.string().url(`${name} must be a URL (e.g. http://127.0.0.1:8080)`).optional();

/** The course today's data belongs to (migration 0006) and the default DEFAULT_COURSE. */
export const DEFAULT_COURSE_ID = "llm-basics";

const fields = z.object({
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/i,
      "DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    )
    .default(DEFAULT_SQLITE_URL),
  DATABASE_START_TIMEOUT_SECONDS: z.coerce
    .number({ error: "DATABASE_START_TIMEOUT_SECONDS must be a number of seconds" })
    .min(0, "DATABASE_START_TIMEOUT_SECONDS must be 0-600")
    .max(600, "DATABASE_START_TIMEOUT_SECONDS must be 0-600")
    .default(60),
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: "DATABASE_POOL_SIZE must be a number" })
    .int()
    .min(1, "DATABASE_POOL_SIZE must be at least 1")
    .max(200, "DATABASE_POOL_SIZE must be at most 200")
    .optional(),
  PORT: z.coerce
    .number({ error: "PORT must be a port number (1-65535)" })
    .int("PORT must be a whole number")
    .min(1, "PORT must be 1-65535")
    .max(65535, "PORT must be 1-65535")
    .optional(),
  HOST: z.string().default("0.0.0.0"),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ error: "SHUTDOWN_TIMEOUT_SECONDS must be a number of seconds" })
    .min(1, "SHUTDOWN_TIMEOUT_SECONDS must be 1-600")
    .max(600, "SHUTDOWN_TIMEOUT_SECONDS must be 1-600")
    .default(10),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  CONTENT_DIR: z.string().default("content"),
  // How often each instance asks the database for a newly published course version.
  CONTENT_POLL_SECONDS: z.coerce
    .number({ error: "CONTENT_POLL_SECONDS must be a number" })
    .min(0.2, "CONTENT_POLL_SECONDS must be at least 0.2")
    .max(3600, "CONTENT_POLL_SECONDS must be at most 3600")
    .default(5),
  /** The course a community runs until an admin picks another (/course use); default llm-basics. */
  DEFAULT_COURSE: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "DEFAULT_COURSE must be a course id (a lowercase slug)")
    .default(DEFAULT_COURSE_ID),
  CONSOLE: z.enum(["on", "off", "auto"]).default("auto"),
  CONSOLE_USER: z.string().max(100).optional(),

  DISCORD_TOKEN: optional,
  DISCORD_APPLICATION_ID: z
    .string()
    .regex(/^\d{5,25}$/, "DISCORD_APPLICATION_ID must be the numeric application id")
    .optional(),
  DISCORD_PUBLIC_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "DISCORD_PUBLIC_KEY must be the 64-character hex public key")
    .optional(),
  DISCORD_API_URL: url("DISCORD_API_URL"),
  DISCORD_GUILD_ID: z
    .string()
    .regex(/^\d{5,25}$/, "DISCORD_GUILD_ID must be a numeric guild id")
    .optional(),
  // Wait after each REST rate-limit reset; unset → DEFAULT_REST_OFFSET_MS (measured, rest.ts).
  DISCORD_REST_OFFSET_MS: z.coerce
    .number({ error: "DISCORD_REST_OFFSET_MS must be a number of milliseconds" })
    .int("DISCORD_REST_OFFSET_MS must be a whole number of milliseconds")
    .min(0, "DISCORD_REST_OFFSET_MS must be 0-1000")
    .max(1000, "DISCORD_REST_OFFSET_MS must be 0-1000")
    .optional(),
  DISCORD_SHARDS: z.union([z.literal("auto"), z.coerce.number().int().min(1)]).optional(),

  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, "SLACK_BOT_TOKEN must start with xoxb-")
    .optional(),
  SLACK_SIGNING_SECRET: optional,
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, "SLACK_APP_TOKEN must start with xapp-")
    .optional(),
  SLACK_API_URL: url("SLACK_API_URL"),
  // One namespaced slash command (/coursebot quiz); top-level aliases (/quiz) only when turned on.
  SLACK_COMMAND: z
    .string()
    .transform((v) => v.replace(/^\//, "").toLowerCase())
    .pipe(
      z
        .string()
        .regex(
          /^[a-z0-9_-]{1,31}$/,
          "SLACK_COMMAND must be a slash command name: 1-31 letters, digits, - or _ (e.g. coursebot)",
        ),
    )
    .default("coursebot"),
  SLACK_COMMAND_ALIASES: onOff("SLACK_COMMAND_ALIASES"),
  // User installs: learners add the app to their own account and quiz in any DM (npm run deploy-commands).
  DISCORD_USER_INSTALL: onOff("DISCORD_USER_INSTALL"),

  OPENAI_API_KEY: optional,
  OPENAI_BASE_URL: url("OPENAI_BASE_URL"),
  OPENAI_MODEL: z.string().default("gpt-4o-mini"),
  OPENAI_EMBEDDING_MODEL: z.string().optional(),

  TUTOR_BUDGET_MAX: z.coerce
    .number({ error: "TUTOR_BUDGET_MAX must be a number" })
    .int("TUTOR_BUDGET_MAX must be a whole number")
    .min(1, "TUTOR_BUDGET_MAX must be at least 1")
    .max(1000, "TUTOR_BUDGET_MAX must be at most 1000")
    .default(10),
  TUTOR_BUDGET_REFILL_SECONDS: z.coerce
    .number({ error: "TUTOR_BUDGET_REFILL_SECONDS must be a number" })
    .int("TUTOR_BUDGET_REFILL_SECONDS must be a whole number")
    .min(1, "TUTOR_BUDGET_REFILL_SECONDS must be at least 1")
    .default(180),
  TUTOR_DAILY_TOKENS: z.coerce
    .number({ error: "TUTOR_DAILY_TOKENS must be a number" })
    .int("TUTOR_DAILY_TOKENS must be a whole number")
    .min(1, "TUTOR_DAILY_TOKENS must be at least 1")
    .default(50_000),
  TUTOR_TIMEOUT_SECONDS: z.coerce
    .number({ error: "TUTOR_TIMEOUT_SECONDS must be a number" })
    .min(1, "TUTOR_TIMEOUT_SECONDS must be at least 1")
    .max(600, "TUTOR_TIMEOUT_SECONDS must be at most 600")
    .default(20),
  TUTOR_MAX_RETRIES: z.coerce
    .number({ error: "TUTOR_MAX_RETRIES must be a number" })
    .int("TUTOR_MAX_RETRIES must be a whole number")
    .min(0, "TUTOR_MAX_RETRIES must be 0-5")
    .max(5, "TUTOR_MAX_RETRIES must be 0-5")
    .default(2),
  LLM_PRICE_INPUT_PER_MTOK: z.coerce
    .number({ error: "LLM_PRICE_INPUT_PER_MTOK must be a number" })
    .min(0, "LLM_PRICE_INPUT_PER_MTOK must not be negative")
    .default(0.15),
  LLM_PRICE_OUTPUT_PER_MTOK: z.coerce
    .number({ error: "LLM_PRICE_OUTPUT_PER_MTOK must be a number" })
    .min(0, "LLM_PRICE_OUTPUT_PER_MTOK must not be negative")
    .default(0.6),
  // Weekly lessons and review reminders (docs/lessons.md).
  SCHEDULER: z.enum(["on", "off"]).default("on"),
  LESSON_TICK_CRON: z
    .string()
    .refine(
      (v) => cron.validate(v),
      "LESSON_TICK_CRON must be a cron expression (e.g. * * * * * for every minute)",
    )
    .default("* * * * *"),
  LESSON_STALE_HOURS: z.coerce
    .number({ error: "LESSON_STALE_HOURS must be a number of hours" })
    .positive("LESSON_STALE_HOURS must be positive")
    .max(24 * 7, "LESSON_STALE_HOURS must be at most 168 (a week)")
    .default(24),
  LESSON_CLAIM_LEASE_SECONDS: z.coerce
    .number({ error: "LESSON_CLAIM_LEASE_SECONDS must be a number" })
    .int()
    .min(10, "LESSON_CLAIM_LEASE_SECONDS must be at least 10")
    .default(30),
  LESSON_MAX_ATTEMPTS: z.coerce
    .number({ error: "LESSON_MAX_ATTEMPTS must be a number" })
    .int()
    .min(1, "LESSON_MAX_ATTEMPTS must be 1-20")
    .max(20, "LESSON_MAX_ATTEMPTS must be 1-20")
    .default(5),
  LESSON_RETRY_BASE_SECONDS: z.coerce
    .number({ error: "LESSON_RETRY_BASE_SECONDS must be a number" })
    .int()
    .min(1, "LESSON_RETRY_BASE_SECONDS must be at least 1")
    .default(60),
  LESSON_SEND_CONCURRENCY: z.coerce
    .number({ error: "LESSON_SEND_CONCURRENCY must be a number" })
    .int()
    .min(1)
    .max(100, "LESSON_SEND_CONCURRENCY must be 1-100")
    .default(8),
  REMINDER_TIME: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "REMINDER_TIME must be HH:mm (24-hour), e.g. 09:00")
    .default("09:00"),
  NOTES_BASE_URL: url("NOTES_BASE_URL"),
  /** Where browsers reach this instance: dashboard links start with it. */
  PUBLIC_URL: z
    .string()
    .regex(
      /^https?:\/\/[^\s/]+(\/[^\s]*)?$/i,
      "PUBLIC_URL must be an http(s) URL, e.g. https://bot.example.org",
    )
    .transform((v) => v.replace(/\/+$/, ""))
    .optional(),
});

const schema = fields.superRefine((c, ctx) => {
  if (c.DISCORD_TOKEN && !c.DISCORD_APPLICATION_ID)
    ctx.addIssue({
      code: "custom",
      path: ["DISCORD_APPLICATION_ID"],
      message: "DISCORD_APPLICATION_ID is required when DISCORD_TOKEN is set",
    });
  if (c.DISCORD_PUBLIC_KEY && !c.DISCORD_APPLICATION_ID)
    ctx.addIssue({
      code: "custom",
      path: ["DISCORD_APPLICATION_ID"],
      message: "DISCORD_APPLICATION_ID is required when DISCORD_PUBLIC_KEY is set",
    });
  if (c.SLACK_APP_TOKEN && !c.SLACK_BOT_TOKEN)
    ctx.addIssue({
      code: "custom",
      path: ["SLACK_BOT_TOKEN"],
      message: "SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set",
    });
  if (c.SLACK_SIGNING_SECRET && !c.SLACK_BOT_TOKEN)
    ctx.addIssue({
      code: "custom",
      path: ["SLACK_BOT_TOKEN"],
      message: "SLACK_BOT_TOKEN is required when SLACK_SIGNING_SECRET is set",
    });
  if (c.SLACK_BOT_TOKEN && !c.SLACK_APP_TOKEN && !c.SLACK_SIGNING_SECRET)
    ctx.addIssue({
      code: "custom",
      path: ["SLACK_SIGNING_SECRET"],
      message:
        "set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode) with SLACK_BOT_TOKEN",
    });
});

export type Config = z.infer<typeof schema>;

/** Every variable this module reads (all documented in .env.example; a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(fields.shape);

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(
      `configuration error:\n${problems.map((p) => `  ${p.variable}: ${p.message}`).join("\n")}`,
    );
    this.name = "ConfigError";
  }
}

/** Parses the given environment (default: process.env). Throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(fields.shape)) {
    const v = env[key];
    if (v !== undefined && v.trim() !== "") cleaned[key] = v.trim();
  }
  const r = schema.safeParse(cleaned);
  if (!r.success)
    throw new ConfigError(
      r.error.issues.map((i) => ({
        variable: String(i.path[0] ?? "environment"),
        message: i.message,
      })),
    );
  return r.data;
}

/**
 * CONTENT_DIR alone, for CLI commands that read only the course (content check/export): the same
 * variable and default as `npm start`, without requiring the rest of the environment to be valid.
 */
export function configuredContentDir(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.CONTENT_DIR?.trim();
  return fields.shape.CONTENT_DIR.parse(v ? v : undefined);
}

/** DEFAULT_COURSE alone, for CLI commands that read only the courses (same rule as `npm start`). */
export function configuredDefaultCourse(env: NodeJS.ProcessEnv = process.env): string {
  const v = env.DEFAULT_COURSE?.trim();
  return fields.shape.DEFAULT_COURSE.parse(v ? v : undefined);
}

/** The Slack command settings alone, for `npm run cli -- slack manifest` (same variables and defaults). */
export function configuredSlackCommand(env: NodeJS.ProcessEnv = process.env): {
  command: string;
  aliases: boolean;
} {
  const pick = (k: "SLACK_COMMAND" | "SLACK_COMMAND_ALIASES") =>
    env[k]?.trim() ? env[k]!.trim() : undefined;
  const r = fields.pick({ SLACK_COMMAND: true, SLACK_COMMAND_ALIASES: true }).safeParse({
    SLACK_COMMAND: pick("SLACK_COMMAND"),
    SLACK_COMMAND_ALIASES: pick("SLACK_COMMAND_ALIASES"),
  });
  if (!r.success)
    throw new ConfigError(
      r.error.issues.map((i) => ({ variable: String(i.path[0]), message: i.message })),
    );
  return { command: r.data.SLACK_COMMAND, aliases: r.data.SLACK_COMMAND_ALIASES };
}

/** The values that must never appear in logs or replies. */
export function secretValues(c: Config): string[] {
  const dbPassword = /\/\/[^:/@]+:([^@]+)@/.exec(c.DATABASE_URL)?.[1];
  return [
    c.DISCORD_TOKEN,
    c.DISCORD_PUBLIC_KEY,
    c.SLACK_BOT_TOKEN,
    c.SLACK_SIGNING_SECRET,
    c.SLACK_APP_TOKEN,
    c.OPENAI_API_KEY,
    dbPassword,
  ].filter((s): s is string => !!s && s.length >= 6);
}

export const platformsConfigured = (c: Config) => ({
  discordGateway: !!c.DISCORD_TOKEN,
  discordHttp: !!c.DISCORD_PUBLIC_KEY,
  slackSocket: !!c.SLACK_APP_TOKEN,
  slackHttp: !!c.SLACK_SIGNING_SECRET && !c.SLACK_APP_TOKEN,
  llm: !!c.OPENAI_API_KEY || !!c.OPENAI_BASE_URL,
});

/** Where dashboard links point: PUBLIC_URL, else this machine on PORT (default 3000). */
export function publicUrl(c: Pick<Config, "PUBLIC_URL" | "PORT">): string {
  return c.PUBLIC_URL ?? `http://localhost:${c.PORT ?? 3000}`;
}
