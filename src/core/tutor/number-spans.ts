// Every number in a text that reads as an amount of a numeric question's dimension, converted
// with the grader's own conversion (grading/numeric.ts), so the tutor's checks read "1.75e11",
// "175,000,000,000", "0.175 T", "1750亿", "one hundred seventy-five billion", "一千七百五十亿"
// and "0.232 s" (for a question in ms) exactly as the grader would. Number words are turned into
// digits first: English ones here (a small closed grammar), Chinese ones with nzh.
import Nzh from "nzh";
import { toBaseUnits, type UnitKind } from "../grading/numeric";
import { foldText } from "./fold-text";

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const WORD = `(?:${[...Object.keys(SMALL), "hundred", ...Object.keys(SCALE), "point", "and", "a"].join("|")})`;
const EN_RUN = new RegExp(`\\b${WORD}(?:[\\s-]+${WORD})*\\b`, "gi");

/** "one hundred seventy-five billion" → 175000000000; "two point five" → 2.5; undefined if not a number. */
export function englishNumber(words: string): number | undefined {
  const ws = words
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w && w !== "and");
  if (!ws.some((w) => w in SMALL)) return undefined;
  let total = 0;
  let cur = 0;
  let frac = "";
  let inFrac = false;
  for (const w of ws) {
    if (w === "a") {
      if (cur) return undefined;
      cur = 1;
      continue;
    }
    if (w === "point") {
      inFrac = true;
      continue;
    }
    if (inFrac) {
      if (!(w in SMALL) || SMALL[w] > 9) return undefined;
      frac += String(SMALL[w]);
      continue;
    }
    if (w in SMALL) cur += SMALL[w];
    else if (w === "hundred") cur = (cur || 1) * 100;
    else if (w in SCALE) {
      total += (cur || 1) * SCALE[w];
      cur = 0;
    }
  }
  const whole = total + cur;
  return frac ? Number(`${whole}.${frac}`) : whole;
}

const ZH_RUN = /[零〇一二两三四五六七八九十百千万亿点]+/g;

/** "一千七百五十亿" → 175000000000, "八" → 8; a lone "一" (一个, 统一) is left alone. */
export function chineseNumber(run: string): number | undefined {
  if (run === "一" || (!/[零〇一二两三四五六七八九]/.test(run) && !/^十/.test(run)))
    return undefined;
  const v = Number(Nzh.cn.decodeS(run.replace(/两/g, "二").replace(/〇/g, "零")));
  return Number.isFinite(v) ? v : undefined;
}

/** The text with number words written as digits (both languages), for the number scan. */
export function digitsForWords(text: string): string {
  return foldText(text)
    .replace(EN_RUN, (m) => {
      const v = englishNumber(m);
      return v === undefined ? m : String(v);
    })
    .replace(ZH_RUN, (m, at: number, all: string) => {
      // "1750亿" keeps its digits: only a run not glued to a digit is a numeral of its own.
      if (/\d$/.test(all.slice(0, at)) && /^[万亿千百十]+$/.test(m)) return m;
      const v = chineseNumber(m);
      return v === undefined ? m : String(v);
    });
}

const NUM = String.raw`[+-]?(?:\d+(?:,\d{3})*|\d*)(?:\.\d+)?(?:\s*(?:e[+-]?\d+|[x×*·]\s*10\s*(?:\^|\*\*)\s*[+-]?\d+))?|10\s*(?:\^|\*\*)\s*[+-]?\d+`;
const SPAN = new RegExp(
  `(?<![\\w.])(${NUM})(\\s*(?:[a-z]+(?:\\s*/\\s*(?:s|sec|second))?|[\\u4e00-\\u9fff]{1,4}))?`,
  "gi",
);

/** A unit word right after a bare number: then the number is an amount of that unit, not a bare count. */
const OTHER_UNIT =
  /^(?:(?:k|m|b|g|t|p|kb|mb|gb|tb|pb|kib|mib|gib|bytes?|params?|parameters?|ms|s|sec|seconds?|mins?|minutes?|h|hours?|flops?|flop\/s|thousand|million|billion|trillion)\b|亿|万|字节|毫秒|秒|分钟|小时)/i;

export interface Amount {
  text: string;
  value: number;
  /** No unit was read: the number stands bare (in the question's unit). */
  bare: boolean;
  /** The word right after a bare number ("heads" in "8 heads"), lower case. */
  next: string;
}

/**
 * Every amount in the text that the grader would read in this dimension: each number with the
 * longest unit after it that converts (a unit of another dimension does not), else bare.
 */
export function amountsIn(text: string, kind: UnitKind, unit: string): Amount[] {
  const out: Amount[] = [];
  // Citations ("[3]", "[1][2]", "[1, 3]") number the notes, they are not amounts.
  for (const m of digitsForWords(text)
    .replace(/\[\d+(?:\s*[,，]\s*\d+)*\]/g, " ")
    .matchAll(SPAN)) {
    const num = m[1];
    if (!/\d/.test(num)) continue;
    const tail = (m[2] ?? "").trim();
    let value: number | undefined;
    let used = "";
    for (let k = tail.length; k >= 0 && value === undefined; k--) {
      // A unit ends at a word's end: "2 bytes" is never read as "2 b".
      if (k < tail.length && /[a-z]/i.test(tail[k]) && /[a-z]/i.test(tail[k - 1] ?? "")) continue;
      const u = tail.slice(0, k).trim();
      // A unit glued to letters ("7Bs", "2GPUs") is not that unit; try it and its shorter forms.
      value = toBaseUnits(`${num}${u ? ` ${u}` : ""}`, kind, unit);
      used = u;
      if (k === 0) break;
    }
    // A bare number next to letters of another unit ("8 GB" for a count) is not an amount here.
    if (value === undefined || (used === "" && OTHER_UNIT.test(tail))) continue;
    out.push({
      text: `${num}${used ? ` ${used}` : ""}`,
      value,
      bare: used === "",
      next: used === "" ? (/^[\p{L}\d-]+/u.exec(tail)?.[0] ?? "").toLowerCase() : "",
    });
  }
  return out;
}

/** Whether two amounts are the same within a relative tolerance (exact for 0). */
export function sameAmount(a: number, b: number, tolerance: number): boolean {
  return b === 0 ? a === 0 : Math.abs(a - b) <= Math.abs(b) * tolerance + 1e-12;
}
