// Benchmark of the tutor's retrieval: recall@3 on the labelled set, the coverage gate's accuracy
// and the offline answer's first citation on their labelled sets, retrieval latency (p50/p99),
// and the prompt tokens one /ask sends versus putting the whole course in the prompt.
// Discovered by `npm run bench` (bench/*.bench.ts); returns rows for the shared runner to print.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { load as parse } from "js-yaml";
import { loadContent } from "../src/app/content-files";
import { countChatTokens, countTextTokens } from "../src/app/llm/tokens";
import { coverage, keepStrong, MIN_COVERAGE } from "../src/core/tutor/coverage";
import { extractiveAnswer } from "../src/core/tutor/offline";
import { buildMessages } from "../src/core/tutor/prompt";
import { Retriever } from "../src/core/tutor/retriever";

interface Item {
  q: string;
  lang: "zh" | "en";
  section: string;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

export default async function (): Promise<{
  title: string;
  rows: Record<string, string | number>[];
  json: unknown;
}> {
  const index = loadContent("content");
  const retriever = new Retriever(index);
  const set = parse(readFileSync("test/fixtures/retrieval-set.yaml", "utf8")) as Item[];

  const rows: Record<string, string | number>[] = [];
  const json: Record<string, unknown> = { questions: set.length };
  for (const lang of ["all", "zh", "en"] as const) {
    const items = set.filter((i) => lang === "all" || i.lang === lang);
    const hits = items.filter((i) =>
      retriever.retrieve(i.q, { k: 3 }).some((p) => p.sectionKey === i.section),
    ).length;
    rows.push({
      metric: `recall@3 (${lang}, n=${items.length})`,
      value: `${((hits / items.length) * 100).toFixed(1)}%`,
    });
    json[`recall3_${lang}`] = hits / items.length;
  }

  // The coverage gate (covered / not covered) and the offline answer's first citation.
  const cov = parse(readFileSync("test/fixtures/coverage-set.yaml", "utf8")) as {
    covered: { q: string }[];
    "not-covered": { q: string }[];
  };
  const gate = [
    ...cov.covered.map((i) => [i.q, true] as const),
    ...set.map((i) => [i.q, true] as const),
    ...cov["not-covered"].map((i) => [i.q, false] as const),
  ];
  const right = gate.filter(
    ([q, want]) =>
      coverage(q, keepStrong(retriever.retrieve(q, { k: 8 })), retriever.vocabulary) >=
        MIN_COVERAGE ===
      want,
  ).length;
  rows.push({
    metric: `coverage gate accuracy (n=${gate.length})`,
    value: `${((right / gate.length) * 100).toFixed(1)}%`,
  });
  json.coverageGateAccuracy = right / gate.length;
  const offline = parse(readFileSync("test/fixtures/offline-answer-set.yaml", "utf8")) as {
    q: string;
    lang: "zh" | "en";
    section: string | string[];
  }[];
  const first = offline.filter((i) =>
    [i.section]
      .flat()
      .includes(
        extractiveAnswer(i.q, retriever.retrieve(i.q, { k: 8 }), i.lang, 3, retriever.vocabulary)
          .used[0]?.sectionKey ?? "",
      ),
  ).length;
  rows.push({
    metric: `offline answer, first citation as expected (n=${offline.length})`,
    value: `${((first / offline.length) * 100).toFixed(1)}%`,
  });
  json.offlineFirstCitation = first / offline.length;

  // Latency: every question, 20 rounds after a warm-up, one sample per retrieval.
  for (const i of set) retriever.retrieve(i.q, { k: 5 });
  const ms: number[] = [];
  for (let round = 0; round < 20; round++)
    for (const i of set) {
      const t = performance.now();
      retriever.retrieve(i.q, { k: 5 });
      ms.push(performance.now() - t);
    }
  ms.sort((a, b) => a - b);
  rows.push(
    { metric: "retrieval p50 (ms)", value: pct(ms, 50).toFixed(3) },
    { metric: "retrieval p99 (ms)", value: pct(ms, 99).toFixed(3) },
  );
  json.latencyMs = { p50: pct(ms, 50), p99: pct(ms, 99), samples: ms.length };

  // Prompt tokens per /ask (system + top-5 passages + question) vs the whole course's notes.
  const perAsk = set
    .map((i) =>
      countChatTokens(
        buildMessages({
          locale: i.lang,
          courseTitle: index.course.title[i.lang],
          passages: retriever.retrieve(i.q, { k: 5 }),
          history: [],
          question: i.q,
        }),
      ),
    )
    .sort((a, b) => a - b);
  const avg = perAsk.reduce((a, b) => a + b, 0) / perAsk.length;
  const course = (lang: "zh" | "en") =>
    countTextTokens(
      index.course.lessons
        .flatMap((l) => l.sections.map((s) => `${s.title[lang]}\n${s.body[lang]}`))
        .join("\n\n") +
        index.course.glossary.map((g) => `${g.term[lang]}: ${g.definition[lang]}`).join("\n"),
    );
  const whole = { zh: course("zh"), en: course("en") };
  rows.push(
    { metric: "prompt tokens per /ask (mean)", value: Math.round(avg) },
    { metric: "prompt tokens per /ask (max)", value: perAsk[perAsk.length - 1] },
    { metric: "whole course in prompt, en (tokens)", value: whole.en },
    { metric: "whole course in prompt, zh (tokens)", value: whole.zh },
    { metric: "saving vs whole course (en)", value: `${(whole.en / avg).toFixed(1)}×` },
  );
  json.promptTokens = { meanPerAsk: avg, maxPerAsk: perAsk[perAsk.length - 1], wholeCourse: whole };
  return { title: "Tutor retrieval", rows, json };
}
