// The coverage gate ("do the notes cover this?") on a labelled set of covered and not-covered
// questions in both languages (test/fixtures/coverage-set.yaml, plus every question of the
// retrieval set, which the notes all cover): at least 90% decided right, and the cases the audit
// found (Chinese and paraphrased questions under the old threshold) covered. Also: which messages
// count as follow-ups, so only those are searched together with earlier turns.
import { readFileSync } from "node:fs";
import { load as parse } from "js-yaml";
import { describe, expect, it } from "vitest";
import { coverage, keepStrong, MIN_COVERAGE } from "../../src/core/tutor/coverage";
import { isFollowUp } from "../../src/core/tutor/followup";
import { course } from "../helpers/tutor-app";

interface Item {
  q: string;
  lang: "zh" | "en";
}
const set = parse(readFileSync("test/fixtures/coverage-set.yaml", "utf8")) as {
  covered: Item[];
  "not-covered": Item[];
};
const retrievalSet = parse(readFileSync("test/fixtures/retrieval-set.yaml", "utf8")) as Item[];

/** The gate as /ask applies it: the 8 best passages, the weak ones dropped, then coverage. */
const covered = (q: string) => {
  const { retriever } = course();
  return (
    coverage(q, keepStrong(retriever.retrieve(q, { k: 8 })), retriever.vocabulary) >= MIN_COVERAGE
  );
};

describe("coverage gate", () => {
  it("the labelled set has ≥ 40 covered and ≥ 20 not-covered questions, in both languages", () => {
    expect(set.covered.length).toBeGreaterThanOrEqual(40);
    expect(set["not-covered"].length).toBeGreaterThanOrEqual(20);
    for (const list of [set.covered, set["not-covered"]])
      for (const lang of ["zh", "en"])
        expect(list.filter((i) => i.lang === lang).length).toBeGreaterThanOrEqual(10);
  });

  it("decides covered / not covered right for ≥ 90% of the labelled questions", () => {
    const items = [
      ...set.covered.map((i) => ({ ...i, want: true })),
      ...retrievalSet.map((i) => ({ ...i, want: true })),
      ...set["not-covered"].map((i) => ({ ...i, want: false })),
    ];
    const wrong = items.filter((i) => covered(i.q) !== i.want);
    const share = (xs: typeof items) =>
      xs.length ? 1 - xs.filter((i) => wrong.includes(i)).length / xs.length : 1;
    const accuracy = 1 - wrong.length / items.length;
    const own = items.filter((i) => !retrievalSet.some((r) => r.q === i.q));
    console.log(
      `coverage gate accuracy: ${(accuracy * 100).toFixed(1)}% of ${items.length} (own set ${(share(own) * 100).toFixed(1)}% of ${own.length}; zh ${(share(items.filter((i) => i.lang === "zh")) * 100).toFixed(1)}%, en ${(share(items.filter((i) => i.lang === "en")) * 100).toFixed(1)}%; not-covered ${(share(items.filter((i) => !i.want)) * 100).toFixed(1)}%)`,
    );
    expect(
      accuracy,
      `wrong: ${wrong.map((w) => `${w.want ? "covered" : "not covered"}: ${w.q}`).join(" | ")}`,
    ).toBeGreaterThanOrEqual(0.9);
    expect(share(own)).toBeGreaterThanOrEqual(0.9);
  });

  it("covers the audit's questions (L1, L8) and not general knowledge", () => {
    expect(covered("GPT和BERT有什么区别")).toBe(true);
    expect(covered("Why can't BERT write text like ChatGPT does?")).toBe(true);
    expect(covered("What is the difference between GPT and BERT?")).toBe(true);
    expect(covered("Who invented the telephone?")).toBe(false);
    expect(covered("谁发明了电话？")).toBe(false);
  });
});

describe("follow-ups", () => {
  it("treats short, anaphoric messages as follow-ups and questions with their own content as new", () => {
    for (const t of [
      "why?",
      "why is that?",
      "那为什么",
      "what about it",
      "为什么呢？",
      "and in fp16?",
      "why not B?",
      "那这个呢",
    ])
      expect(isFollowUp(t), t).toBe(true);
    for (const t of [
      "GPT和BERT有什么区别",
      "What is the difference between GPT and BERT?",
      "量化是什么意思",
      "How is an LLM trained?",
      "what is git lfs",
    ])
      expect(isFollowUp(t), t).toBe(false);
  });
});
