// Numeric answers in the forms learners naturally type, on the course's own questions: counters
// ("7个"), scientific notation (1.6e14, 1.6×10^14, 1.6×10¹⁴), the question's unit with or without
// a space and in any case, unit synonyms (毫秒 for ms, G for GB, TFLOP/s for FLOP/s), and the
// forms that must still be refused (a unit of the wrong dimension), with a message that says
// what the question expects.
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import type { NumericQuestion } from "../../src/core/content/schema";
import { UserError } from "../../src/core/errors";
import { grade } from "../../src/core/grading/grade";
import { formatInQuestionUnit, formatNumber, splitNumber } from "../../src/core/grading/numeric";
import { parseAnswer } from "../../src/core/grading/parse-answer";

const index = loadContent("content");
const numeric = (id: string) => {
  const q = index.question(id);
  if (q?.type !== "numeric") throw new Error(`${id} is not a numeric question`);
  return q as NumericQuestion;
};
const SEED = "s";
const outcome = (id: string, text: string) => {
  const q = numeric(id);
  try {
    return grade(q, parseAnswer(q, text, SEED), SEED).correct ? "right" : "wrong";
  } catch (e) {
    if (e instanceof UserError) return "refused";
    throw e;
  }
};
const refusal = (id: string, text: string) => {
  try {
    parseAnswer(numeric(id), text, SEED);
  } catch (e) {
    return (e as UserError).text;
  }
  throw new Error(`accepted ${text}`);
};

// [question, typed answer, expected outcome]
const CASES: [string, string, "right" | "wrong" | "refused"][] = [
  // Counts: a bare number, with a Chinese measure word, or a number word.
  ["l03-shard-count", "7", "right"],
  ["l03-shard-count", "7个", "right"],
  ["l03-shard-count", "7 个", "right"],
  ["l03-shard-count", "７个", "right"],
  ["l03-shard-count", "14个", "wrong"],
  ["l03-shard-count", "7 GB", "refused"],
  ["l03-shard-count", "7B", "refused"],
  ["palm-tpu-chips", "6144块", "right"],
  ["palm-tpu-chips", "6,144 块", "right"],
  ["palm-tpu-chips", "约6144块", "right"],
  ["palm-tpu-chips", "6144", "right"],
  ["palm-tpu-chips", "3072块", "wrong"],
  ["palm-tpu-chips", "6144 ms", "refused"],
  ["l01-gpt3-vs-bert-ratio", "500倍", "right"],
  ["l01-gpt3-vs-bert-ratio", "515 倍", "right"],
  ["l01-gpt3-vs-bert-ratio", "515x", "right"],
  ["l01-gpt3-vs-bert-ratio", "515×", "right"],
  ["l01-gpt3-vs-bert-ratio", "about 515 times", "right"],
  ["l01-gpt3-vs-bert-ratio", "1.6倍", "wrong"],
  ["l01-gpt3-vs-bert-ratio", "515 GB", "refused"],
  ["transformer-encoder-layers", "6层", "right"],
  ["transformer-heads", "8个头", "right"],
  ["transformer-heads", "8 heads", "right"], // the noun the prompt asks for ("how many heads")
  ["transformer-heads", "8 layers", "refused"], // any other English noun is too open-ended to guess at
  ["transformer-heads", "8头", "right"],
  ["l05-gpu-hours-check", "172.8万", "right"],
  ["l05-gpu-hours-check", "1.728 million", "right"],
  ["l05-gpu-hours-check", "1,728,000", "right"],
  ["l05-gpu-hours-check", "1.728e6", "right"],
  ["l05-gpu-hours-check", "7.2万", "wrong"],
  // The question's own unit, with or without a space, any case, and its synonyms.
  ["gpt4o-latency", "232", "right"],
  ["gpt4o-latency", "232ms", "right"],
  ["gpt4o-latency", "232 ms", "right"],
  ["gpt4o-latency", "232 MS", "right"],
  ["gpt4o-latency", "232毫秒", "right"],
  ["gpt4o-latency", "232 毫秒", "right"],
  ["gpt4o-latency", "232 milliseconds", "right"],
  ["gpt4o-latency", "0.232 s", "right"],
  ["gpt4o-latency", "0.232秒", "right"],
  ["gpt4o-latency", "320毫秒", "wrong"],
  ["gpt4o-latency", "232 GB", "refused"],
  ["gpt4o-latency", "232个", "refused"],
  // Scientific notation in its written forms, with and without the unit and SI prefixes.
  ["l05-per-gpu-rate", "1.6e14", "right"],
  ["l05-per-gpu-rate", "1.6E14", "right"],
  ["l05-per-gpu-rate", "1.6e+14 FLOP/s", "right"],
  ["l05-per-gpu-rate", "1.6×10^14", "right"],
  ["l05-per-gpu-rate", "1.6 × 10^14 FLOP/s", "right"],
  ["l05-per-gpu-rate", "1.6x10^14", "right"],
  ["l05-per-gpu-rate", "1.6*10**14", "right"],
  ["l05-per-gpu-rate", "1.6×10¹⁴", "right"],
  ["l05-per-gpu-rate", "1.6×10¹⁴ FLOP/s", "right"],
  ["l05-per-gpu-rate", "1.6 · 10¹⁴ flop/s", "right"],
  ["l05-per-gpu-rate", "160 TFLOP/s", "right"],
  ["l05-per-gpu-rate", "160TFLOPS", "right"],
  ["l05-per-gpu-rate", "160 tflops", "right"],
  ["l05-per-gpu-rate", "0.16 PFLOP/s", "right"],
  ["l05-per-gpu-rate", "160000000000000", "right"],
  ["l05-per-gpu-rate", "1.6×10¹⁹", "wrong"],
  ["l05-per-gpu-rate", "10^24 FLOP/s", "wrong"],
  ["l05-per-gpu-rate", "160 TFLOP", "refused"], // a count of operations, not a rate
  ["l05-per-gpu-rate", "1.6e14 ms", "refused"],
  ["l05-6nd", "8.4e23", "right"],
  ["l05-6nd", "8.4e23 FLOP", "right"],
  ["l05-6nd", "8.4e23 FLOPs", "right"],
  ["l05-6nd", "8.4×10²³ FLOP", "right"],
  ["l05-6nd", "8.4 x 10^23 flop", "right"],
  ["l05-6nd", "840 ZFLOP", "right"],
  ["l05-6nd", "1.4e23 FLOP", "wrong"],
  ["l05-6nd", "8.4e23 FLOP/s", "refused"], // a rate, not a total
  ["l05-6nd", "8.4e23 GB", "refused"],
  // Byte sizes: G for GB, words, case; never a parameter count's unit.
  ["weights-memory-fp16", "140G", "right"],
  ["weights-memory-fp16", "140 G", "right"],
  ["weights-memory-fp16", "140gb", "right"],
  ["weights-memory-fp16", "140 GB", "right"],
  ["weights-memory-fp16", "140 gigabytes", "right"],
  ["weights-memory-fp16", "140", "right"],
  ["weights-memory-fp16", "大约140GB左右", "right"],
  ["weights-memory-fp16", "140 GB of memory", "right"],
  ["weights-memory-fp16", "140GB显存", "right"],
  ["weights-memory-fp16", "0.14TB", "right"],
  ["weights-memory-fp16", "70G", "wrong"],
  ["weights-memory-fp16", "140亿", "refused"],
  ["weights-memory-fp16", "140 billion", "refused"],
  ["weights-memory-fp16", "140 ms", "refused"],
  // Parameter and token counts: never a byte size.
  ["palm-largest-size", "540B", "right"],
  ["palm-largest-size", "5400亿", "right"],
  ["palm-largest-size", "5400亿个参数", "right"],
  ["palm-largest-size", "540 billion parameters", "right"],
  ["palm-largest-size", "5.4×10^11", "right"],
  ["palm-largest-size", "5.4×10¹¹", "right"],
  ["palm-largest-size", "540GB", "refused"],
  ["palm-largest-size", "540 ms", "refused"],
  ["palm-training-tokens", "780B tokens", "right"],
  ["palm-training-tokens", "7800亿个词元", "right"],
  ["palm-training-tokens", "780 GB", "refused"],
  ["gpt3-params-in-t", "0.175T", "right"],
  // A conversion question ("175 billion: how many T?") wants the conversion, not the prompt's figure.
  ["gpt3-params-in-t", "175B", "refused"],
  ["gpt3-params-in-t", "1750亿", "refused"],
  ["gpt3-params-in-t", "1.75e11", "refused"],
  ["gpt3-params-in-t", "1.75×10^11", "refused"],
  ["gpt3-params-in-t", "0.175万亿", "right"],
  // A bare count may carry the noun its prompt asks for.
  ["l05-gpu-hours-check", "1,728,000 GPU-hours", "right"],
  ["l05-gpu-hours-check", "1,728,000 days", "refused"],
  ["l04-absolute-offset", "1008 bytes", "right"],
  ["l04-absolute-offset", "1008个字节", "right"],
  // A unit that reads as another magnitude than any plausible answer: "did you mean 26 GB?".
  ["l02-fp16-13b", "26B", "refused"],
  ["l02-fp16-13b", "26 MB", "refused"],
  ["l02-fp16-13b", "26", "right"],
  ["l02-fp16-13b", "13000 MB", "wrong"],
  ["gpt3-params-in-t", "1.75T", "wrong"],
  // Not numbers at all.
  ["gpt4o-latency", "fast", "refused"],
  ["l03-shard-count", "seven", "refused"],
  ["weights-memory-fp16", "what does fp16 mean?", "refused"],
];

describe("numeric answers in natural forms", () => {
  it.each(CASES)("%s: %s → %s", (id, text, expected) => {
    expect(outcome(id, text)).toBe(expected);
  });
});

describe("a numeric answer that is not understood says what was expected", () => {
  it("names the question's unit (en and zh) rather than just 'Type a number'", () => {
    const m = refusal("weights-memory-fp16", "lots");
    expect(m.en).toMatch(/^Type a number, optionally with the unit GB/);
    expect(m.zh).toMatch(/一个数字，可以带单位 GB/);
    const ms = refusal("gpt4o-latency", "quick");
    expect(ms.en).toMatch(/optionally with the unit ms/);
    expect(ms.zh).toMatch(/可以带单位 ms/);
  });
  it("says a unitless question wants a plain number, and names the refused unit", () => {
    const m = refusal("l03-shard-count", "7 GB");
    expect(m.en).toMatch(/wants a plain number, not "GB"/);
    expect(m.en).toMatch(/Type a number without a unit/);
    expect(m.zh).toMatch(/只要一个数字，不要单位（“GB”）/);
  });
  it("names the wrong-dimension unit and the units the question takes", () => {
    const m = refusal("palm-largest-size", "540GB");
    expect(m.en).toMatch(/Unknown unit "GB" for this question/);
    expect(m.en).toMatch(/M, B, T/);
    expect(m.zh).toMatch(/不认识这个单位“GB”/);
    expect(refusal("l05-per-gpu-rate", "160 TFLOP").en).toMatch(/the unit FLOP\/s/);
  });
  it("never gives the answer away in the example", () => {
    for (const id of [
      "weights-memory-fp16",
      "gpt4o-latency",
      "l03-shard-count",
      "palm-largest-size",
      "l05-per-gpu-rate",
    ]) {
      const q = numeric(id);
      const m = refusal(id, "nonsense");
      expect(m.en).not.toContain(String(q.answer.value));
    }
  });
});

describe("reading and writing numbers", () => {
  it("reads superscript exponents before Unicode normalization would flatten them", () => {
    expect(splitNumber("1.6×10¹⁴")).toEqual({ value: 1.6e14, unit: "" });
    expect(splitNumber("10²⁴ FLOP")).toEqual({ value: 1e24, unit: "FLOP" });
    expect(splitNumber("2×10⁻³ s")).toEqual({ value: 2e-3, unit: "s" });
  });
  it("shows very large numbers in scientific form, others as typed", () => {
    expect(formatNumber(1.6e14)).toBe("1.6×10¹⁴");
    expect(formatNumber(8.4e23)).toBe("8.4×10²³");
    expect(formatNumber(1728000)).toBe("1728000");
    expect(formatNumber(0.175)).toBe("0.175");
  });
  it("shows a value in base units in the question's unit", () => {
    expect(formatInQuestionUnit(numeric("weights-memory-fp16"), 2e12)).toBe("2000GB");
    expect(formatInQuestionUnit(numeric("palm-largest-size"), 5.4e12)).toBe("5400B");
    expect(formatInQuestionUnit(numeric("gpt4o-latency"), 320)).toBe("320 ms");
    expect(formatInQuestionUnit(numeric("l05-per-gpu-rate"), 1e24)).toBe("1×10²⁴ FLOP/s");
  });
});
