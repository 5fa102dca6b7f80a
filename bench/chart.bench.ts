// The /progress chart (vega-lite → vega → SVG → resvg PNG) rendered on the main thread, as before
// issue 19, against the app's way: a worker thread (src/app/charts/worker-charts.ts) behind a PNG
// cache (chart-service.ts). For each: the first chart (loading vega and the fonts), then N distinct
// charts requested at once, while the event loop's delay is sampled (perf_hooks, 10 ms resolution
// as in the interaction bench: an idle loop reads about 10 ms there, the idle row shows it). Then
// the same N again through the cache. Charts have 16 bars, like the course's 16 lessons.
// Override N with CHART_N (default 40).
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { createChartService } from "../src/app/charts/chart-service";
import { vegaCharts } from "../src/app/charts/mastery-chart";
import type { ChartPort, MasteryChartData } from "../src/core/ports/charts";
import { round, summarise, type BenchResult } from "./lib/stats";

const N = Number(process.env.CHART_N ?? 40);

/** Chart k of a run: 16 lessons, bars distinct between charts (and between runs, by `salt`). */
function chart(k: number, salt: number): MasteryChartData {
  return {
    title: "Mastery per lesson (%)",
    bars: Array.from({ length: 16 }, (_, i) => ({
      label: `L${i + 1}`,
      pct: (k * 7 + i * 13 + salt * 31) % 101,
    })),
  };
}

/** Runs `work` while sampling the event loop: its delay's p99 and worst in ms, and how busy it
 *  was (event-loop utilisation: the share of the time the main thread ran code, not waited). */
async function sampled<T>(work: () => Promise<T>) {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // The histogram counts from its first tick: a stall starting at once would go unrecorded.
  await sleep(25);
  const busy0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  const result = await work();
  const ms = performance.now() - t0;
  const busy = performance.eventLoopUtilization(busy0).utilization;
  // Renders on this thread may hold the loop from start to end: its sampling timer fires only
  // once they are done, so it is given that turn (and one more) before sampling stops.
  await sleep(25);
  loop.disable();
  return {
    result,
    ms: round(ms, 1),
    loop: {
      p99: round(loop.percentile(99) / 1e6, 1),
      max: round(loop.max / 1e6, 1),
      busyPercent: round(100 * busy, 0),
    },
  };
}

/** N distinct charts asked for at once: wall time, each request's latency, the loop's delay. */
async function burst(port: ChartPort, salt: number) {
  const latency: number[] = [];
  const run = await sampled(() =>
    Promise.all(
      Array.from({ length: N }, async (_, k) => {
        const t = performance.now();
        const png = await port.masteryPng(chart(k, salt));
        latency.push(performance.now() - t);
        return png.byteLength;
      }),
    ),
  );
  return {
    wallMs: run.ms,
    chartsPerSecond: round((N * 1000) / run.ms, 1),
    latency: summarise(latency),
    loop: run.loop,
    meanPngBytes: Math.round(run.result.reduce((a, b) => a + b, 0) / N),
  };
}

/** The app's charts: the first chart, a burst of distinct ones, then the same burst again. */
async function workerRun() {
  const rssBefore = process.memoryUsage().rss;
  // Queue and timeout wide enough that every request of the burst is rendered (the app refuses
  // requests past 50 waiting, and gives up on one after 5 s).
  const service = createChartService({ worker: { maxQueue: N, timeoutMs: 120_000 } });
  try {
    const first = await sampled(() => service.masteryPng(chart(0, 100)));
    const rssGrowthMb = round((process.memoryUsage().rss - rssBefore) / 2 ** 20, 1);
    const burstRun = await burst(service, 1);
    const rendered = service.worker.stats().rendered;
    const cached = await burst(service, 1);
    return {
      first: { ms: first.ms, loop: first.loop },
      rssGrowthMb,
      burst: burstRun,
      cached,
      cachedRenders: service.worker.stats().rendered - rendered,
    };
  } finally {
    await service.close();
  }
}

export default async function (): Promise<BenchResult> {
  const idle = await sampled(() => sleep(1000));

  // The worker first, while vega is not yet loaded in this thread.
  const worker = await workerRun();
  const mainFirst = await sampled(() => vegaCharts.masteryPng(chart(0, 200)));
  const mainBurst = await burst(vegaCharts, 2);

  const row = (
    how: string,
    charts: string,
    r: { ms?: number; loop: { p99: number; max: number; busyPercent: number } },
    extra: Record<string, string | number> = {},
  ) => ({
    "rendered on": how,
    charts,
    "wall ms": r.ms ?? "",
    "charts/s": "",
    "latency p50/p99 ms": "",
    "event loop p99/max ms": `${r.loop.p99}/${r.loop.max}`,
    "main thread busy": `${r.loop.busyPercent} %`,
    ...extra,
  });
  const burstRow = (how: string, b: typeof mainBurst, charts = `${N} distinct at once`) =>
    row(
      how,
      charts,
      { ms: b.wallMs, loop: b.loop },
      {
        "charts/s": b.chartsPerSecond,
        "latency p50/p99 ms": `${b.latency.p50}/${b.latency.p99}`,
      },
    );
  return {
    title: `/progress chart: main thread vs worker thread (${N} charts of 16 bars)`,
    rows: [
      row("(nothing: idle loop)", "none", idle),
      row("main thread", "first (loads vega, fonts)", mainFirst),
      row("worker", "first (starts the thread)", worker.first),
      burstRow("main thread", mainBurst),
      burstRow("worker", worker.burst),
      burstRow(
        "worker + cache",
        worker.cached,
        `the same ${N} again (${worker.cachedRenders} rendered)`,
      ),
    ],
    json: {
      n: N,
      idle: { ms: idle.ms, loop: idle.loop },
      main: { first: { ms: mainFirst.ms, loop: mainFirst.loop }, burst: mainBurst },
      worker,
    },
  };
}
