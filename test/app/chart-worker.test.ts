// The /progress chart renders in a real worker thread (worker-charts.ts → chart-worker.ts) behind
// an LRU of PNGs (png-cache.ts): valid PNGs, repeats served without a render, a hung render or a
// crashed thread fails that request and the next one gets a new thread, close() ends the thread,
// and an idle worker never keeps a process alive.
import { spawnSync } from "node:child_process";
import { threadId } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/app";
import { createChartService, type ChartService } from "../../src/app/charts/chart-service";
import { vegaCharts } from "../../src/app/charts/mastery-chart";
import { createWorkerCharts } from "../../src/app/charts/worker-charts";
import { loadConfig } from "../../src/config";
import type { MasteryChartData } from "../../src/core/ports/charts";
import { actor, createTestApp, recordingLogger } from "../helpers/app";
import { answerQuestions, singleChoice } from "../helpers/learning";
import { answerFor, questionOf } from "../helpers/answers";
import { createTestDatabaseUrl } from "../helpers/db";

const data = (pct = 40): MasteryChartData => ({
  title: "Mastery per lesson (%)",
  bars: [
    { label: "L1", pct },
    { label: "L2", pct: 90 },
    { label: "L3", pct: 0 },
  ],
});

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const opened: { close(): Promise<void> }[] = [];
function track<T extends { close(): Promise<void> }>(x: T): T {
  opened.push(x);
  return x;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

describe("charts rendered in a worker thread", () => {
  it("returns a valid PNG, the same picture as rendering in-process", async () => {
    const charts = track(createWorkerCharts());
    const png = await charts.masteryPng(data());
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.byteLength).toBeGreaterThan(5_000);
    expect(pngSize(png).width).toBeGreaterThan(400);
    expect(pngSize(png).height).toBeGreaterThan(60);
    // Rendered by another thread, which then keeps running for the next request.
    expect(charts.thread?.threadId).toBeGreaterThan(0);
    expect(charts.thread?.threadId).not.toBe(threadId);
    expect(charts.stats()).toMatchObject({ rendered: 1, failed: 0, workersStarted: 1 });
    expect(Buffer.from(png).equals(Buffer.from(await vegaCharts.masteryPng(data())))).toBe(true);
  });

  it("renders requests that arrive together, each with its own picture", async () => {
    const charts = track(createWorkerCharts());
    const pngs = await Promise.all([10, 50, 100].map((pct) => charts.masteryPng(data(pct))));
    expect(new Set(pngs.map((p) => Buffer.from(p).toString("base64"))).size).toBe(3);
    expect(charts.stats()).toMatchObject({ rendered: 3, workersStarted: 1, queued: 0 });
  });

  it("refuses requests beyond the queue's bound at once instead of letting them wait", async () => {
    const charts = track(createWorkerCharts({ maxQueue: 2 }));
    const results = await Promise.allSettled(
      [1, 2, 3, 4].map((pct) => charts.masteryPng(data(pct))),
    );
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
    ]);
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/chart queue full/);
    expect(charts.stats().rendered).toBe(2);
  });

  it("fails a render that takes too long, replaces the worker and renders the next request", async () => {
    const charts = track(createWorkerCharts());
    await charts.warm();
    const first = charts.thread;
    // No render fits in 1 ms: the caller gets an error and the thread is deemed stuck.
    await expect(charts.masteryPng(data(), { timeoutMs: 1 })).rejects.toThrow(
      /chart (not ready within|render took over) 1 ms/,
    );
    const png = await charts.masteryPng(data());
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(charts.thread).not.toBe(first);
    expect(first?.threadId).toBe(-1); // ended
    expect(charts.stats()).toMatchObject({ workersStarted: 2, rendered: 1, failed: 1 });
  });

  it("fails the request a crashed worker held, then starts a new worker for the next", async () => {
    const charts = track(createWorkerCharts());
    await charts.warm();
    const pending = charts.masteryPng(data()).catch((e: Error) => e);
    expect(charts.stats().inFlight).toBe(1);
    // The thread dies under the request, as after a fatal error in it (ended from outside here).
    await charts.thread!.terminate();
    expect(String(await pending)).toMatch(/chart worker exited unexpectedly/);
    const png = await charts.masteryPng(data(70));
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(charts.stats()).toMatchObject({ workersStarted: 2, rendered: 1, failed: 1 });
  });

  it("ends an idle worker and starts another for the next chart", async () => {
    const charts = track(createWorkerCharts({ idleMs: 100 }));
    await charts.masteryPng(data());
    const first = charts.thread!;
    await new Promise((r) => first.once("exit", r));
    expect(charts.thread).toBeUndefined();
    await charts.masteryPng(data(60));
    expect(charts.stats()).toMatchObject({ workersStarted: 2, rendered: 2, failed: 0 });
  });

  it("close() ends the thread, fails what was waiting and refuses later requests", async () => {
    const charts = createWorkerCharts();
    await charts.warm();
    const thread = charts.thread!;
    const pending = charts.masteryPng(data()).catch((e: Error) => e);
    await charts.close();
    expect(String(await pending)).toMatch(/chart worker stopped: closed/);
    expect(thread.threadId).toBe(-1);
    expect(charts.thread).toBeUndefined();
    await expect(charts.masteryPng(data())).rejects.toThrow(/chart worker closed/);
    await charts.close(); // twice is harmless
  });

  it("does not keep a process alive once idle, nor end it while a chart renders", () => {
    // A script that renders once and never closes the worker: it must print and exit by itself.
    const script = `
      import { createWorkerCharts } from ${JSON.stringify(new URL("../../src/app/charts/worker-charts.ts", import.meta.url).href)};
      const png = await createWorkerCharts().masteryPng(${JSON.stringify(data())});
      console.log("png", png.byteLength);
    `;
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", "--input-type=module", "-e", script],
      { encoding: "utf8", timeout: 60_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^png \d{4,}\n$/);
    expect(run.status).toBe(0);
  });
});

describe("the chart cache in front of the worker", () => {
  it("serves a repeated chart from memory without another render", async () => {
    const charts: ChartService = track(createChartService());
    const first = await charts.masteryPng(data());
    const again = await charts.masteryPng(data());
    expect(again).toBe(first);
    expect(charts.worker.stats().rendered).toBe(1);
    expect(charts.cache.cacheStats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
    expect(charts.cache.cacheStats().bytes).toBe(first.byteLength);
    // Other bars are another picture.
    await charts.masteryPng(data(41));
    expect(charts.worker.stats().rendered).toBe(2);
  });

  it("renders once for identical requests that arrive while the first still renders", async () => {
    const charts = track(createChartService());
    const pngs = await Promise.all([1, 2, 3].map(() => charts.masteryPng(data(5))));
    expect(pngs[1]).toBe(pngs[0]);
    expect(pngs[2]).toBe(pngs[0]);
    expect(charts.worker.stats().rendered).toBe(1);
  });

  it("stays within its entry and byte bounds, evicting the least recently used", async () => {
    const counted = track(createChartService({ cache: { maxEntries: 2 } }));
    for (const pct of [1, 2, 3]) await counted.masteryPng(data(pct));
    expect(counted.cache.cacheStats().entries).toBe(2);
    await counted.masteryPng(data(3)); // kept
    await counted.masteryPng(data(1)); // evicted: rendered again
    expect(counted.worker.stats().rendered).toBe(4);

    const one = (await counted.masteryPng(data(2))).byteLength;
    const sized = track(createChartService({ cache: { maxBytes: Math.round(one * 1.5) } }));
    for (const pct of [2, 3]) await sized.masteryPng(data(pct));
    expect(sized.cache.cacheStats().entries).toBe(1);
    expect(sized.cache.cacheStats().bytes).toBeLessThanOrEqual(one * 1.5);
  });

  it("does not cache a failure: the next request renders", async () => {
    const charts = track(createChartService());
    await charts.worker.warm();
    const pending = charts.masteryPng(data()).catch((e: Error) => e);
    await charts.worker.thread!.terminate();
    expect(String(await pending)).toMatch(/exited unexpectedly/);
    expect(charts.cache.cacheStats().entries).toBe(0);
    const png = await charts.masteryPng(data());
    expect([...png.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(charts.cache.cacheStats().entries).toBe(1);
  });
});

describe("the app's charts", () => {
  it("/progress attaches a chart from the worker, and app.close() ends the worker", async () => {
    const t = await createTestDatabaseUrl("sqlite");
    const logger = recordingLogger();
    const app = await createApp(loadConfig({ DATABASE_URL: t.url, CONSOLE: "off" }), logger);
    try {
      const a = actor("chart-learner");
      // No worker until a chart is wanted.
      expect(app.charts.worker.thread).toBeUndefined();
      const q = questionOf(await app.bot.handleCommand(a, "quiz", { count: 1 }))!;
      await app.bot.handleAction(a, `quiz.answer:${q.sessionId}:${q.position}`, answerFor(q));
      const [progress] = await app.bot.handleCommand(a, "progress", {});
      const png = progress.attachments?.[0];
      expect(png).toMatchObject({ filename: "mastery.png", contentType: "image/png" });
      expect([...png!.data.slice(0, 8)]).toEqual(PNG_SIGNATURE);
      const thread = app.charts.worker.thread!;
      expect(app.charts.worker.stats()).toMatchObject({ rendered: 1, workersStarted: 1 });
      expect(logger.lines.some((l) => l.msg === "chart worker ready")).toBe(true);
      await app.close();
      expect(thread.threadId).toBe(-1);
    } finally {
      await app.close(); // a second close is harmless
      await t.drop();
    }
  });

  it("/progress without its chart when the worker cannot render: the bars, and a logged reason", async () => {
    const app = track(await createTestApp("sqlite"));
    const charts = createChartService();
    app.services.charts = charts;
    await charts.close();
    const a = actor("u1");
    await answerQuestions(app, a, singleChoice(app, "genai").slice(0, 1), [true]);
    const [p] = await app.bot.handleText(a, "/progress");
    expect(p.fields?.[0].value).toMatch(/^█?░+ \d+% \(1\/\d+\)$/);
    expect(p.attachments ?? []).toEqual([]);
    expect(app.logger.lines.find((l) => l.msg === "mastery chart failed")?.obj).toEqual({
      err: "chart worker closed",
    });
  });
});
