// The charts the app serves (services.charts): the PNG cache (png-cache.ts) in front of the worker
// thread that renders (worker-charts.ts). The app closes it on shutdown; the benchmarks build the
// same thing so their /progress costs what the app's does.
import type { ChartPort } from "../../core/ports/charts";
import type { Logger } from "../../core/ports/logger";
import { cachePngs, type CachedCharts, type PngCacheOptions } from "./png-cache";
import { createWorkerCharts, type WorkerCharts, type WorkerChartsOptions } from "./worker-charts";

export interface ChartService extends ChartPort {
  cache: CachedCharts;
  worker: WorkerCharts;
  /** Ends the worker thread (no-op if it never started). */
  close(): Promise<void>;
}

export function createChartService(
  opts: { logger?: Logger; worker?: WorkerChartsOptions; cache?: PngCacheOptions } = {},
): ChartService {
  const worker = createWorkerCharts({ logger: opts.logger, ...opts.worker });
  const cache = cachePngs(worker, opts.cache);
  return {
    masteryPng: (data) => cache.masteryPng(data),
    cache,
    worker,
    close: () => worker.close(),
  };
}
