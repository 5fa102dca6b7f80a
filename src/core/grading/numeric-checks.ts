// Checks on a numeric answer that need the whole question, not just the number: the noun a bare
// count is counted in ("1,728,000 GPU-hours" when the prompt asks "how many GPU-hours"), a
// conversion question answered with its own prompt's figure ("175B" for "how many T is that?"),
// and a unit slip ("26B" in a GB question reads as 26 bytes: "did you mean 26 GB?"). Refusals
// are user errors: the learner answers again and nothing is recorded.
import type { NumericQuestion } from "../content/schema";
import type { Bilingual } from "../i18n";
import {
  answerInBaseUnits,
  formatInQuestionUnit,
  splitNumber,
  unitFactor,
  withinTolerance,
} from "./numeric";
import { bilingual, bilingualBy, msg } from "../messages/catalogue";

type Q = Pick<NumericQuestion, "answer" | "unitKind" | "prompt" | "mistakes" | "tolerance">;

/** Where `word` occurs in `text` as a word of its own and not as the unit of a given figure. */
function askedFor(text: string, word: string): boolean {
  // Chinese has no spaces between words: "GPU 小时" in the prompt is "GPU小时" typed.
  const cjk = /[\u4e00-\u9fff]/.test(word);
  const t = cjk ? text.toLowerCase().replace(/\s+/g, "") : text.toLowerCase();
  const w = cjk ? word.toLowerCase().replace(/\s+/g, "") : word.toLowerCase();
  const latin = /^[a-z]/i.test(w);
  for (let i = t.indexOf(w); i >= 0; i = t.indexOf(w, i + 1)) {
    const before = t.slice(0, i);
    const after = t[i + w.length] ?? "";
    if (latin && (/[a-z0-9-]$/i.test(before) || /[a-z0-9]/i.test(after))) continue;
    // "N = 1000 bytes" names a given figure's unit; "at which byte" names what is asked for.
    if (/\d\s*(?:个)?\s*$/.test(before)) continue;
    return true;
  }
  return false;
}

/**
 * A bare-count question answered with the noun it counts ("1008 bytes" for "at which byte",
 * "1,728,000 GPU-hours", "1008 字节"): the number without the noun, or undefined.
 */
export function withoutCountedNoun(q: Q, raw: string): string | undefined {
  if (q.unitKind !== "plain" || q.answer.unit.trim() !== "") return undefined;
  const parsed = splitNumber(raw);
  if (!parsed?.unit) return undefined;
  const words = parsed.unit.split(" ");
  // "1.7 million GPU-hours": the noun is the tail, what is left is read as before.
  for (let k = 0; k < words.length; k++) {
    const noun = words.slice(k).join(" ").replace(/^个/, "");
    const forms = [noun, noun.replace(/s$/i, ""), `${noun}s`].filter(
      (f) => f.length >= 2 || /[\u4e00-\u9fff]/.test(f),
    );
    if (forms.some((f) => askedFor(q.prompt.en, f) || askedFor(q.prompt.zh, f))) {
      const number = raw.slice(0, raw.toLowerCase().lastIndexOf(noun.toLowerCase())).trim();
      return number || undefined;
    }
  }
  return undefined;
}

const FIGURE_RE = /(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z]+|[\u4e00-\u9fff]{1,3})/g;

/**
 * True when the prompt states the answer's quantity in another unit ("175 billion … how many
 * T?"): the question is a conversion, and only an answer in its own unit shows the conversion.
 */
export function isConversion(q: Q): boolean {
  if (q.unitKind === "plain" && q.answer.unit.trim() === "") return false;
  const expected = answerInBaseUnits(q);
  const own = unitFactor(q.unitKind, q.answer.unit, q.answer.unit);
  for (const text of [q.prompt.en, q.prompt.zh]) {
    for (const m of text.matchAll(FIGURE_RE)) {
      const value = Number(m[1].replace(/,/g, ""));
      const factor = unitFactor(q.unitKind, m[2], q.answer.unit);
      if (
        factor !== undefined &&
        factor !== own &&
        withinTolerance(value * factor, expected, Math.max(q.tolerance, 0.01))
      )
        return true;
    }
  }
  return false;
}

/** The typed unit's size, when the learner named one (undefined for a bare number). */
function typedFactor(
  q: Q,
  raw: string,
): { value: number; unit: string; factor: number } | undefined {
  const parsed = splitNumber(raw);
  if (!parsed?.unit) return undefined;
  const factor = unitFactor(q.unitKind, parsed.unit, q.answer.unit);
  return factor === undefined ? undefined : { ...parsed, factor };
}

/** The refusal for a conversion answered in another unit than the one asked for, if any. */
export function notConverted(q: Q, raw: string): Bilingual | undefined {
  const typed = typedFactor(q, raw);
  const own = unitFactor(q.unitKind, q.answer.unit, q.answer.unit);
  const bare = splitNumber(raw);
  // A bare number of a million or more is written out in full (see toBaseUnits): not converted either.
  const writtenOut =
    !typed && bare && !bare.unit && q.unitKind !== "plain" && Math.abs(bare.value) >= 1e6;
  if ((!typed || typed.factor === own) && !writtenOut) return undefined;
  if (!isConversion(q)) return undefined;
  const u = q.answer.unit;
  return bilingual("grading.numeric-checks.thisQuestionAsksYou", { u, raw: raw.slice(0, 30) });
}

const log10Gap = (a: number, b: number) => Math.abs(Math.log10(a / b));

/**
 * "26B" in a GB question: read as bytes it is a billion times smaller than any plausible answer
 * (the answer and the known mistakes), while 26 in the question's unit is plausible. The learner
 * most likely meant the question's unit; ask rather than grade a unit slip as a wrong answer.
 */
export function unitSlip(q: Q, raw: string, value: number): Bilingual | undefined {
  const typed = typedFactor(q, raw);
  const own = unitFactor(q.unitKind, q.answer.unit, q.answer.unit);
  if (!typed || own === undefined || typed.factor === own || value <= 0 || typed.value <= 0)
    return undefined;
  const plausible = [
    answerInBaseUnits(q),
    ...q.mistakes.map((m) => answerInBaseUnits({ answer: m, unitKind: q.unitKind })),
  ].filter((p) => p > 0);
  if (!plausible.length) return undefined;
  const typedGap = Math.min(...plausible.map((p) => log10Gap(value, p)));
  const meantGap = Math.min(...plausible.map((p) => log10Gap(typed.value * own, p)));
  if (typedGap < 2 || meantGap > 1) return undefined;
  const u = q.answer.unit;
  const meant = `${typed.value}${/^[A-Za-z]/.test(u) ? " " : ""}${u}`;
  const asRead = formatInQuestionUnit(q, value);
  // In this course "B" means billion (175B parameters); in a size question it would be bytes.
  const bNote = q.unitKind === "bytes" && /^b$/i.test(typed.unit.trim());
  return bilingualBy("grading.numeric-checks.didYouMean", (l) => ({
    raw: raw.slice(0, 30),
    asRead,
    bNote: bNote ? msg(l, "grading.numeric-checks.bIsBytes") : "",
    meant,
  }));
}
