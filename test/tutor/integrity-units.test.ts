// The pieces of the tutor's integrity checks on their own: the normal form, numbers read as the
// grader reads them (number words in both languages included), decoded runs, and Retry-After.
import { APIError } from "openai";
import { describe, expect, it } from "vitest";
import { retryAfterMs } from "../../src/app/llm/retry";
import { decodedRuns } from "../../src/core/tutor/decode-runs";
import { foldText, lettersOnly } from "../../src/core/tutor/fold-text";
import { amountsIn, chineseNumber, englishNumber } from "../../src/core/tutor/number-spans";

describe("integrity checks, piece by piece", () => {
  it("folds width, format characters, marks and look-alike letters, and keeps Chinese and ASCII as they are", () => {
    expect(foldText("Ｔｈｅ ａｎｓｗｅｒ")).toBe("The answer");
    expect(foldText("B\u200b\u00ad\u2060C")).toBe("BC");
    expect(foldText("Сharlie В")).toBe("Charlie B"); // Cyrillic С and В
    expect(foldText("B̲ é")).toBe("B e");
    expect(foldText("统一 1 l I 0 O")).toBe("统一 1 l I 0 O");
    expect(foldText("1.6×10¹⁴")).toBe("1.6x10^14"); // superscripts kept apart; × folds to x, which the grader reads too
    expect(lettersOnly("Y|o|u a-r-e")).toBe("youare");
  });

  it("reads numbers as the grader does, words included", () => {
    expect(englishNumber("one hundred seventy-five billion")).toBe(175e9);
    expect(englishNumber("two point five")).toBe(2.5);
    expect(chineseNumber("一千七百五十亿")).toBe(175e9);
    expect(chineseNumber("两百三十二")).toBe(232);
    expect(chineseNumber("一")).toBeUndefined();
    const values = (t: string, kind: "params" | "bytes" | "plain", unit: string) =>
      amountsIn(t, kind, unit).map((a) => a.value);
    expect(
      values(
        "1.75e11, 175,000,000,000, 0.175 T, 1750亿 and one hundred seventy-five billion",
        "params",
        "T",
      ),
    ).toEqual(Array(5).fill(175e9));
    expect(values("0.232 s or 232毫秒", "plain", "ms")).toEqual([232, 232]);
    expect(values("fp16 takes 2 bytes", "params", "T")).toEqual([]);
    expect(values("8 GB", "plain", "")).toEqual([]);
  });

  it("decodes base64, hex, percent and \\u runs, and leaves plain words alone", () => {
    expect(decodedRuns(`x ${Buffer.from("The answer is B").toString("base64")} y`)).toContain(
      "The answer is B",
    );
    expect(decodedRuns(Buffer.from("答案是B").toString("hex"))).toContain("答案是B");
    expect(decodedRuns("safetensors Transformer GPT3 model.safetensors")).toEqual([]);
  });

  it("reads Retry-After in milliseconds, seconds and as a date", () => {
    const err = (h: Record<string, string>) =>
      new APIError(429, undefined, "rate limited", new Headers(h));
    expect(retryAfterMs(err({ "retry-after-ms": "250" }))).toBe(250);
    expect(retryAfterMs(err({ "retry-after": "60" }))).toBe(60_000);
    expect(
      retryAfterMs(
        err({ "retry-after": new Date(Date.UTC(2030, 0, 1, 0, 1)).toUTCString() }),
        Date.UTC(2030, 0, 1),
      ),
    ).toBe(60_000);
    expect(retryAfterMs(err({}))).toBeUndefined();
  });
});
