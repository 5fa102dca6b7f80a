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
import { createChartService, type ChartService } from "./charts/chart-service";
import { loadCatalogue, readCourseBundles } from "./content-files";
import { createCourseReloader, type CourseReloader } from "./course-reloader";
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
  /** The served course version (polls the database for newly published ones). */
  courses: CourseReloader;
  /** The /progress charts: a PNG cache in front of a worker thread, which close() ends. */
  charts: ChartService;
  close(): Promise<void>;
}

export async function createApp(
  config: Config,
  logger: Logger,
  opts: { clock?: Clock; metrics?: AppMetrics } = {},
): Promise<App> {
  const catalogue = loadCatalogue(config.CONTENT_DIR, config.DEFAULT_COURSE);
  const index = catalogue.default;
  const db = await openDatabaseWithRetry(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE,
    logger,
    deadlineMs: config.DATABASE_START_TIMEOUT_SECONDS * 1000,
    onRetry: ({ attempt, waitMs, error }) =>
      logger.warn({ attempt, waitMs, err: error }, "database not reachable yet; retrying"),
  });
  if (db.applied.length)
    logger.info({ migrations: db.applied, provider: db.provider }, "database migrated");
  const store = createStore(db.prisma, index.course.id);
  const clock = opts.clock ?? systemClock;
  const metrics = opts.metrics ?? createMetrics();
  const bundles = readCourseBundles(config.CONTENT_DIR);
  const courses = await createCourseReloader({
    disk: catalogue.list().map((c) => ({
      index: c,
      files: bundles.get(c.course.id) ?? [],
      version: 0,
    })),
    defaultId: catalogue.defaultId,
    repo: store.courseVersions,
    logger,
    pollMs: config.CONTENT_POLL_SECONDS * 1000,
    // One tutor per course, each retrieving from its own course's notes only; rebuilt for each
    // new version before the version is swapped in.
    buildTutor: (next) =>
      buildTutor(config, next.index, store.forCourse(next.index.course.id), clock),
  });
  courses.start();
  // Rendered off the event loop; the worker starts with the first chart, so an instance that
  // never draws one does not hold vega and the fonts in memory.
  const charts = createChartService({ logger });
  // The catalogue, index and tutors are read per request (the bot copies services into each
  // request's context), so a newly published version reaches every command without a restart.
  const services: Services = {
    get index() {
      return courses.catalogue().default;
    },
    get catalogue() {
      return courses.catalogue();
    },
    get tutor() {
      return courses.tutor(courses.catalogue().defaultId);
    },
    tutorFor: (id) => courses.tutor(id),
    store,
    clock,
    logger,
    metrics,
    charts,
    // Loaded on first use: better-sqlite3 and fflate are not needed to start.
    decks: {
      ankiPackage: async (deck) => (await import("../content-formats/anki-apkg")).ankiPackage(deck),
    },
    lessons: lessonSettingsFrom(config),
    courses,
  };
  const bot = createBot(services, {
    onFreeText: tutorFreeText,
    onHandled: (e) => metrics.observe(e),
  });
  metrics.allowNames([...bot.commands.map((c) => c.name), ...buildActions().map((a) => a.prefix)]);
  return {
    config,
    services,
    bot,
    db,
    metrics,
    courses,
    charts,
    close: async () => {
      courses.stop();
      await Promise.all([charts.close(), db.close()]);
    },
  };
}
