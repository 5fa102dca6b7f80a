// An in-memory LRU of rendered chart PNGs keyed by the chart's data (title and bars), in front of
// any ChartPort: a /progress with unchanged mastery, or another learner with the same bars, costs
// a lookup instead of a render. Bounded in entries and in bytes. Identical requests that arrive
// while the first is still rendering share its render. Failures are not cached.
import { LRUCache } from "lru-cache";
import type { ChartPort, MasteryChartData } from "../../core/ports/charts";

export interface PngCacheOptions {
  /** Most charts kept (default 500). */
  maxEntries?: number;
  /** Most bytes of PNG kept (default 16 MB: a chart is 20–40 KB, so about 500 of them). */
  maxBytes?: number;
}

export interface CachedCharts extends ChartPort {
  /** What the cache holds now, and how requests were served since it was made. */
  cacheStats(): { entries: number; bytes: number; hits: number; misses: number };
}

/** The cache key: everything the picture depends on, and nothing else. */
export function chartKey(data: MasteryChartData): string {
  return JSON.stringify([data.title, data.bars.map((b) => [b.label, b.pct])]);
}

export function cachePngs(inner: ChartPort, opts: PngCacheOptions = {}): CachedCharts {
  // Callers get the cached bytes themselves, not a copy: the adapters only read them (Discord
  // and Slack copy them into their upload, the console writes them to a file).
  const pngs = new LRUCache<string, Uint8Array>({
    max: opts.maxEntries ?? 500,
    maxSize: opts.maxBytes ?? 16 * 1024 * 1024,
    sizeCalculation: (png) => Math.max(1, png.byteLength),
  });
  const rendering = new Map<string, Promise<Uint8Array>>();
  let hits = 0;
  let misses = 0;
  return {
    masteryPng(data) {
      const key = chartKey(data);
      const cached = pngs.get(key) ?? rendering.get(key);
      if (cached) {
        hits++;
        return Promise.resolve(cached);
      }
      misses++;
      const render = inner.masteryPng(data).then(
        (png) => {
          rendering.delete(key);
          pngs.set(key, png);
          return png;
        },
        (e: unknown) => {
          rendering.delete(key);
          throw e;
        },
      );
      rendering.set(key, render);
      return render;
    },
    cacheStats: () => ({ entries: pngs.size, bytes: pngs.calculatedSize, hits, misses }),
  };
}
