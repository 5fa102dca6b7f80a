// Reads a learner's answer: typed text ("2", "B", "1,3", "175B", "3 1 2", "1-b 2-a") or the ids a
// button/menu sent. Malformed input raises a UserError with a plain explanation; nothing is graded.
import type { Question } from "../content/schema";
import { UserError } from "../errors";
import { bi } from "../i18n";
import { expectedNumber, splitNumber, toBaseUnits } from "./numeric";
import { notConverted, unitSlip, withoutCountedNoun } from "./numeric-checks";
import { LETTERS, displayOptions, displayRight, type Option } from "./present";

export const MAX_ANSWER_LENGTH = 500;

export type Given =
  | { type: "single"; choice: string }
  | { type: "multiple"; choices: string[] }
  | { type: "true-false"; value: boolean }
  | { type: "numeric"; raw: string; value: number }
  | { type: "ordering"; order: string[] }
  | { type: "matching"; pairs: Record<string, string> };

/** Structured input from a platform component: the selected ids (matching: "left=right"). */
export interface StructuredAnswer {
  ids: string[];
}

const TRUE_WORDS = new Set(["true", "t", "yes", "y", "对", "正确", "是", "√", "✓", "真", "1", "a"]);
const FALSE_WORDS = new Set([
  "false",
  "f",
  "no",
  "n",
  "错",
  "错误",
  "否",
  "×",
  "✗",
  "x",
  "假",
  "2",
  "b",
]);

function malformed(zh: string, en: string): never {
  throw new UserError(bi(zh, en), "malformed_answer");
}

/** Resolves one token to an option id: display number, letter, id, or the option's text. */
function resolveOption(token: string, options: Option[]): string | undefined {
  const t = token.trim();
  if (/^\d+$/.test(t)) return options[Number(t) - 1]?.id;
  if (/^[a-j]$/i.test(t)) return options[LETTERS.indexOf(t.toUpperCase())]?.id;
  const lower = t.toLowerCase();
  return options.find((o) => o.id === lower || o.text.en.toLowerCase() === lower || o.text.zh === t)
    ?.id;
}

function tokens(text: string): string[] {
  const parts = text.split(/[\s,，、;；/|]+/).filter(Boolean);
  // "AC" or "BD" typed without separators means two letters.
  if (parts.length === 1 && /^[a-j]{2,10}$/i.test(parts[0])) return parts[0].split("");
  if (parts.length === 1 && /^\d{2,8}$/.test(parts[0]) && !parts[0].includes("0"))
    return parts[0].split("");
  return parts;
}

function listOptions(options: Option[]): string {
  return options.map((_, i) => `${i + 1}/${LETTERS[i]}`).join(", ");
}

/** Components send option ids; typed text may use numbers, letters, ids or the option's text. */
function resolveAny(token: string, options: Option[], structured: boolean): string | undefined {
  return structured ? options.find((o) => o.id === token)?.id : resolveOption(token, options);
}

function resolveAll(list: string[], options: Option[], structured: boolean): string[] {
  return list.map((tok) => {
    const id = resolveAny(tok, options, structured);
    if (!id)
      malformed(
        `“${tok.slice(0, 40)}”不是有效选项，请用 ${listOptions(options)}。`,
        `"${tok.slice(0, 40)}" is not one of the options; use ${listOptions(options)}.`,
      );
    return id;
  });
}

export function parseAnswer(q: Question, input: string | StructuredAnswer, seed: string): Given {
  const structured = typeof input !== "string";
  const text = structured ? "" : input.normalize("NFKC").trim();
  if (!structured) {
    if (!text)
      malformed(
        "答案是空的，请输入你的答案（或 /hint 获取提示、/skip 跳过）。",
        "That answer is empty. Type your answer (or /hint for a hint, /skip to skip).",
      );
    if (input.length > MAX_ANSWER_LENGTH)
      malformed(
        `答案太长了（最多 ${MAX_ANSWER_LENGTH} 个字符）。`,
        `That answer is too long (at most ${MAX_ANSWER_LENGTH} characters).`,
      );
  }
  const ids = structured ? input.ids.map((s) => String(s).slice(0, 100)) : tokens(text);
  if (structured && ids.length === 0) malformed("没有选择任何选项。", "Nothing was selected.");
  const options = displayOptions(q, seed);

  switch (q.type) {
    case "single": {
      const one = structured ? ids : [text];
      const id = one.length === 1 ? resolveAny(one[0], options, structured) : undefined;
      if (!id)
        malformed(
          `请选择一个选项：${listOptions(options)}。`,
          `Pick one option: ${listOptions(options)}.`,
        );
      return { type: "single", choice: id };
    }
    case "multiple": {
      const chosen = [...new Set(resolveAll(ids, options, structured))];
      return { type: "multiple", choices: chosen };
    }
    case "true-false": {
      const word = (structured ? ids[0] : text).toLowerCase();
      if (TRUE_WORDS.has(word)) return { type: "true-false", value: true };
      if (FALSE_WORDS.has(word)) return { type: "true-false", value: false };
      return malformed(
        "请回答 对/错（或 true/false、1/2）。",
        "Answer true or false (or 1/2, A/B).",
      );
    }
    case "numeric": {
      // The text as typed, not NFKC'd: NFKC would turn the exponent in "1.6×10¹⁴" into "1014".
      const raw = structured ? ids[0] : input.trim();
      const counted = withoutCountedNoun(q, raw);
      const value =
        toBaseUnits(raw, q.unitKind, q.answer.unit) ??
        (counted ? toBaseUnits(counted, q.unitKind, q.answer.unit) : undefined);
      const refusal =
        value !== undefined ? (notConverted(q, raw) ?? unitSlip(q, raw, value)) : undefined;
      if (refusal) malformed(refusal.zh, refusal.en);
      if (value === undefined) {
        const expected = expectedNumber(q);
        const parsed = splitNumber(raw);
        if (parsed?.unit) {
          const unit = parsed.unit.slice(0, 30);
          if (q.unitKind === "plain" && !q.answer.unit)
            malformed(
              `这道题只要一个数字，不要单位（“${unit}”）。请输入${expected.zh}。`,
              `This question wants a plain number, not "${unit}". Type ${expected.en}.`,
            );
          malformed(
            `不认识这个单位“${unit}”，或者它不适合这道题。请输入${expected.zh}。`,
            `Unknown unit "${unit}" for this question. Type ${expected.en}.`,
          );
        }
        malformed(`没看懂这个数字。请输入${expected.zh}。`, `Type ${expected.en}.`);
      }
      return { type: "numeric", raw: raw.slice(0, 100), value };
    }
    case "ordering": {
      const order = resolveAll(ids, options, structured);
      if (order.length !== q.items.length || new Set(order).size !== order.length)
        malformed(
          `请把全部 ${q.items.length} 项各排一次，例如 “${options.map((_, i) => i + 1).join(" ")}”。`,
          `Put all ${q.items.length} items in order, each once, e.g. "${options.map((_, i) => i + 1).join(" ")}".`,
        );
      return { type: "ordering", order };
    }
    case "matching": {
      const right = displayRight(q, seed);
      const pairs: Record<string, string> = {};
      const pairTokens = structured ? ids : text.split(/[\s,，、;；]+/).filter(Boolean);
      for (const tok of pairTokens) {
        // Buttons and menus send "leftId=rightId" (ids may contain dashes); typed text uses
        // display labels such as "1-B", "1=B", "1:B", "1→B" or "1B".
        const m = structured
          ? /^([^=]+)=(.+)$/.exec(tok)
          : /^(.+?)\s*(?:[-=:：→>]+|(?<=\d)(?=[a-j]$))\s*(.+)$/i.exec(tok);
        const l = m && resolveAny(m[1].trim(), options, structured);
        const r = m && resolveAny(m[2].trim(), right, structured);
        if (!l || !r)
          malformed(
            `“${tok.slice(0, 40)}”看不懂，请写成 “1-B 2-A …”。`,
            `Could not read "${tok.slice(0, 40)}"; write pairs like "1-B 2-A …".`,
          );
        if (pairs[l]) malformed("同一项配对了两次。", "An item was matched twice.");
        pairs[l] = r;
      }
      if (Object.keys(pairs).length !== q.left.length)
        malformed(
          `请为全部 ${q.left.length} 项各配一个，例如 “1-B 2-A …”。`,
          `Match all ${q.left.length} items, e.g. "1-B 2-A …".`,
        );
      return { type: "matching", pairs };
    }
  }
}
