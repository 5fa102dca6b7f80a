// Issue 14's thresholds for offline answers (no model key), over the labelled answer set
// test/fixtures/offline-answer-facts.yaml (≥ 60 questions, half zh, half en): every key fact
// present in ≥ 90% of answers, "not covered" wrongly in ≤ 2%, and, in every answer, no sentence
// cut, lists whole, no "> " line, no repeated name. `npm run bench` prints the same figures
// (bench/offline-answers.bench.ts).
import { describe, expect, it } from "vitest";
import { loadFactSet, measure } from "../helpers/offline-quality";
import { course } from "../helpers/tutor-app";

describe("offline answers on the labelled answer set", () => {
  const set = loadFactSet();

  it("is a set of at least 60 questions, half zh, half en, each naming real sections and key facts", () => {
    expect(set.length).toBeGreaterThanOrEqual(60);
    expect(set.filter((i) => i.lang === "zh").length).toBe(
      set.filter((i) => i.lang === "en").length,
    );
    for (const i of set) {
      for (const s of [i.section].flat())
        expect(course().index.sections.has(s), `${i.q}: ${s}`).toBe(true);
      expect(i.facts.length, i.q).toBeGreaterThan(0);
    }
  });

  it("states every key fact in ≥ 90%, refuses ≤ 2%, and never cuts a sentence or a list", () => {
    const { retriever } = course();
    const f = measure(retriever, set);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    console.log(
      `offline answers (n=${f.n}): all key facts ${pct(f.allFacts)} (zh ${pct(f.allFactsZh)}, en ${pct(f.allFactsEn)}), not covered ${pct(f.notCovered)}, cut ${pct(f.cut)}, broken lists ${pct(f.brokenLists)}, "> " lines ${pct(f.quoteLines)}, repeated names ${pct(f.duplicates)}`,
    );
    const detail = f.failures.map((x) => `${x.q}: ${x.problems.join("; ")}`).join("\n");
    expect(f.allFacts, detail).toBeGreaterThanOrEqual(0.9);
    expect(f.notCovered, detail).toBeLessThanOrEqual(0.02);
    expect(f.cut, detail).toBe(0);
    expect(f.brokenLists, detail).toBe(0);
    expect(f.quoteLines, detail).toBe(0);
    expect(f.duplicates, detail).toBe(0);
  });
});
