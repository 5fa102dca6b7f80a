// The SQLite checkpoint thread (src/db/sqlite-checkpointer.ts): it copies the WAL into the
// database file from its own connection, so the app's commits no longer do it; a failure is
// logged once and stopping always resolves; it runs only while the WAL is being written, and
// once stopped the app's connection closes with the WAL folded in.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/db/connect";
import { startSqliteCheckpointer, watchSqliteWal } from "../../src/db/sqlite-checkpointer";
import type { Logger } from "../../src/core/ports/logger";

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-ckpt-"));
  dirs.push(dir);
  return join(dir, "db.sqlite");
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** [{ busy, log, checkpointed }] for a PASSIVE checkpoint on `db`. */
const walState = (db: Database.Database) =>
  (db.pragma("wal_checkpoint(PASSIVE)") as { log: number; checkpointed: number }[])[0];

describe("SQLite checkpoint thread", () => {
  it("copies the WAL from its own connection, so the writer's WAL restarts small", async () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    // No automatic checkpoint on the writer: only the thread can copy the WAL.
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    for (let i = 0; i < 2000; i++) insert.run("x".repeat(500));
    // Frames in the WAL, from its size (a 32-byte header, then a 24-byte header per page frame);
    // asking the connection would run a checkpoint on it.
    const pageSize = db.pragma("page_size", { simple: true }) as number;
    const framesBefore = (statSync(`${file}-wal`).size - 32) / (pageSize + 24);
    expect(framesBefore).toBeGreaterThan(200);

    let progress = { runs: 0, framesCopied: 0, errors: 0 };
    const ckpt = startSqliteCheckpointer(file, {
      intervalMs: 5,
      onProgress: (s) => (progress = s),
    });
    // However long the thread takes to start (a loaded CI machine), wait for its report.
    await vi.waitFor(() => expect(progress.framesCopied).toBeGreaterThanOrEqual(framesBefore), {
      timeout: 15_000,
    });
    const stats = await ckpt.stop();
    expect(stats.runs).toBeGreaterThan(0);
    expect(stats.framesCopied).toBe(framesBefore);
    expect(stats.errors).toBe(0);

    // Everything was copied, so the writer's next commit starts the WAL over: a handful of frames.
    insert.run("after");
    expect(walState(db).log).toBeLessThan(10);
    expect(db.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 2001 });
    db.close();
  });

  it("logs a failure once and still stops", async () => {
    const warn = vi.fn();
    const logger: Logger = { info() {}, warn, error() {}, debug() {} };
    // No such file: the thread's connection cannot open (fileMustExist).
    const ckpt = startSqliteCheckpointer(join(tempFile(), "missing.sqlite"), { logger });
    await vi.waitFor(() => expect(warn).toHaveBeenCalled());
    await expect(ckpt.stop()).resolves.toBeDefined();
    await expect(ckpt.stop()).resolves.toBeDefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(warn.mock.calls[0])).toMatch(/unable to open|does not exist|missing/i);
  });

  it("starts with writes past the threshold, stops when idle, and lets the WAL be folded in", async () => {
    const file = tempFile();
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
    let copied = 0;
    const watch = watchSqliteWal(file, {
      watchEveryMs: 10,
      startAtBytes: 64 * 1024,
      idleStopMs: 1000,
      intervalMs: 5,
      onProgress: (s) => {
        copied = s.framesCopied;
      },
    });
    // A small WAL does not start the thread.
    db.prepare("INSERT INTO t (v) VALUES (?)").run("small");
    await new Promise((r) => setTimeout(r, 60));
    expect(watch.running).toBe(false);
    // Writes past the threshold do; with no writes after, it stops again.
    const insert = db.prepare("INSERT INTO t (v) VALUES (?)");
    for (let i = 0; i < 300; i++) insert.run("x".repeat(500));
    await vi.waitFor(() => expect(watch.running).toBe(true), { timeout: 15_000 });
    await vi.waitFor(() => expect(copied).toBeGreaterThan(30), { timeout: 15_000 });
    await vi.waitFor(() => expect(watch.running).toBe(false), { timeout: 15_000 });
    const stats = await watch.stop();
    expect(stats.framesCopied).toBeGreaterThan(30);
    // Its connection is closed: the app's, now the last, folds the WAL in and removes it.
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.prepare("SELECT COUNT(*) AS n FROM t").get()).toEqual({ n: 301 });
    check.close();
  });

  it("the app's database opens and closes with its data kept", async () => {
    const file = tempFile();
    const db = await openDatabase(`file:${file}`);
    await db.prisma.learner.create({
      data: { platform: "discord", workspaceId: "w", externalId: "u1", displayName: "U" },
    });
    await db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.prepare(`SELECT COUNT(*) AS n FROM "Learner"`).get()).toEqual({ n: 1 });
    check.close();
  });
});
