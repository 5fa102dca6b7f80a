// Statistics upkeep (src/db/maintenance.ts): SQLite's periodic and closing `PRAGMA optimize` on
// fake time against a real database file (sqlite_stat1 appears), PostgreSQL's autovacuum check
// and the ANALYZE after migrations against a real server (pg_stat_user_tables.last_analyze),
// timers that are unref'd and cancelled by stop, and failures that are logged, never thrown.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../src/core/ports/logger";
import {
  LEARNER_PATH_TABLES,
  type MaintenanceTimers,
  startDatabaseMaintenance,
} from "../../src/db/maintenance";
import { createTestDb } from "../helpers/db";

const HOUR = 60 * 60 * 1000;

function recordingLogger() {
  const warnings: { obj: object; msg?: string }[] = [];
  const logger: Logger = {
    info() {},
    debug() {},
    error() {},
    warn: (obj, msg) => void warnings.push({ obj, msg }),
  };
  return { logger, warnings };
}

/** A SQLite file with a table, its index and rows, never analysed. */
function sqliteWithIndexedRows() {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-maint-"));
  const raw = new Database(join(dir, "m.db"));
  raw.exec(`CREATE TABLE "Answer" (id INTEGER PRIMARY KEY, learnerId TEXT NOT NULL, score REAL);
            CREATE INDEX "Answer_learnerId_idx" ON "Answer"(learnerId);`);
  const insert = raw.prepare(`INSERT INTO "Answer" (learnerId, score) VALUES (?, ?)`);
  raw.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`learner-${i % 50}`, i % 3);
  })();
  const statsFor = (index: string): string[] => {
    const hasStat1 = raw
      .prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'`)
      .get();
    if (!hasStat1) return [];
    return (
      raw.prepare(`SELECT stat FROM sqlite_stat1 WHERE idx = ?`).all(index) as {
        stat: string;
      }[]
    ).map((r) => r.stat);
  };
  return {
    raw,
    statsFor,
    close() {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("database maintenance on SQLite", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs PRAGMA optimize every period and once at stop, and the statistics appear", async () => {
    vi.useFakeTimers();
    const db = sqliteWithIndexedRows();
    const ran: string[] = [];
    const { logger, warnings } = recordingLogger();
    try {
      const stop = startDatabaseMaintenance({
        provider: "sqlite",
        run: async (sql) => {
          ran.push(sql);
          return db.raw.exec(sql);
        },
        logger,
        everyMs: 3 * HOUR,
      });
      await vi.advanceTimersByTimeAsync(3 * HOUR - 1);
      expect(ran).toEqual([]);
      expect(db.statsFor("Answer_learnerId_idx")).toEqual([]);

      await vi.advanceTimersByTimeAsync(1);
      expect(ran).toEqual(["PRAGMA optimize"]);
      // 2,000 rows over 50 learners: "2000 40" (rows, rows per learnerId value).
      expect(db.statsFor("Answer_learnerId_idx")).toEqual(["2000 40"]);

      await vi.advanceTimersByTimeAsync(3 * HOUR);
      expect(ran).toEqual(["PRAGMA optimize", "PRAGMA optimize"]);

      // An index created after the last periodic run gets its statistics from the closing run.
      db.raw.exec(`CREATE INDEX "Answer_score_idx" ON "Answer"(score)`);
      expect(db.statsFor("Answer_score_idx")).toEqual([]);
      await stop();
      expect(ran).toEqual(["PRAGMA optimize", "PRAGMA optimize", "PRAGMA optimize"]);
      expect(db.statsFor("Answer_score_idx")).toEqual(["2000 667"]);

      // Stopped: no timer left, and a second stop runs nothing more.
      expect(vi.getTimerCount()).toBe(0);
      await vi.advanceTimersByTimeAsync(10 * HOUR);
      await stop();
      expect(ran).toHaveLength(3);
      expect(warnings).toEqual([]);
    } finally {
      db.close();
    }
  });

  it("optimizes at once when migrations changed the schema", async () => {
    vi.useFakeTimers();
    const db = sqliteWithIndexedRows();
    try {
      const stop = startDatabaseMaintenance({
        provider: "sqlite",
        run: async (sql) => db.raw.exec(sql),
        logger: recordingLogger().logger,
        schemaChanged: true,
      });
      await vi.advanceTimersByTimeAsync(0);
      expect(db.statsFor("Answer_learnerId_idx")).toEqual(["2000 40"]);
      await stop();
    } finally {
      db.close();
    }
  });

  it("unrefs its timer, so a pending optimize never keeps the process alive", async () => {
    const unref = vi.fn();
    const cleared: unknown[] = [];
    const handle = { unref };
    const timers: MaintenanceTimers = {
      setTimeout: () => handle,
      clearTimeout: (h) => void cleared.push(h),
      now: () => 0,
    };
    const stop = startDatabaseMaintenance({
      provider: "sqlite",
      run: async () => undefined,
      logger: recordingLogger().logger,
      timers,
    });
    expect(unref).toHaveBeenCalledTimes(1);
    await stop();
    expect(cleared).toEqual([handle]);
  });

  it("logs a failing statement, keeps the schedule, and stop still resolves", async () => {
    vi.useFakeTimers();
    const { logger, warnings } = recordingLogger();
    let calls = 0;
    const stop = startDatabaseMaintenance({
      provider: "sqlite",
      run: (sql) => {
        calls++;
        // First a rejected promise, then a synchronous throw: neither may reach the caller.
        if (calls === 1) return Promise.reject(new Error("database is locked"));
        throw new Error(`cannot run ${sql}`);
      },
      logger,
      everyMs: HOUR,
    });
    await vi.advanceTimersByTimeAsync(HOUR);
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(calls).toBe(2);
    await expect(stop()).resolves.toBeUndefined();
    expect(calls).toBe(3);
    expect(warnings.map((w) => (w.obj as { err: string }).err)).toEqual([
      "database is locked",
      "cannot run PRAGMA optimize",
      "cannot run PRAGMA optimize",
    ]);
  });
});

describe("database maintenance on PostgreSQL", () => {
  const lastAnalyze = async (
    query: (sql: string) => Promise<unknown>,
  ): Promise<Record<string, Date | null>> => {
    const rows = (await query(
      `SELECT relname::text AS relname, last_analyze FROM pg_stat_user_tables WHERE relname IN (${LEARNER_PATH_TABLES.map((t) => `'${t}'`).join(", ")})`,
    )) as { relname: string; last_analyze: Date | null }[];
    return Object.fromEntries(rows.map((r) => [r.relname, r.last_analyze]));
  };

  it("checks autovacuum, and ANALYZEs the learner-path tables only after a schema change", async () => {
    const t = await createTestDb("postgres");
    try {
      const run = (sql: string) => t.db.prisma.$queryRawUnsafe(sql);
      const autovacuum = ((await run("SHOW autovacuum")) as { autovacuum: string }[])[0].autovacuum;
      const before = await lastAnalyze(run);
      expect(Object.keys(before).sort()).toEqual([...LEARNER_PATH_TABLES].sort());
      expect(Object.values(before).every((d) => d === null)).toBe(true);

      // No migration applied at this start: only the check runs, nothing is analysed.
      const quiet = recordingLogger();
      await startDatabaseMaintenance({ provider: "postgres", run, logger: quiet.logger })();
      expect(Object.values(await lastAnalyze(run)).every((d) => d === null)).toBe(true);

      const { logger, warnings } = recordingLogger();
      const ran: string[] = [];
      await startDatabaseMaintenance({
        provider: "postgres",
        run: (sql) => {
          ran.push(sql);
          return run(sql);
        },
        logger,
        schemaChanged: true,
      })();
      expect(ran).toEqual([
        "SHOW autovacuum",
        ...LEARNER_PATH_TABLES.map((table) => `ANALYZE "${table}"`),
      ]);
      const after = await lastAnalyze(run);
      for (const table of LEARNER_PATH_TABLES) expect(after[table]).toBeInstanceOf(Date);

      // The warning follows the server's real setting (this test server may run either way).
      for (const w of [quiet.warnings, warnings])
        expect(w.map((x) => x.obj)).toEqual(autovacuum === "on" ? [] : [{ autovacuum }]);
    } finally {
      await t.drop();
    }
  });

  it("warns once when SHOW autovacuum answers off, and reads pg's QueryResult shape too", async () => {
    const { logger, warnings } = recordingLogger();
    await startDatabaseMaintenance({
      provider: "postgres",
      run: async () => ({ rows: [{ autovacuum: "off" }] }),
      logger,
    })();
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/autovacuum is off/);
  });

  it("schedules no timer on PostgreSQL (autovacuum does the periodic work)", async () => {
    vi.useFakeTimers();
    try {
      const stop = startDatabaseMaintenance({
        provider: "postgres",
        run: async () => [{ autovacuum: "on" }],
        logger: recordingLogger().logger,
      });
      expect(vi.getTimerCount()).toBe(0);
      await stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
