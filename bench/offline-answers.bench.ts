// Benchmark of the offline (no model) tutor answers on the labelled answer set
// (test/fixtures/offline-answer-facts.yaml): the share of answers stating every key fact (all, zh,
// en), wrongly answered "not covered", with a sentence cut, with a list broken up, with a line that
// looks typed by the user ("> "), or with a repeated name; the same on a small held-out set
// (test/fixtures/offline-answer-holdout.yaml); and the time to build one answer.
// Discovered by `npm run bench` (bench/*.bench.ts). test/tutor/offline-answer-facts.test.ts
// asserts the thresholds on the same figures.
import { performance } from "node:perf_hooks";
import { loadContent } from "../src/app/content-files";
import { Retriever } from "../src/core/tutor/retriever";
import { loadFactSet, measure, offlineAnswer } from "../test/helpers/offline-quality";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

export default async function (): Promise<{
  title: string;
  rows: Record<string, string | number>[];
  json: unknown;
}> {
  const index = loadContent("content");
  const retriever = new Retriever(index);
  const set = loadFactSet();
  const f = measure(retriever, set);
  const h = measure(retriever, loadFactSet("test/fixtures/offline-answer-holdout.yaml"));
  // Time per answer (search, gate, excerpt), after the warm-up measure() above.
  const ms: number[] = [];
  for (let round = 0; round < 5; round++)
    for (const i of set) {
      const t = performance.now();
      offlineAnswer(retriever, i.q, i.lang);
      ms.push(performance.now() - t);
    }
  ms.sort((a, b) => a - b);
  const p = (q: number) => ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)];
  const rows = [
    { metric: `all key facts present (n=${f.n}; target ≥ 90%)`, value: pct(f.allFacts) },
    { metric: `all key facts present, zh (n=${f.zh})`, value: pct(f.allFactsZh) },
    { metric: `all key facts present, en (n=${f.en})`, value: pct(f.allFactsEn) },
    { metric: `"not covered" wrongly (target ≤ 2%)`, value: pct(f.notCovered) },
    { metric: "answers with a sentence cut", value: pct(f.cut) },
    { metric: "answers with a list broken up", value: pct(f.brokenLists) },
    { metric: `answers with a "> " line`, value: pct(f.quoteLines) },
    { metric: "answers with a repeated name", value: pct(f.duplicates) },
    // Held out: written after the composition was settled, never tuned on.
    { metric: `held-out set: all key facts present (n=${h.n})`, value: pct(h.allFacts) },
    { metric: `held-out set: "not covered" wrongly`, value: pct(h.notCovered) },
    {
      metric: "held-out set: sentence cut / list broken",
      value: `${pct(h.cut)} / ${pct(h.brokenLists)}`,
    },
    { metric: "offline answer p50 (ms)", value: p(0.5).toFixed(2) },
    { metric: "offline answer p99 (ms)", value: p(0.99).toFixed(2) },
  ];
  return {
    title: "Offline tutor answers",
    rows,
    json: { ...f, heldOut: h, latencyMs: { p50: p(0.5), p99: p(0.99), samples: ms.length } },
  };
}
