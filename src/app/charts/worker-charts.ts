// Mastery charts rendered in a worker thread (chart-worker.ts), so vega and resvg (tens of ms a
// chart, about 0.6 s for the first) never block the bot's event loop. Requests wait in a queue
// here and go to the worker by id; the worker starts on the first request, ends after idling
// (giving its memory back), and is replaced when it crashes or a render hangs. A caller waits a
// bounded time and otherwise gets an error (the /progress command then replies with its text bars
// alone).
//
// One worker, not a pool: on the 2-core machines the bot runs on, the main thread needs one core
// for requests and the database driver, so a second render thread would take CPU from the event
// loop (the delay this exists to remove) rather than add throughput; each thread also holds its
// own copy of vega and the fonts (tens of MB). Charts are a small share of requests, and repeats
// are served by the cache in front of this (chart-service.ts) without a render.
import { Worker } from "node:worker_threads";
import type { ChartPort, MasteryChartData } from "../../core/ports/charts";
import type { Logger } from "../../core/ports/logger";
import type { RenderRequest, WorkerReply } from "./chart-messages";

// From src/ (tsx, the tests) the worker starts through a file that loads tsx first; in the build
// (scripts/build.mjs) this code sits in a chunk in dist/, beside dist/chart-worker.js.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const ENTRY = new URL(
  FROM_SOURCE ? "./chart-worker-from-source.mjs" : "./chart-worker.js",
  import.meta.url,
);

/** Requests handed to the worker at once: the next is already there when one finishes. */
const PIPELINE = 2;

export interface WorkerChartsOptions {
  /** How long a caller waits for its chart, queue included (default 5 s); also the longest one
   *  render may take before the worker is deemed stuck and replaced. */
  timeoutMs?: number;
  /** Requests waiting beyond this many are refused at once (default 50): with renders of tens of
   *  ms, more could not finish within the timeout anyway. */
  maxQueue?: number;
  /** The worker's start (loading vega, resvg and fonts, one warm-up render; default 30 s). */
  startTimeoutMs?: number;
  /** A worker with nothing to do for this long ends, giving back its memory (about 50 MB: its
   *  own V8 heap, vega and the fonts); the next chart starts another. Default 10 minutes. */
  idleMs?: number;
  logger?: Logger;
}

export interface WorkerChartStats {
  /** Charts the worker rendered and returned (the warm-up render not counted). */
  rendered: number;
  failed: number;
  workersStarted: number;
  queued: number;
  inFlight: number;
}

export interface WorkerCharts extends ChartPort {
  masteryPng(data: MasteryChartData, opts?: { timeoutMs?: number }): Promise<Uint8Array>;
  /** Starts the worker now if it is not running; resolves once it has warmed up. */
  warm(): Promise<void>;
  /** Refuses new requests, fails the waiting ones and ends the thread. */
  close(): Promise<void>;
  stats(): WorkerChartStats;
  /** The running thread, if any (diagnostics, and tests that end it from outside). */
  readonly thread: Worker | undefined;
}

interface Job {
  id: number;
  data: MasteryChartData;
  timeoutMs: number;
  settled: boolean;
  resolve(png: Uint8Array): void;
  reject(e: Error): void;
  deadline?: NodeJS.Timeout;
}

interface Live {
  thread: Worker;
  ready: boolean;
  /** We ended it (close, a hung render, a slow start): its exit is not a crash. */
  retired: boolean;
  inFlight: Map<number, Job>;
  /** Runs while the oldest request in the worker renders (the worker takes them in order). */
  stall?: NodeJS.Timeout;
  idle?: NodeJS.Timeout;
  startTimer?: NodeJS.Timeout;
  whenReady: Promise<void>;
  markReady(): void;
  failReady(e: Error): void;
}

const unref = (t: NodeJS.Timeout) => {
  t.unref();
  return t;
};

export function createWorkerCharts(opts: WorkerChartsOptions = {}): WorkerCharts {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const maxQueue = opts.maxQueue ?? 50;
  const startTimeoutMs = opts.startTimeoutMs ?? 30_000;
  const idleMs = opts.idleMs ?? 10 * 60_000;
  const queue: Job[] = [];
  const counts = { rendered: 0, failed: 0, workersStarted: 0 };
  let live: Live | undefined;
  let nextId = 1;
  let closed = false;
  let warmWaiters = 0;

  function settle(job: Job, outcome: { png: Uint8Array } | { error: Error }): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.deadline);
    if ("png" in outcome) job.resolve(outcome.png);
    else job.reject(outcome.error);
  }

  /** The thread keeps the process alive only while someone waits for it, and ends when idle. */
  function updateRef(): void {
    const w = live;
    if (!w) return;
    const busy = queue.length > 0 || w.inFlight.size > 0 || warmWaiters > 0;
    if (busy) {
      w.thread.ref();
      clearTimeout(w.idle);
      w.idle = undefined;
    } else {
      w.thread.unref();
      if (w.ready && !w.idle)
        w.idle = unref(setTimeout(() => retire(w, "idle", { requeue: false }), idleMs));
    }
  }

  function restartStall(w: Live): void {
    clearTimeout(w.stall);
    w.stall = undefined;
    const head = w.inFlight.values().next().value;
    if (!head) return;
    w.stall = unref(
      setTimeout(() => {
        counts.failed++;
        settle(head, { error: new Error(`chart render took over ${head.timeoutMs} ms`) });
        retire(w, "a render hung", { requeue: true });
      }, head.timeoutMs),
    );
  }

  function pump(): void {
    if (closed) return;
    if (!live && queue.length) live = spawn();
    const w = live;
    if (w?.ready) {
      while (w.inFlight.size < PIPELINE && queue.length) {
        const job = queue.shift()!;
        const first = w.inFlight.size === 0;
        w.inFlight.set(job.id, job);
        w.thread.postMessage({ id: job.id, data: job.data } satisfies RenderRequest);
        if (first) restartStall(w);
      }
    }
    updateRef();
  }

  /** Ends a thread we no longer trust or need; requests it held go to the next one or fail. */
  function retire(w: Live, why: string, how: { requeue: boolean }): void {
    if (w.retired) return;
    w.retired = true;
    clearTimeout(w.stall);
    clearTimeout(w.startTimer);
    clearTimeout(w.idle);
    if (live === w) live = undefined;
    const held = [...w.inFlight.values()].filter((j) => !j.settled);
    w.inFlight.clear();
    if (how.requeue) queue.unshift(...held);
    else for (const j of held) settle(j, { error: new Error(`chart worker stopped: ${why}`) });
    w.failReady(new Error(`chart worker stopped: ${why}`));
    void w.thread.terminate();
    if (why === "idle") opts.logger?.info({ idleMs }, "chart worker ended after idling");
    else if (why !== "closed") opts.logger?.warn({ why }, "chart worker replaced");
    pump();
  }

  /** The thread ended on its own: crashed, or failed to start. */
  function died(w: Live, error: Error): void {
    if (w.retired) return;
    w.retired = true;
    clearTimeout(w.stall);
    clearTimeout(w.startTimer);
    clearTimeout(w.idle);
    if (live === w) live = undefined;
    // Any request it held may be what crashed it: those fail rather than crash the next thread.
    for (const j of w.inFlight.values()) {
      if (!j.settled) counts.failed++;
      settle(j, { error });
    }
    w.inFlight.clear();
    // A thread that cannot even start would fail the same way for everyone waiting.
    if (!w.ready) for (const j of queue.splice(0)) settle(j, { error });
    w.failReady(error);
    opts.logger?.warn({ err: error.message, started: w.ready }, "chart worker ended");
    pump();
  }

  function spawn(): Live {
    // From source, tsx is registered by the entry itself, not inherited (see that file).
    const thread = new Worker(ENTRY, FROM_SOURCE ? { execArgv: [] } : {});
    counts.workersStarted++;
    const startedAt = performance.now();
    let markReady = () => {};
    let failReady = (_e: Error) => {};
    const whenReady = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failReady = reject;
    });
    whenReady.catch(() => {}); // awaited only by warm()
    const w: Live = {
      thread,
      ready: false,
      retired: false,
      inFlight: new Map(),
      whenReady,
      markReady,
      failReady,
    };
    w.startTimer = unref(
      setTimeout(() => {
        for (const j of queue.splice(0))
          settle(j, { error: new Error(`chart worker did not start within ${startTimeoutMs} ms`) });
        retire(w, "slow start", { requeue: false });
      }, startTimeoutMs),
    );
    let lastError: Error | undefined;
    thread.on("message", (m: WorkerReply) => {
      if (w.retired) return;
      if ("ready" in m) {
        w.ready = true;
        clearTimeout(w.startTimer);
        opts.logger?.info(
          { threadId: thread.threadId, ms: Math.round(performance.now() - startedAt) },
          "chart worker ready",
        );
        w.markReady();
        pump();
        return;
      }
      const job = w.inFlight.get(m.id);
      if (!job) return;
      w.inFlight.delete(m.id);
      if ("png" in m) {
        counts.rendered++;
        settle(job, { png: m.png });
      } else {
        counts.failed++;
        settle(job, { error: new Error(`chart render failed: ${m.error}`) });
      }
      restartStall(w);
      pump();
    });
    thread.on("error", (e) => {
      lastError = e;
    });
    thread.on("exit", (code) => {
      const why = lastError ? `: ${lastError.message}` : "";
      died(w, new Error(`chart worker exited unexpectedly (code ${code})${why}`));
    });
    return w;
  }

  return {
    masteryPng(data, callOpts = {}) {
      if (closed) return Promise.reject(new Error("chart worker closed"));
      if (queue.length >= maxQueue)
        return Promise.reject(new Error(`chart queue full (${queue.length} waiting)`));
      return new Promise<Uint8Array>((resolve, reject) => {
        const job: Job = {
          id: nextId++,
          data,
          timeoutMs: callOpts.timeoutMs ?? timeoutMs,
          settled: false,
          resolve,
          reject,
        };
        job.deadline = unref(
          setTimeout(() => {
            // Still queued: it never reaches the worker. Already there: its reply is dropped.
            const i = queue.indexOf(job);
            if (i >= 0) queue.splice(i, 1);
            settle(job, { error: new Error(`chart not ready within ${job.timeoutMs} ms`) });
            updateRef();
          }, job.timeoutMs),
        );
        queue.push(job);
        pump();
      });
    },
    async warm() {
      if (closed) return;
      if (!live) live = spawn();
      const w = live;
      warmWaiters++;
      updateRef();
      try {
        await w.whenReady;
      } finally {
        warmWaiters--;
        updateRef();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const j of queue.splice(0)) settle(j, { error: new Error("chart worker closed") });
      const w = live;
      if (!w) return;
      const exited = new Promise((r) => w.thread.once("exit", r));
      retire(w, "closed", { requeue: false });
      await exited;
    },
    stats: () => ({
      ...counts,
      queued: queue.length,
      inFlight: live?.inFlight.size ?? 0,
    }),
    get thread() {
      return live?.thread;
    },
  };
}
