// Builds the running application from a validated config: content, database, services, bot.
// Start-up stops here with a clear message when content or the database is not usable.
import { createBot, type Bot } from "../core/bot";
import { systemClock, type Clock } from "../core/clock";
import type { Services } from "../core/commands/types";
import type { Logger } from "../core/ports/logger";
import type { Config } from "../config";
import type { Database_ } from "../db/connect";
import { openDatabaseWithRetry } from "../db/open-with-retry";
import { createStore } from "../db/store";
import { vegaCharts } from "./charts/mastery-chart";
import { loadContent } from "./content-files";
import { tutorFreeText } from "../core/commands/tutor";
import { buildTutor } from "./tutor-wiring";
import { lessonSettingsFrom } from "./scheduler/settings";
import { createMetrics, type AppMetrics } from "./metrics";
import { buildActions } from "../core/commands/registry";

export interface App {
  config: Config;
  services: Services;
  bot: Bot;
  db: Database_;
  metrics: AppMetrics;
  close(): Promise<void>;
}

export async function createApp(
  config: Config,
  logger: Logger,
  opts: { clock?: Clock; metrics?: AppMetrics } = {},
): Promise<App> {
  const index = loadContent(config.CONTENT_DIR);
  const db = await openDatabaseWithRetry(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    deadlineMs: config.DATABASE_START_TIMEOUT_SECONDS * 1000,
    onRetry: ({ attempt, waitMs, error }) =>
      logger.warn({ attempt, waitMs, err: error }, "database not reachable yet; retrying"),
  });
  if (db.applied.length)
    logger.info({ migrations: db.applied, provider: db.provider }, "database migrated");
  const store = createStore(db.prisma);
  const clock = opts.clock ?? systemClock;
  const metrics = opts.metrics ?? createMetrics();
  const services: Services = {
    index,
    store,
    clock,
    logger,
    metrics,
    charts: vegaCharts,
    // Loaded on first use: better-sqlite3 and fflate are not needed to start.
    decks: {
      ankiPackage: async (deck) => (await import("../content-formats/anki-apkg")).ankiPackage(deck),
    },
    tutor: await buildTutor(config, index, store, clock),
    lessons: lessonSettingsFrom(config),
  };
  const bot = createBot(services, {
    onFreeText: tutorFreeText,
    onHandled: (e) => metrics.observe(e),
  });
  metrics.allowNames([...bot.commands.map((c) => c.name), ...buildActions().map((a) => a.prefix)]);
  return { config, services, bot, db, metrics, close: () => db.close() };
}
