// Numbers with units as learners type them: "175B", "0.175 T", "1750亿", "1.75e11", "140 GB",
// "175 billion". Everything is converted to base units (parameters, bytes, or a plain number)
// so equivalent forms grade the same.
import type { NumericQuestion } from "../content/schema";

export type UnitKind = NumericQuestion["unitKind"];

const PARAM_UNITS: Record<string, number> = {
  "": 1, k: 1e3, K: 1e3, thousand: 1e3, m: 1e6, M: 1e6, million: 1e6, mn: 1e6,
  b: 1e9, B: 1e9, G: 1e9, billion: 1e9, bn: 1e9, t: 1e12, T: 1e12, trillion: 1e12,
  "万": 1e4, "十万": 1e5, "百万": 1e6, "千万": 1e7, "亿": 1e8, "十亿": 1e9, "百亿": 1e10, "千亿": 1e11, "万亿": 1e12, "兆": 1e12,
};

const BYTE_UNITS: Record<string, number> = {
  "": 1, b: 1, B: 1, byte: 1, bytes: 1, "字节": 1,
  kb: 1e3, KB: 1e3, kB: 1e3, mb: 1e6, MB: 1e6, gb: 1e9, GB: 1e9, tb: 1e12, TB: 1e12, pb: 1e15, PB: 1e15,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};

export interface ParsedNumber { value: number; unit: string }

const NUMBER_RE = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?|[+-]?\.\d+(?:e[+-]?\d+)?)\s*(.*)$/i;

/** Splits "1,750 亿" into 1750 and "亿". Returns undefined when the text has no leading number. */
export function splitNumber(text: string): ParsedNumber | undefined {
  const cleaned = text.normalize("NFKC").trim().replace(/\s+/g, " ");
  const m = NUMBER_RE.exec(cleaned);
  if (!m) return undefined;
  const value = Number(m[1].replace(/,/g, ""));
  if (!Number.isFinite(value)) return undefined;
  return { value, unit: m[2].trim().replace(/[.。]$/, "") };
}

function unitTable(kind: UnitKind): Record<string, number> | undefined {
  return kind === "params" ? PARAM_UNITS : kind === "bytes" ? BYTE_UNITS : undefined;
}

/** The multiplier of a unit of the given kind, or undefined if the unit is unknown for that kind. */
export function unitFactor(kind: UnitKind, unit: string, answerUnit = ""): number | undefined {
  const u = unit.trim();
  if (kind === "plain") {
    // A plain answer may carry its own label ("232 ms", "6 层"); accept it or nothing.
    return u === "" || u.toLowerCase() === answerUnit.toLowerCase() ? 1 : undefined;
  }
  const table = unitTable(kind)!;
  // Allow "175B parameters", "175 billion params", "140 GB weights": drop a trailing noun.
  const stripped = u.replace(/\s*(parameters?|params?|参数|个参数|weights?)$/i, "").trim();
  return table[stripped] ?? table[stripped.toLowerCase()];
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
  return Math.abs(given - expected) <= Math.abs(expected) * tolerance + Number.EPSILON * Math.abs(expected);
}

/** The known unit names of a kind, for "use one of …" messages. */
export function knownUnits(kind: UnitKind): string[] {
  if (kind === "params") return ["M", "B", "T", "万", "百万", "亿", "万亿"];
  if (kind === "bytes") return ["MB", "GB", "TB"];
  return [];
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
