// The labelled retrieval set (test/fixtures/retrieval-set.yaml): at least 40 questions in both
// languages, every label a real section, and recall@3 of at least 90%.
import { readFileSync } from "node:fs";
import { load as parse } from "js-yaml";
import { describe, expect, it } from "vitest";
import { course } from "../helpers/tutor-app";

const set = parse(readFileSync("test/fixtures/retrieval-set.yaml", "utf8")) as {
  q: string;
  lang: string;
  section: string;
}[];

describe("retrieval set", () => {
  it("has at least 40 questions, in Chinese and English, each labelled with an existing section", () => {
    expect(set.length).toBeGreaterThanOrEqual(40);
    expect(set.filter((i) => i.lang === "zh").length).toBeGreaterThanOrEqual(15);
    expect(set.filter((i) => i.lang === "en").length).toBeGreaterThanOrEqual(15);
    for (const i of set) expect(course().index.sections.has(i.section), i.section).toBe(true);
  });

  it("reaches recall@3 ≥ 90%", () => {
    const misses = set.filter(
      (i) =>
        !course()
          .retriever.retrieve(i.q, { k: 3 })
          .some((p) => p.sectionKey === i.section),
    );
    const recall = 1 - misses.length / set.length;
    expect(recall, `misses: ${misses.map((m) => m.q).join(" | ")}`).toBeGreaterThanOrEqual(0.9);
  });
});
