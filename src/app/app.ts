// Builds the running application from a validated config: content, database, services, bot.
// Start-up stops here with a clear message when content or the database is not usable.
import { createBot, type Bot } from "../core/bot";
import { systemClock, type Clock } from "../core/clock";
import type { Services } from "../core/commands/types";
import type { Logger } from "../core/ports/logger";
import type { Config } from "../config";
import { openDatabase, type Database_ } from "../db/connect";
import { createStore } from "../db/store";
import { vegaCharts } from "./charts/mastery-chart";
import { loadContent } from "./content-files";
import { tutorFreeText } from "../core/commands/tutor";
import { buildTutor } from "./tutor-wiring";
import { lessonSettingsFrom } from "./scheduler/settings";

export interface App {
  config: Config;
  services: Services;
  bot: Bot;
  db: Database_;
  close(): Promise<void>;
}

export async function createApp(config: Config, logger: Logger, opts: { clock?: Clock } = {}): Promise<App> {
  const index = loadContent(config.CONTENT_DIR);
  const db = await openDatabase(config.DATABASE_URL);
  if (db.applied.length) logger.info({ migrations: db.applied, provider: db.provider }, "database migrated");
  const store = createStore(db.prisma);
  const clock = opts.clock ?? systemClock;
  const services: Services = { index, store, clock, logger, charts: vegaCharts, tutor: buildTutor(config, index, store, clock), lessons: lessonSettingsFrom(config) };
  const bot = createBot(services, { onFreeText: tutorFreeText });
  return { config, services, bot, db, close: () => db.close() };
}
