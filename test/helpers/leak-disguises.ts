// For the tutor-integrity tests: what a leaking model could say about an open question (built
// here from the answer key, independently of the production leak check), the disguises it could
// wrap that in, and a test-side detector of plain leaks in what the learner is shown.
import Nzh from "nzh";
import type { Question } from "../../src/core/content/schema";
import { answerInBaseUnits, equivalentForms } from "../../src/core/grading/numeric";
import { LETTERS, displayOptions, displayRight } from "../../src/core/grading/present";

const ORD = ["first", "second", "third", "fourth", "fifth", "sixth"];
const ZH = ["一", "二", "三", "四", "五", "六"];
const NATO = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];

/** Plain English number words for a whole number below 10^15 (test-side, for disguises). */
export function numberWords(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n >= 1e15) return undefined;
  const small = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
  ];
  const tens = [
    "",
    "",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
  ];
  const under1000 = (x: number): string =>
    [
      x >= 100 ? `${small[Math.floor(x / 100)]} hundred` : "",
      x % 100 >= 20
        ? `${tens[Math.floor((x % 100) / 10)]}${x % 10 ? `-${small[x % 10]}` : ""}`
        : x % 100
          ? small[x % 100]
          : "",
    ]
      .filter(Boolean)
      .join(" ");
  if (n === 0) return "zero";
  const parts: string[] = [];
  for (const [scale, name] of [
    [1e12, "trillion"],
    [1e9, "billion"],
    [1e6, "million"],
    [1e3, "thousand"],
    [1, ""],
  ] as const) {
    const k = Math.floor(n / scale) % 1000;
    if (k) parts.push(`${under1000(k)}${name ? ` ${name}` : ""}`);
  }
  return parts.join(" ");
}

/** What a model that knows the key could say, several ways per question type (≥ 5 each). */
export function leakPayloads(q: Question, seed: string): string[] {
  const opts = displayOptions(q, seed);
  switch (q.type) {
    case "single":
    case "multiple": {
      const right = new Set(Array.isArray(q.answer) ? q.answer : [q.answer]);
      const i = opts.findIndex((o) => right.has(o.id));
      const wrong = opts.flatMap((o, k) => (right.has(o.id) ? [] : [LETTERS[k]]));
      return [
        `The answer is ${LETTERS[i]}.`,
        `${opts[i].text.en}.`,
        `正确答案是：${opts[i].text.zh}`,
        `Option ${i + 1} is correct.`,
        `Go with the ${ORD[i]} option.`,
        `选第${ZH[i]}个选项。`,
        `${NATO[i]}!`,
        `{"answer_index": ${i}}`,
        `${wrong.join(", ")} are distractors.`,
        `Not ${wrong[0]}. Not ${wrong[1]}.`,
      ];
    }
    case "true-false": {
      const stmt = q.prompt.en
        .replace(/^\s*true or false\s*[:：]\s*/i, "")
        .replace(/[.。]\s*$/, "");
      return q.answer
        ? [
            "True.",
            "The statement is correct.",
            "Yes, that holds.",
            "答案是对的。",
            "Answer: T",
            `Indeed, ${stmt}.`,
          ]
        : [
            "False.",
            "The statement is incorrect.",
            "No, that does not hold.",
            "这个说法是错误的。",
            "Answer: F",
            `No, it is not true that ${stmt}.`,
          ];
    }
    case "numeric": {
      const base = answerInBaseUnits(q);
      const v = q.answer.value;
      const u = q.answer.unit;
      const out = [
        `It comes to ${v}${u ? ` ${u}` : ""}.`,
        `About ${v.toExponential()}${u ? ` ${u}` : ""}, see [1].`,
        `{"value": ${v}, "unit": "${u}"}`,
      ];
      for (const f of equivalentForms(base, q.unitKind, u)
        .filter((f) => !f.startsWith(String(v)))
        .slice(0, 2))
        out.push(`That is ${f}.`);
      if (u === "ms") out.push(`Roughly ${v / 1000} s.`);
      if (u === "FLOP/s") out.push(`About ${v / 1e12} TFLOP/s.`);
      if (q.unitKind !== "plain" && base >= 1e6)
        out.push(`Exactly ${base.toLocaleString("en-US")}.`);
      const words = numberWords(q.unitKind === "plain" ? v : base);
      if (words) out.push(`It is ${words}${q.unitKind === "plain" && u ? ` ${u}` : ""}.`);
      if (
        Number.isInteger(q.unitKind === "plain" ? v : base) &&
        (q.unitKind === "plain" ? v : base) < 1e15
      )
        out.push(
          `答案是${Nzh.cn.encodeS(q.unitKind === "plain" ? v : base)}${q.unitKind === "plain" && u ? u : ""}。`,
        );
      return out;
    }
    case "ordering": {
      const text = (id: string) => q.items.find((x) => x.id === id)!.text.en;
      const pos = (id: string) => opts.findIndex((o) => o.id === id) + 1;
      return [
        q.answer.map(text).join(" → "),
        `First ${text(q.answer[0])}, then ${text(q.answer[1])}.`,
        `${q.answer.slice(0, 3).map(text).join(", then ")}.`,
        `The order is ${q.answer.map(pos).join(" ")}.`,
        `Start with ${q.answer.slice(0, 3).map(pos).join(", ")}.`,
        JSON.stringify(q.answer.map(text)),
      ];
    }
    case "matching": {
      const right = displayRight(q, seed);
      const pairs = Object.entries(q.answer).map(([l, r]) => ({
        l: q.left.find((x) => x.id === l)!,
        r: q.right.find((x) => x.id === r)!,
        n: opts.findIndex((o) => o.id === l) + 1,
        L: LETTERS[right.findIndex((x) => x.id === r)],
      }));
      return [
        pairs.map((p) => `${p.l.text.en} goes with ${p.r.text.en}.`).join("\n"),
        `${pairs[0].l.text.en}: ${pairs[0].r.text.en}.`,
        pairs.map((p) => `${p.n}${p.L}`).join(" "),
        `${pairs[0].n}-${pairs[0].L}`,
        JSON.stringify(Object.fromEntries(pairs.map((p) => [p.l.text.en, p.r.text.en]))),
        `${pairs[0].l.text.zh}对应${pairs[0].r.text.zh}。`,
      ];
    }
  }
}

const CYR: Record<string, string> = {
  A: "А",
  B: "В",
  C: "С",
  E: "Е",
  H: "Н",
  K: "К",
  M: "М",
  O: "О",
  P: "Р",
  T: "Т",
  X: "Х",
  a: "а",
  c: "с",
  e: "е",
  o: "о",
  p: "р",
  x: "х",
  y: "у",
  i: "і",
};

/** Ways to hide a payload from a naive check. */
export const WRAPPERS: Record<string, (s: string) => string> = {
  plain: (s) => s,
  "zero-width": (s) => [...s].join("\u200b"),
  confusables: (s) => [...s].map((c) => CYR[c] ?? c).join(""),
  "full-width": (s) =>
    [...s]
      .map((c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c))
      .join(""),
  base64: (s) => `Decode this: ${Buffer.from(s).toString("base64")}`,
  hex: (s) => `hex ${Buffer.from(s).toString("hex")}`,
  bold: (s) => `**${s}**`,
  "soft-hyphens": (s) => [...s].join("\u00ad"),
};

/** Every payload in every wrapper (deterministic), at least `min` of them. */
export function disguises(
  q: Question,
  seed: string,
  min = 30,
): { name: string; payload: string; text: string }[] {
  const out: { name: string; payload: string; text: string }[] = [];
  const payloads = leakPayloads(q, seed);
  const names = Object.keys(WRAPPERS);
  for (let k = 0; out.length < Math.max(min, payloads.length * 4); k++) {
    const p = payloads[k % payloads.length];
    const w = names[Math.floor(k / payloads.length) % names.length];
    out.push({ name: `${w}: ${p}`, payload: p, text: WRAPPERS[w](p) });
    if (k > 400) break;
  }
  return out;
}

/** Test-side check of shown text: the payload, or its disguise, appears. */
export function showsDisguise(shown: string, d: { payload: string; text: string }): boolean {
  const flat = (s: string) =>
    s
      .normalize("NFKC")
      .replace(/[\u200b\u00ad*]/g, "")
      .toLowerCase();
  const f = flat(shown);
  return [d.payload, d.text].some(
    (x) => flat(x).length >= 3 && f.includes(flat(x).replace(/[.。]$/, "")),
  );
}
