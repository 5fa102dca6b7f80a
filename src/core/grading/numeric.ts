// Numbers with units as learners type them: "175B", "0.175 T", "1750亿", "1.75e11", "140 GB",
// "140G", "175 billion", "1.6×10¹⁴ FLOP/s", "160 TFLOP/s", "232毫秒", "7个", "500倍".
// Everything is converted to base units (parameters, bytes; for a plain number, the question's
// own unit) so equivalent forms grade the same. A unit of another dimension (GB for a parameter
// count, "7 GB" for a count of files, seconds for FLOP/s) is refused, never guessed at.
import type { NumericQuestion } from "../content/schema";
import type { Bilingual } from "../i18n";
import { bilingual, bilingualBy, msg } from "../messages/catalogue";

export type UnitKind = NumericQuestion["unitKind"];

// Keys are lower case without spaces (see unitKey): "GB", "gb" and "G B" are one unit.
const PARAM_UNITS: Record<string, number> = {
  "": 1,
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  million: 1e6,
  mn: 1e6,
  b: 1e9,
  g: 1e9,
  billion: 1e9,
  bn: 1e9,
  t: 1e12,
  trillion: 1e12,
  千: 1e3,
  万: 1e4,
  十万: 1e5,
  百万: 1e6,
  千万: 1e7,
  亿: 1e8,
  十亿: 1e9,
  百亿: 1e10,
  千亿: 1e11,
  万亿: 1e12,
  兆: 1e12,
};

const BYTE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  byte: 1,
  bytes: 1,
  字节: 1,
  // "140G" is how many learners (and most Chinese tech writing) write 140 GB.
  k: 1e3,
  kb: 1e3,
  m: 1e6,
  mb: 1e6,
  g: 1e9,
  gb: 1e9,
  t: 1e12,
  tb: 1e12,
  p: 1e15,
  pb: 1e15,
  kilobyte: 1e3,
  kilobytes: 1e3,
  megabyte: 1e6,
  megabytes: 1e6,
  gigabyte: 1e9,
  gigabytes: 1e9,
  terabyte: 1e12,
  terabytes: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  千字节: 1e3,
  兆字节: 1e6,
  吉字节: 1e9,
};

/** SI prefixes (lower case, as unitKey sees them) for operation counts: TFLOP, PFLOP/s, teraflops. */
const SI_PREFIXES: Record<string, number> = {
  "": 1,
  k: 1e3,
  kilo: 1e3,
  m: 1e6,
  mega: 1e6,
  g: 1e9,
  giga: 1e9,
  t: 1e12,
  tera: 1e12,
  p: 1e15,
  peta: 1e15,
  e: 1e18,
  exa: 1e18,
  z: 1e21,
  zetta: 1e21,
  y: 1e24,
  yotta: 1e24,
};
const prefixed = (names: string[]): Record<string, number> =>
  Object.fromEntries(
    Object.entries(SI_PREFIXES).flatMap(([p, f]) => names.map((n) => [p + n, f] as const)),
  );

/**
 * Units a plain-number question may name (answer.unit), grouped by dimension, each with its size
 * relative to the others in its group. A learner may answer in any unit of the question's group
 * ("0.232 s" or "232毫秒" for a question in ms), never in another group's.
 */
const PLAIN_DIMENSIONS: Record<string, number>[] = [
  {
    ns: 1e-9,
    纳秒: 1e-9,
    μs: 1e-6,
    us: 1e-6,
    微秒: 1e-6,
    ms: 1e-3,
    msec: 1e-3,
    millisecond: 1e-3,
    milliseconds: 1e-3,
    毫秒: 1e-3,
    s: 1,
    sec: 1,
    secs: 1,
    second: 1,
    seconds: 1,
    秒: 1,
    min: 60,
    mins: 60,
    minute: 60,
    minutes: 60,
    分钟: 60,
    h: 3600,
    hr: 3600,
    hrs: 3600,
    hour: 3600,
    hours: 3600,
    小时: 3600,
    个小时: 3600,
  },
  // "FLOPs" (plural) is common for a count, so "flops" is a count here and a rate below.
  { ...prefixed(["flop", "flops"]), 次浮点运算: 1 },
  prefixed(["flop/s", "flops", "flop/sec", "flop/second", "flopspersecond", "floppersecond"]),
];

/** Words for "thousand", "万", "亿" …: a plain number may use them ("172.8万"), they are not units. */
const NUMBER_WORDS: Record<string, number> = {
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  千: 1e3,
  万: 1e4,
  十万: 1e5,
  百万: 1e6,
  千万: 1e7,
  亿: 1e8,
  十亿: 1e9,
  百亿: 1e10,
  千亿: 1e11,
  万亿: 1e12,
};

/** Chinese measure words (and "x"/"times" for a factor) that may follow a count: "7个", "6144块", "500倍", "8个头". */
const COUNTER_RE =
  /(?:个)?(?:个|块|颗|片|台|张|层|次|位|头|维|条|步|组|项|份|只|部分|倍|x|×|times|fold)$/i;

/** Trailing nouns naming what is counted: "175B parameters", "780B tokens", "140 GB of memory". */
const PARAM_NOUNS_RE = /\s*(?:个)?\s*(?:parameters?|params?|参数|tokens?|词元|weights?)$/i;
const BYTE_NOUNS_RE = /\s*(?:weights?|of memory|memory|of vram|vram|显存|内存|权重)$/i;

const unitKey = (unit: string) => unit.replace(/\s+/g, "").toLowerCase();

export interface ParsedNumber {
  value: number;
  unit: string;
}

const SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";
const MANTISSA = String.raw`[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+`;
/** 1.6e14, 1.6E+14, 1.6×10^14, 1.6 x 10^14, 1.6*10**14, 1.6·10^14 (superscripts become ^ first). */
const NUMBER_RE = new RegExp(
  String.raw`^(${MANTISSA})(?:e([+-]?\d+)|\s*[x×*·]\s*10\s*(?:\^|\*\*)\s*([+-]?\d+))?\s*(.*)$`,
  "i",
);
/** A bare power of ten: 10^24, 10¹⁴. */
const POWER_RE = /^10\s*(?:\^|\*\*)\s*([+-]?\d+)\s*(.*)$/;
/** Words for "about" around a number: "约 140GB", "about 175B", "~0.2T", "140GB左右". */
const ABOUT_BEFORE_RE =
  /^(?:~|≈|≃|约|大约|大概|差不多|about|around|approx\.?|approximately|roughly|circa|ca\.)\s*/i;
const ABOUT_AFTER_RE = /\s*(?:左右|上下)$/;

/**
 * Text as the number parser reads it. Superscript exponents are rewritten first ("10¹⁴" →
 * "10^14"), because NFKC would flatten them into "1014", a different number.
 */
export function normalizeNumberText(text: string): string {
  return text
    .replace(
      /[⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+/g,
      (m) =>
        `^${[...m].map((c) => (c === "⁻" ? "-" : c === "⁺" ? "+" : String(SUPERSCRIPTS.indexOf(c)))).join("")}`,
    )
    .normalize("NFKC")
    .replace(/[−–]/g, "-")
    .trim()
    .replace(/\s+/g, " ");
}

/** Splits "1,750 亿" into 1750 and "亿". Returns undefined when the text has no leading number. */
export function splitNumber(text: string): ParsedNumber | undefined {
  const cleaned = normalizeNumberText(text).replace(ABOUT_BEFORE_RE, "");
  let mantissa: string;
  let exponent: string | undefined;
  let rest: string;
  const power = POWER_RE.exec(cleaned);
  if (power) [mantissa, exponent, rest] = ["1", power[1], power[2]];
  else {
    const m = NUMBER_RE.exec(cleaned);
    if (!m) return undefined;
    [mantissa, exponent, rest] = [m[1], m[2] ?? m[3], m[4]];
  }
  // Number("1.6e14") is exact where 1.6 * 10 ** 14 is not.
  const value = Number(`${mantissa.replace(/,/g, "")}${exponent ? `e${exponent}` : ""}`);
  if (!Number.isFinite(value)) return undefined;
  return {
    value,
    unit: rest
      .trim()
      .replace(/[.。!！]+$/, "")
      .replace(ABOUT_AFTER_RE, "")
      .trim(),
  };
}

function unitTable(kind: UnitKind): Record<string, number> | undefined {
  return kind === "params" ? PARAM_UNITS : kind === "bytes" ? BYTE_UNITS : undefined;
}

const plainDimension = (unit: string) =>
  PLAIN_DIMENSIONS.find((d) => d[unitKey(unit)] !== undefined);

/** A plain number's unit, relative to the question's unit `answerUnit`; undefined if it does not fit. */
function plainFactor(unit: string, answerUnit: string): number | undefined {
  const u = unitKey(unit);
  if (u === "" || u === unitKey(answerUnit)) return 1;
  if (answerUnit.trim() === "") {
    // A bare count: measure words and number words only ("7个", "500倍", "172.8万", "1.2 million").
    const word = u.replace(COUNTER_RE, "");
    return word === "" ? 1 : NUMBER_WORDS[word];
  }
  const dim = plainDimension(answerUnit);
  return dim && dim[u] !== undefined ? dim[u] / dim[unitKey(answerUnit)] : undefined;
}

/** The multiplier of a unit of the given kind, or undefined if the unit is unknown for that kind. */
export function unitFactor(kind: UnitKind, unit: string, answerUnit = ""): number | undefined {
  if (kind === "plain") return plainFactor(unit, answerUnit);
  const table = unitTable(kind)!;
  // Allow "175B parameters", "1750亿个参数", "140 GB of memory": drop a trailing noun.
  const stripped =
    kind === "params"
      ? unit.replace(PARAM_NOUNS_RE, "").replace(/个$/, "")
      : unit.replace(BYTE_NOUNS_RE, "");
  return table[unitKey(stripped)];
}

/** Converts learner text to base units; `defaultUnit` applies when they typed a bare number. */
export function toBaseUnits(text: string, kind: UnitKind, defaultUnit: string): number | undefined {
  const parsed = splitNumber(text);
  if (!parsed) return undefined;
  // A bare number is read in the question's unit ("0.175" for a question in T), except a
  // number of a million or more in a counted kind, which is plainly written out in full.
  const writtenOut = parsed.unit === "" && kind !== "plain" && Math.abs(parsed.value) >= 1e6;
  const unit = parsed.unit === "" && !writtenOut ? defaultUnit : parsed.unit;
  const factor = unitFactor(kind, unit, defaultUnit);
  return factor === undefined ? undefined : parsed.value * factor;
}

export function answerInBaseUnits(q: Pick<NumericQuestion, "answer" | "unitKind">): number {
  const factor = unitFactor(q.unitKind, q.answer.unit, q.answer.unit);
  if (factor === undefined) throw new Error(`unknown unit "${q.answer.unit}" for ${q.unitKind}`);
  return q.answer.value * factor;
}

/** True when `given` is within the relative tolerance of `expected` (absolute for an expected 0). */
export function withinTolerance(given: number, expected: number, tolerance: number): boolean {
  if (expected === 0) return Math.abs(given) <= tolerance;
  return (
    Math.abs(given - expected) <=
    Math.abs(expected) * tolerance + Number.EPSILON * Math.abs(expected)
  );
}

/** The known unit names of a kind, for "use one of …" messages. */
export function knownUnits(kind: UnitKind): string[] {
  if (kind === "params") return ["M", "B", "T", "万", "百万", "亿", "万亿"];
  if (kind === "bytes") return ["MB", "GB", "TB"];
  return [];
}

/** What a numeric question accepts, in words, for the message shown when an answer is not understood. */
export function expectedNumber(q: Pick<NumericQuestion, "answer" | "unitKind">): Bilingual {
  const unit = q.answer.unit;
  const example = `12${unit && /^[A-Za-z]/.test(unit) ? " " : ""}${unit}`;
  if (q.unitKind === "params")
    return bilingualBy("grading.numeric.paramsExpected", (l) => ({
      unit: unit || msg(l, "grading.numeric.defaultCountUnit"),
      units: knownUnits("params").join(msg(l, "common.enumJoin")),
      example,
    }));
  if (q.unitKind === "bytes")
    return bilingualBy("grading.numeric.bytesExpected", (l) => ({
      unit: unit || msg(l, "grading.numeric.bytes"),
      example,
    }));
  if (unit) return bilingual("grading.numeric.aNumberOptionallyWith", { unit, example });
  return bilingual("grading.numeric.aNumberWithoutA");
}

const SUPER = (digits: string) =>
  [...digits].map((c) => (c === "-" ? "⁻" : SUPERSCRIPTS[Number(c)])).join("");

/** A number for display: up to 6 significant digits; very large or small ones as 1.6×10¹⁴. */
export function formatNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e9 || abs < 1e-4)) {
    const [m, e] = n.toExponential().split("e");
    return `${Number(Number(m).toPrecision(6))}×10${SUPER(String(Number(e)))}`;
  }
  return String(Number(n.toPrecision(6)));
}

/** A value in the given unit as the learner reads it: "140GB", "0.175T", "232 ms", "1.6×10¹⁴ FLOP/s". */
export function formatAmount(value: number, unit: string, kind: UnitKind): string {
  const space = unit && /^[A-Za-z]/.test(unit) && kind === "plain" ? " " : "";
  return `${formatNumber(value)}${space}${unit}`;
}

/** A value in base units, shown in the question's unit (instructor reports). */
export function formatInQuestionUnit(
  q: Pick<NumericQuestion, "answer" | "unitKind">,
  valueInBase: number,
): string {
  const factor = unitFactor(q.unitKind, q.answer.unit, q.answer.unit) ?? 1;
  return formatAmount(valueInBase / factor, q.answer.unit, q.unitKind);
}

/** Every way a value can be written in the given kind, for leak checks (e.g. 0.175T, 175B, 1750亿). */
export function equivalentForms(valueInBase: number, kind: UnitKind, unit: string): string[] {
  const forms = new Set<string>();
  const fmt = (n: number) => {
    const s = Number(n.toPrecision(6)).toString();
    return s.includes("e") ? "" : s;
  };
  const table = unitTable(kind) ?? { [unit]: 1 };
  for (const [u, f] of Object.entries(table)) {
    const n = fmt(valueInBase / f);
    if (!n || n.replace(/[^\d]/g, "").length > 9) continue;
    forms.add(`${n}${u}`);
    if (u) forms.add(`${n} ${u}`);
  }
  return [...forms].filter((f) => f.trim() !== "");
}
