// The offline answer's units: sentences are never cut (abbreviations, decimals, a "?" inside a
// quoted title), lists stay whole with the line introducing them, and glossary names are not
// repeated ("bf16 (bfloat16) (bfloat16)").
import { describe, expect, it } from "vitest";
import { termsLine } from "../../src/core/quiz/render";
import { extractiveAnswer } from "../../src/core/tutor/offline";
import { parsePassage, sentencesOf } from "../../src/core/tutor/sentences";
import { judgeForm } from "../helpers/offline-quality";
import { course } from "../helpers/tutor-app";

const answer = (q: string, lang: "zh" | "en") => {
  const { retriever } = course();
  return extractiveAnswer(q, retriever.retrieve(q, { k: 8 }), lang, 3, retriever.vocabulary);
};

describe("sentences of a note", () => {
  it("does not end a sentence at an abbreviation, a decimal or a '?' inside a quoted title", () => {
    expect(
      sentencesOf("Wei et al. (2022) define it this way: an ability is emergent. Next one."),
    ).toEqual(["Wei et al. (2022) define it this way: an ability is emergent.", "Next one."]);
    expect(sentencesOf("Each name maps to its dtype (e.g. F16) and shape. Then data.")).toEqual([
      "Each name maps to its dtype (e.g. F16) and shape.",
      "Then data.",
    ]);
    expect(sentencesOf('175B = 1.75×10¹¹ = 0.175T. The source says "1.75T".')).toEqual([
      "175B = 1.75×10¹¹ = 0.175T.",
      'The source says "1.75T".',
    ]);
    expect(
      sentencesOf(
        'Schaeffer et al., in "Are Emergent Abilities a Mirage?" (NeurIPS 2023), argue that it is the metric. Next.',
      ),
    ).toEqual([
      'Schaeffer et al., in "Are Emergent Abilities a Mirage?" (NeurIPS 2023), argue that it is the metric.',
      "Next.",
    ]);
    expect(
      sentencesOf("论文《Are Emergent Abilities a Mirage?》提出：很多涌现是假象。第二句。"),
    ).toEqual(["论文《Are Emergent Abilities a Mirage?》提出：很多涌现是假象。", "第二句。"]);
  });

  it("keeps a list as items, introduced by the sentence before it", () => {
    const p = parsePassage(
      "A parameter is learned. Common units:\n\n- **M** (million) = 10⁶\n- **B** (billion) = 10⁹\n\nEnglish units step by 1000.",
    );
    expect(p.blocks.map((b) => b.kind)).toEqual(["paragraph", "list", "paragraph"]);
    expect(p.blocks[1].intro?.text).toBe("Common units:");
    expect(p.blocks[1].units.map((u) => u.text)).toEqual([
      "M (million) = 10⁶",
      "B (billion) = 10⁹",
    ]);
  });
});

describe("offline answers keep sentences and lists whole", () => {
  it("quotes Wei et al.'s definition of emergence whole", () => {
    const r = answer("What is an emergent ability according to Wei et al.?", "en");
    expect(r.text).toContain(
      "Wei et al. (2022) define it this way: an ability is emergent if it is not present in smaller models but is present in larger ones.",
    );
    expect(judgeForm(r.text, r.used, "en").cuts).toEqual([]);
  });

  it("keeps an intro with its whole list, one item a line", () => {
    const r = answer("Where did PaLM's training data come from?", "en");
    expect(r.text).toMatch(
      /come from a mixed corpus of:\n• filtered web pages;\n• books;\n• Wikipedia;\n• news articles;\n• open-source code from GitHub;\n• social-media conversations/,
    );
    const form = judgeForm(r.text, r.used, "en");
    expect([...form.cuts, ...form.lists]).toEqual([]);
  });

  it("never starts a line with '> ' and cites each excerpt with its number", () => {
    const r = answer("why is pickle unsafe?", "en");
    expect(r.text).not.toMatch(/^>/m);
    expect(r.text).toMatch(/^\[1\] /);
    expect(r.used.length).toBeGreaterThan(0);
  });

  it("does not repeat a glossary name its term already shows", () => {
    const bf16 = course().retriever.passage("glossary:bf16")!;
    expect(bf16.text.en).toMatch(/^bf16 \(bfloat16\): /i);
    const glm = course().retriever.passage("glossary:glm")!;
    expect(glm.text.en).not.toMatch(/\(([^()]+)\)\s*\(\1/);
    // The verdict's terms line: "pickle 序列化", not "pickle 序列化 pickle".
    const pickle = course().index.course.glossary.find((g) => g.id === "pickle")!;
    expect(termsLine([{ ...pickle, term: { zh: "pickle 序列化", en: "pickle" } }], "en")).toBe(
      "Terms: pickle 序列化 — /glossary <term>",
    );
  });
});
