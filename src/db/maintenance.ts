// Keeps the query planner's table statistics current while the app runs, so the learner path's
// plans (Answer, Card, QuizSession, Learner) stay the cheap ones as those tables grow (issue 19).
// What runs when:
// - SQLite: `PRAGMA optimize` every few hours on the app's one long-lived connection, once more
//   when the connection closes, and once at start when migrations changed the schema. The
//   connection already runs `PRAGMA optimize=0x10002` as it opens (sqlite-adapter.ts). That is
//   SQLite's documented advice (https://sqlite.org/pragma.html#pragma_optimize): "Applications that
//   use long-lived database connections should run PRAGMA optimize=0x10002; when the connection
//   is first opened, and then also run PRAGMA optimize; periodically, perhaps once per day or once
//   per hour", "All applications should run PRAGMA optimize; after a schema change", and
//   short-lived ones "just prior to closing each database connection". The pragma is usually a
//   no-op. It runs ANALYZE only on a table whose indexes lack statistics or whose row count
//   changed tenfold since the last ANALYZE, and caps each ANALYZE with a temporary analysis_limit.
// - PostgreSQL: autovacuum's autoanalyze keeps statistics current, so nothing is scheduled. At
//   start this checks `SHOW autovacuum` and warns once when it is off. After migrations that
//   changed the schema it runs ANALYZE on the learner-path tables at once, so new indexes and
//   columns have statistics before the first learner arrives instead of at autovacuum's next pass.
// Nothing here throws into the caller: a failed statement is logged and the schedule carries on.
import type { Logger } from "../core/ports/logger";
import type { Provider } from "./url";

/** Time between SQLite's periodic `PRAGMA optimize` runs (the docs suggest hourly to daily). */
export const DEFAULT_OPTIMIZE_EVERY_MS = 4 * 60 * 60 * 1000;

/** The tables the learner path reads on every answer; ANALYZEd after a schema change (PostgreSQL). */
export const LEARNER_PATH_TABLES = ["Answer", "Card", "QuizSession", "Learner"] as const;

/** Timers and clock, injectable so tests can use fake time. Handles are unref'd when they can be. */
export interface MaintenanceTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

const realTimers: MaintenanceTimers = {
  // Looked up at call time, so vitest's fake timers replace these too.
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  now: () => performance.now(),
};

export interface MaintenanceOptions {
  provider: Provider;
  /** Runs one SQL statement (on SQLite, on the app's own connection). Its result is only read for SHOW. */
  run: (sql: string) => Promise<unknown>;
  logger: Logger;
  /** Whether the migrations applied at this start changed the schema (Database_.applied is non-empty). */
  schemaChanged?: boolean;
  /** SQLite's optimize period (default DEFAULT_OPTIMIZE_EVERY_MS). */
  everyMs?: number;
  timers?: MaintenanceTimers;
}

/**
 * Stops the schedule, waits for a statement in flight, and on SQLite runs the closing
 * `PRAGMA optimize`. Call it before closing the connection. Never rejects; later calls return the
 * same promise.
 */
export type StopMaintenance = () => Promise<void>;

export function startDatabaseMaintenance(opts: MaintenanceOptions): StopMaintenance {
  const { provider, logger } = opts;
  const timers = opts.timers ?? realTimers;
  const everyMs = opts.everyMs ?? DEFAULT_OPTIMIZE_EVERY_MS;
  let handle: unknown;
  let stopping: Promise<void> | undefined;
  // One statement at a time: the periodic run, the start-time work and the closing run never
  // overlap, and stop() can wait for whatever is running.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };

  /** Runs one statement; resolves to its result, or undefined (logged) when it failed. */
  const attempt = (sql: string, why: string): Promise<unknown> =>
    serially(async () => {
      const t0 = timers.now();
      try {
        const result = await opts.run(sql);
        logger.debug({ sql, ms: Math.round(timers.now() - t0) }, `database maintenance: ${why}`);
        return result;
      } catch (e) {
        logger.warn(
          { sql, err: e instanceof Error ? e.message : String(e) },
          `database maintenance failed (${why}); the app carries on`,
        );
        return undefined;
      }
    });

  const schedule = () => {
    if (stopping) return;
    handle = timers.setTimeout(() => {
      handle = undefined;
      void attempt("PRAGMA optimize", "periodic statistics upkeep").then(schedule);
    }, everyMs);
    // A pending optimize must not keep a finished process (a CLI command, a test) alive.
    (handle as { unref?: () => void } | undefined)?.unref?.();
  };

  if (provider === "sqlite") {
    if (opts.schemaChanged) void attempt("PRAGMA optimize", "after migrations");
    schedule();
  } else {
    void checkAutovacuum(attempt, logger);
    if (opts.schemaChanged)
      for (const table of LEARNER_PATH_TABLES)
        void attempt(`ANALYZE "${table}"`, "statistics after migrations");
  }

  return () => {
    stopping ??= (async () => {
      if (handle !== undefined) timers.clearTimeout(handle);
      handle = undefined;
      await queue;
      if (provider === "sqlite") await attempt("PRAGMA optimize", "at close");
    })();
    return stopping;
  };
}

/** Warns when autovacuum (and with it autoanalyze) is off: statistics then go stale as data grows. */
async function checkAutovacuum(
  attempt: (sql: string, why: string) => Promise<unknown>,
  logger: Logger,
): Promise<void> {
  const result = await attempt("SHOW autovacuum", "autovacuum check");
  if (result === undefined) return; // the failure is already logged
  const value = settingValue(result, "autovacuum");
  if (value === undefined)
    logger.debug({ result: String(result) }, "database maintenance: SHOW autovacuum unreadable");
  else if (value.toLowerCase() !== "on")
    logger.warn(
      { autovacuum: value },
      "PostgreSQL autovacuum is off: nothing re-analyses tables as they grow, so query plans go " +
        "stale; turn it on (autovacuum = on) or schedule ANALYZE",
    );
}

/** A setting's value from SHOW's answer: Prisma's raw rows, or pg's QueryResult ({ rows }). */
function settingValue(result: unknown, name: string): string | undefined {
  const rows = Array.isArray(result)
    ? result
    : Array.isArray((result as { rows?: unknown })?.rows)
      ? (result as { rows: unknown[] }).rows
      : [];
  const value = (rows[0] as Record<string, unknown> | undefined)?.[name];
  return typeof value === "string" ? value : undefined;
}
