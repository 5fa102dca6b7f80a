// The hint-leak check used by the coverage test catches what the grader would accept and a
// correct option's text, and lets a hint repeat the amount the prompt already states.
import { describe, expect, it } from "vitest";
import type { Question } from "../../src/core/content/schema";
import { questionSchema } from "../../src/core/question-types/registry";
import { hintLeaks } from "../helpers/answer-leaks";

const base = {
  lesson: "l",
  section: "s",
  topic: "t",
  difficulty: 1,
  source: "test",
  explanation: { zh: "解释", en: "Explanation" },
};
const numeric = (hint: string): Question =>
  questionSchema.parse({
    ...base,
    id: "n",
    type: "numeric",
    prompt: {
      zh: "GPT-3 有 1750 亿个参数，合多少 T？",
      en: "GPT-3 has 175 billion parameters. How many T?",
    },
    answer: { value: 0.175, unit: "T" },
    unitKind: "params",
    wrongRationale: { zh: "不对", en: "No" },
    hints: [{ zh: hint, en: hint }],
  });
const single = (hint: string): Question =>
  questionSchema.parse({
    ...base,
    id: "s",
    type: "single",
    prompt: { zh: "哪个？", en: "Which?" },
    choices: [
      { id: "a", text: { zh: "参数文件", en: "the parameters file" } },
      { id: "b", text: { zh: "压缩包", en: "a zip archive" }, rationale: { zh: "不对", en: "No" } },
    ],
    answer: "a",
    hints: [{ zh: hint, en: hint }],
  });

describe("hint leaks", () => {
  it("flags a hint holding the numeric answer in any form the grader accepts", () => {
    expect(hintLeaks(numeric("It is 0.175T."))).toHaveLength(2);
    expect(hintLeaks(numeric("大约 1750亿 ÷ 10¹² = 0.175"))).not.toEqual([]);
  });
  it("lets a hint repeat the amount the prompt states, or give the method", () => {
    expect(hintLeaks(numeric("Write 175 billion as a power of ten, then divide by 10¹²."))).toEqual(
      [],
    );
    expect(hintLeaks(numeric("How many B make one T?"))).toEqual([]);
  });
  it("flags a hint containing the correct option's text, whatever the case and punctuation", () => {
    expect(hintLeaks(single("Think: The Parameters-File!"))).toHaveLength(1);
    expect(hintLeaks(single("What does training produce?"))).toEqual([]);
  });
});
