// Runs SQLite's WAL checkpoints on a worker thread, off the event loop.
// Why: by default the connection that commits runs a checkpoint whenever the WAL passes 1,000
// pages. It copies those pages into the database file and fsyncs it, synchronously, inside an
// answer's commit: measured on the interaction bench (2 cores, 2026-12-07), 1 % of answer
// transactions took 8-9 ms instead of 0.2 ms, every learner waited behind them, and the paced
// crowd's answer p99 was 10 ms; with the checkpoints elsewhere it was 2 ms.
// Here a second connection, on its own thread, runs a PASSIVE checkpoint (never waits for the
// writer, never blocks it) every `intervalMs`. The app's connection keeps a larger automatic
// checkpoint (sqlite-adapter.ts) as a backstop, so the WAL stays bounded if this thread stops.
// The thread runs only while the database is being written (watchSqliteWal, below).
import { statSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "../core/ports/logger";

export const DEFAULT_CHECKPOINT_EVERY_MS = 50;

export interface CheckpointStats {
  /** Checkpoints run (most copy nothing: the WAL had no new pages). */
  runs: number;
  /** WAL frames copied into the database file (a frame is one page as one commit wrote it). */
  framesCopied: number;
  errors: number;
}

export interface SqliteCheckpointer {
  /** Stops the thread after its current checkpoint; resolves with what it did. */
  stop(): Promise<CheckpointStats>;
}

// Plain JavaScript run with `eval`, so it needs no build step or loader on any Node version.
// The driver's path is resolved by the app and passed in: an eval'd worker resolves from cwd.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
const stats = { runs: 0, framesCopied: 0, errors: 0 };
let prev = { log: 0, checkpointed: 0 };
const tick = () => {
  try {
    // [{ busy, log, checkpointed }]: frames in the WAL and how many of them are in the database
    // file so far (a running total until the writer starts the WAL over).
    const [r] = db.pragma("wal_checkpoint(PASSIVE)");
    stats.runs++;
    const restarted = r.log < prev.log || r.checkpointed < prev.checkpointed;
    const copied = Math.max(0, r.checkpointed - (restarted ? 0 : prev.checkpointed));
    prev = { log: Math.max(0, r.log), checkpointed: Math.max(0, r.checkpointed) };
    if (copied > 0) {
      stats.framesCopied += copied;
      if (workerData.report) parentPort.postMessage({ progress: stats });
    }
  } catch (e) {
    stats.errors++;
    parentPort.postMessage({ error: String(e && e.message ? e.message : e) });
  }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  try { db.close(); } catch {}
  parentPort.postMessage({ stopped: stats });
});
`;

/** Starts checkpointing the SQLite database at `file` (a path, in WAL mode) on a worker thread. */
export function startSqliteCheckpointer(
  file: string,
  opts: {
    intervalMs?: number;
    logger?: Logger;
    /** Called with the running totals after each checkpoint that copied frames. */
    onProgress?: (stats: CheckpointStats) => void;
  } = {},
): SqliteCheckpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: {
      file,
      driver,
      intervalMs: opts.intervalMs ?? DEFAULT_CHECKPOINT_EVERY_MS,
      report: opts.onProgress !== undefined,
    },
  });
  // The thread must not keep the process alive: close() stops it, and an exit without close
  // (a crash, process.exit) loses nothing, since the next open checkpoints the WAL.
  worker.unref();
  let reported = false;
  let last: CheckpointStats = { runs: 0, framesCopied: 0, errors: 0 };
  let exited = false;
  let onStopped = () => {};
  const done = new Promise<void>((resolve) => {
    worker.on("exit", () => {
      exited = true;
      onStopped();
      resolve();
    });
  });
  worker.on(
    "message",
    (m: { error?: string; stopped?: CheckpointStats; progress?: CheckpointStats }) => {
      if (m.progress) opts.onProgress?.(m.progress);
      if (m.stopped) {
        last = m.stopped;
        onStopped();
      }
      // One line for the first failure (a locked or vanished file repeats every tick); the
      // connection's own automatic checkpoint still bounds the WAL meanwhile.
      if (m.error && !reported) {
        reported = true;
        opts.logger?.warn({ error: m.error }, "sqlite background checkpoint failed");
      }
    },
  );
  worker.on("error", (e) => {
    opts.logger?.warn({ error: e.message }, "sqlite checkpoint thread stopped");
  });
  let stopping: Promise<CheckpointStats> | undefined;
  return {
    stop: () =>
      (stopping ??= (async () => {
        if (!exited) {
          const stopped = new Promise<void>((resolve) => {
            onStopped = resolve;
          });
          worker.postMessage("stop");
          await stopped;
          await worker.terminate();
        }
        await done;
        return last;
      })()),
  };
}

/** WAL size from which the thread is worth its memory: SQLite's own checkpoint point (1,000 pages). */
export const DEFAULT_START_AT_BYTES = 1000 * 4096;
/** How often the WAL file is looked at (one stat call). */
export const DEFAULT_WATCH_EVERY_MS = 2_000;
/** A thread whose WAL has not been written for this long is stopped, freeing its memory. */
export const DEFAULT_IDLE_STOP_MS = 10 * 60 * 1000;

export interface WalWatchOptions {
  intervalMs?: number;
  startAtBytes?: number;
  watchEveryMs?: number;
  idleStopMs?: number;
  logger?: Logger;
  onProgress?: (stats: CheckpointStats) => void;
  /** The WAL file's size and last write, or undefined when it does not exist. Tests replace it. */
  statWal?: (file: string) => { size: number; mtimeMs: number } | undefined;
}

const statFile = (file: string) => {
  try {
    const s = statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return undefined;
  }
};

/**
 * Starts the checkpoint thread only while the database is being written: a thread is about 10 MB
 * of resident memory (measured at start-up: 157-162 MB against 144-148 MB without), which an
 * idle or lightly used bot does not need, since its WAL stays under SQLite's own checkpoint
 * point. Every `watchEveryMs` the WAL file is looked at: written since the last look and past
 * `startAtBytes`, the thread starts; unwritten for `idleStopMs`, it stops.
 */
export function watchSqliteWal(
  file: string,
  opts: WalWatchOptions = {},
): SqliteCheckpointer & { readonly running: boolean } {
  const wal = `${file}-wal`;
  const stat = opts.statWal ?? statFile;
  const startAt = opts.startAtBytes ?? DEFAULT_START_AT_BYTES;
  const idleStop = opts.idleStopMs ?? DEFAULT_IDLE_STOP_MS;
  const total: CheckpointStats = { runs: 0, framesCopied: 0, errors: 0 };
  let running: SqliteCheckpointer | undefined;
  let lastWrite = stat(wal)?.mtimeMs ?? 0;
  let lastChange = Date.now();
  const add = (s: CheckpointStats) => {
    total.runs += s.runs;
    total.framesCopied += s.framesCopied;
    total.errors += s.errors;
  };
  let stopping: Promise<void> = Promise.resolve();
  const look = () => {
    const s = stat(wal);
    const written = s !== undefined && s.mtimeMs !== lastWrite;
    if (s) lastWrite = s.mtimeMs;
    const now = Date.now();
    if (written) lastChange = now;
    if (!running && written && s.size >= startAt) {
      running = startSqliteCheckpointer(file, {
        intervalMs: opts.intervalMs,
        logger: opts.logger,
        onProgress: opts.onProgress,
      });
    } else if (running && now - lastChange >= idleStop) {
      const r = running;
      running = undefined;
      stopping = stopping.then(() => r.stop().then(add));
    }
  };
  const timer = setInterval(look, opts.watchEveryMs ?? DEFAULT_WATCH_EVERY_MS);
  timer.unref();
  let stopped: Promise<CheckpointStats> | undefined;
  return {
    get running() {
      return running !== undefined;
    },
    stop: () =>
      (stopped ??= (async () => {
        clearInterval(timer);
        await stopping;
        if (running) add(await running.stop());
        running = undefined;
        return total;
      })()),
  };
}
