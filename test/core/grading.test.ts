// Grading of every question type: right, wrong, partial, and the malformed, empty and oversized
// answers that must be refused with a clear message (nothing graded).
import { describe, expect, it } from "vitest";
import type { Question } from "../../src/core/content/schema";
import { questionSchema } from "../../src/core/question-types/registry";
import { UserError } from "../../src/core/errors";
import { grade } from "../../src/core/grading/grade";
import { parseAnswer } from "../../src/core/grading/parse-answer";
import { displayOptions, displayRight, LETTERS } from "../../src/core/grading/present";
import { toBaseUnits } from "../../src/core/grading/numeric";

const base = {
  lesson: "l",
  section: "s",
  topic: "t",
  difficulty: 2,
  prompt: { zh: "问题", en: "Question" },
  explanation: { zh: "解释", en: "Explanation" },
  hints: [{ zh: "提示", en: "Hint" }],
  source: "test",
};
const b = (en: string) => ({ zh: `中文${en}`, en });
const q = (data: object): Question => questionSchema.parse({ ...base, ...data });

const single = q({
  id: "single",
  type: "single",
  answer: "right",
  choices: [
    { id: "right", text: b("Right") },
    { id: "wrong", text: b("Wrong"), rationale: b("why wrong") },
    { id: "other", text: b("Other"), rationale: b("why other") },
  ],
});
const multi = (scoring: string) =>
  q({
    id: `multi-${scoring}`,
    type: "multiple",
    scoring,
    answer: ["a", "b"],
    choices: [
      { id: "a", text: b("A") },
      { id: "b", text: b("B") },
      { id: "c", text: b("C"), rationale: b("c is wrong") },
      { id: "d", text: b("D"), rationale: b("d is wrong") },
    ],
  });
const tf = q({ id: "tf", type: "true-false", answer: false, wrongRationale: b("it is false") });
const num = q({
  id: "num",
  type: "numeric",
  answer: { value: 0.175, unit: "T" },
  unitKind: "params",
  tolerance: 0.01,
  wrongRationale: b("convert"),
  mistakes: [{ value: 1.75, unit: "T", rationale: b("ten times too big") }],
});
const bytes = q({
  id: "bytes",
  type: "numeric",
  answer: { value: 140, unit: "GB" },
  unitKind: "bytes",
  tolerance: 0.05,
  wrongRationale: b("2 bytes each"),
});
const order = q({
  id: "order",
  type: "ordering",
  answer: ["x", "y", "z", "w"],
  wrongRationale: b("order"),
  items: [
    { id: "x", text: b("X") },
    { id: "y", text: b("Y") },
    { id: "z", text: b("Z") },
    { id: "w", text: b("W") },
  ],
});
const match = q({
  id: "match",
  type: "matching",
  answer: { "m-1": "r-1", "m-2": "r-2", "m-3": "r-3" },
  wrongRationale: b("pairs"),
  left: [
    { id: "m-1", text: b("M1") },
    { id: "m-2", text: b("M2") },
    { id: "m-3", text: b("M3") },
  ],
  right: [
    { id: "r-1", text: b("R1") },
    { id: "r-2", text: b("R2") },
    { id: "r-3", text: b("R3") },
    { id: "r-4", text: b("R4") },
  ],
});

const SEED = "session-1";
const letterOf = (qq: Question, id: string) =>
  LETTERS[displayOptions(qq, SEED).findIndex((o) => o.id === id)];
const run = (qq: Question, input: string | { ids: string[] }) =>
  grade(qq, parseAnswer(qq, input, SEED), SEED);
const refused = (qq: Question, input: string | { ids: string[] }) => {
  try {
    parseAnswer(qq, input, SEED);
  } catch (e) {
    expect(e).toBeInstanceOf(UserError);
    return (e as UserError).text.en;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
};

describe("single choice", () => {
  it("accepts the letter, the number, the id and the text", () => {
    const letter = letterOf(single, "right");
    expect(run(single, letter).correct).toBe(true);
    expect(run(single, letter.toLowerCase()).correct).toBe(true);
    expect(run(single, String(LETTERS.indexOf(letter) + 1)).correct).toBe(true);
    expect(run(single, { ids: ["right"] }).correct).toBe(true);
    expect(run(single, "Right").correct).toBe(true);
    expect(run(single, "中文Right").correct).toBe(true);
  });
  it("explains a wrong pick with that choice's rationale", () => {
    const r = run(single, letterOf(single, "wrong"));
    expect(r).toMatchObject({ verdict: "wrong", correct: false, score: 0 });
    expect(r.feedback).toEqual([b("why wrong")]);
    expect(r.explanation.en).toBe("Explanation");
    expect(r.correctAnswer.en).toContain("Right");
  });
  it("refuses options that do not exist", () => {
    expect(refused(single, "E")).toMatch(/Pick one option/);
    expect(refused(single, "9")).toMatch(/Pick one option/);
    expect(refused(single, { ids: ["right", "wrong"] })).toMatch(/Pick one option/);
  });
});

describe("multiple choice", () => {
  it("all-or-nothing gives 0 for a partly right answer", () => {
    expect(run(multi("all-or-nothing"), { ids: ["a", "b"] })).toMatchObject({
      verdict: "correct",
      score: 1,
    });
    expect(run(multi("all-or-nothing"), { ids: ["a"] })).toMatchObject({
      verdict: "wrong",
      score: 0,
    });
  });
  it("partial credit subtracts wrong picks and never goes negative", () => {
    const m = multi("partial");
    expect(run(m, { ids: ["a"] })).toMatchObject({ verdict: "partial", score: 0.5 });
    expect(run(m, { ids: ["a", "c"] })).toMatchObject({ verdict: "wrong", score: 0 });
    expect(run(m, { ids: ["c", "d"] }).score).toBe(0);
    expect(run(m, { ids: ["a", "c"] }).feedback).toEqual([b("c is wrong")]);
  });
  it("reads typed letters in any separator, including run together", () => {
    const m = multi("partial");
    const [la, lb] = [letterOf(m, "a"), letterOf(m, "b")];
    expect(run(m, `${la}, ${lb}`).correct).toBe(true);
    expect(run(m, `${la}${lb}`).correct).toBe(true);
    expect(run(m, `${la}，${lb}`).correct).toBe(true);
    expect(refused(m, "A Z")).toMatch(/not one of the options/);
  });
});

describe("true/false", () => {
  it("accepts words in both languages", () => {
    for (const word of ["false", "F", "no", "错", "2", "b"])
      expect(run(tf, word).correct).toBe(true);
    const wrong = run(tf, "对");
    expect(wrong.correct).toBe(false);
    expect(wrong.feedback).toEqual([b("it is false")]);
  });
  it("refuses anything else", () => {
    expect(refused(tf, "maybe")).toMatch(/true or false/);
  });
});

describe("numeric with units", () => {
  it.each([
    "0.175T",
    "0.175 T",
    "175B",
    "175 billion",
    "1750亿",
    "1,750 亿",
    "1.75e11",
    "175000000000",
    "175B parameters",
    "0.1751T",
  ])("accepts %s for 0.175T", (text) => {
    expect(run(num, text).correct).toBe(true);
  });
  it("explains the source text's 1.75T mistake specifically", () => {
    const r = run(num, "1.75T");
    expect(r.correct).toBe(false);
    expect(r.feedback).toEqual([b("ten times too big")]);
  });
  it("uses the generic rationale for other wrong numbers", () => {
    expect(run(num, "17.5B").feedback).toEqual([b("convert")]);
  });
  it("handles byte sizes", () => {
    expect(run(bytes, "140GB").correct).toBe(true);
    expect(run(bytes, "140 GB").correct).toBe(true);
    expect(run(bytes, "0.14 TB").correct).toBe(true);
    expect(run(bytes, "140000 MB").correct).toBe(true);
    expect(run(bytes, "70GB").correct).toBe(false);
  });
  it("refuses text that is not a number, or an unknown unit", () => {
    expect(refused(num, "about a lot")).toMatch(/Type a number/);
    expect(refused(num, "175 furlongs")).toMatch(/Unknown unit/);
  });
  it("converts units to base values", () => {
    expect(toBaseUnits("1万亿", "params", "")).toBe(1e12);
    expect(toBaseUnits("3百万", "params", "")).toBe(3e6);
    expect(toBaseUnits("2 GiB", "bytes", "")).toBe(2 * 1024 ** 3);
  });
});

describe("ordering", () => {
  const shown = displayOptions(order, SEED);
  const numbersFor = (ids: string[]) =>
    ids.map((id) => shown.findIndex((o) => o.id === id) + 1).join(" ");
  it("is never shown already solved", () => {
    expect(shown.map((o) => o.id)).not.toEqual(["x", "y", "z", "w"]);
  });
  it("accepts display numbers in the right order", () => {
    expect(run(order, numbersFor(["x", "y", "z", "w"])).correct).toBe(true);
    expect(run(order, { ids: ["x", "y", "z", "w"] }).correct).toBe(true);
  });
  it("gives partial credit per item in place", () => {
    expect(run(order, { ids: ["x", "y", "w", "z"] })).toMatchObject({
      verdict: "partial",
      score: 0.5,
    });
  });
  it("refuses an incomplete or repeated order", () => {
    expect(refused(order, "1 2 3")).toMatch(/Put all 4 items/);
    expect(refused(order, "1 1 2 3")).toMatch(/Put all 4 items/);
  });
});

describe("matching", () => {
  const right = displayRight(match, SEED);
  const letter = (id: string) => LETTERS[right.findIndex((r) => r.id === id)];
  it("accepts typed pairs in several notations", () => {
    const text = `1-${letter("r-1")} 2=${letter("r-2")} 3${letter("r-3").toLowerCase()}`;
    expect(run(match, text).correct).toBe(true);
  });
  it("accepts structured pairs whose ids contain dashes", () => {
    expect(run(match, { ids: ["m-1=r-1", "m-2=r-2", "m-3=r-3"] }).correct).toBe(true);
  });
  it("gives partial credit per pair", () => {
    const r = run(match, { ids: ["m-1=r-1", "m-2=r-3", "m-3=r-2"] });
    expect(r.verdict).toBe("partial");
    expect(r.score).toBeCloseTo(1 / 3, 2);
  });
  it("refuses a missing or doubled pair", () => {
    expect(refused(match, "1-A 2-B")).toMatch(/Match all 3/);
    expect(refused(match, "1-A 1-B 2-C")).toMatch(/matched twice/);
    expect(refused(match, "banana")).toMatch(/Could not read/);
  });
});

describe("every type refuses empty and oversized answers", () => {
  it.each([single, multi("partial"), tf, num, order, match].map((x) => [x.type, x] as const))(
    "%s",
    (_t, qq) => {
      expect(refused(qq, "")).toMatch(/empty/);
      expect(refused(qq, "   ")).toMatch(/empty/);
      expect(refused(qq, "1".repeat(501))).toMatch(/too long/);
      expect(refused(qq, { ids: [] })).toMatch(/Nothing was selected/);
    },
  );
});
