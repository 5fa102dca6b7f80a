// The generic cues of a guess-shaped message (see guess-shape.ts): proposal and check words, a
// sum to work out, naming an option by label, position or phonetic name, quoting an option's or
// item's text. Question-type modules combine these into their own guess check; nothing here
// knows a question type, and nothing here looks at the answer key.
import { LETTERS } from "../grading/seeded-shuffle";
import type { Bilingual } from "../i18n";
import { contentTerms } from "./coverage";
import { foldText } from "./fold-text";
import { bestOverlap } from "./leak-paraphrase";
import { distinctTerms, normalize } from "./leak-text";

type HasPrompt = { prompt: Bilingual };

export interface GuessShape {
  guess: boolean;
  reason?: string;
}

/** The message in the form the cues read: folded, Markdown emphasis dropped. */
export const guessText = (raw: string) => foldText(raw).replace(/[*_`~]/g, "");

/** What is left once the candidate is taken out: a bare "B?" or "0.175T" is a guess by itself. */
export const bare = (text: string, candidate: RegExp, left = 1) =>
  contentTerms(text.replace(candidate, " ")).length <= left;

const EN_ORD = [
  "first",
  "second",
  "third",
  "fourth",
  "fifth",
  "sixth",
  "seventh",
  "eighth",
  "ninth",
  "tenth",
];
const ZH_NUM = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const PHONETIC = [
  "alfa",
  "alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliet",
  "juliett",
];

/** Words of a proposal or a check, in either language. */
export const CUE =
  /\b(think|thinking|thought|guess|guessing|lean|leaning|go(?:ing)? with|pick|picked|choose|chose|chosen|select|selected|answer(?:ed|ing)?|sounds?|reasonable|right|correct|wrong|incorrect|true|false|sure|confirm|check|verify|validate|am i|is it|is that|was it|would it be|could it be|should i|shall i|does that|do you agree|agree|how about|what about|maybe|probably|likely|bet|instinct|gut|feel|vote|option|choice|yes or no|is the answer|plausible|accurate|ok(?:ay)?\?)\b|我觉得|我认为|我猜|我选|我答|我填|应该是|是不是|对吗|对不对|对吧|是吧|行吗|行不行|可以吗|正确|没错|选|答案|合理|靠谱|你觉得|你看|判断|确认|核对|对|错/i;
/** Working out an amount: "calculate", "how many", "6 × 70B × 2T", "算一下", "等于多少". */
export const COMPUTE =
  /\b(calculate|compute|work(?:ing)? out|figure out|how (?:many|much|big|large|long)|multiply|multiplied|divide|divided|times|product|total|sum|equals?|result|estimate|convert|in (?:t|b|m|gb|mb|tb|ms|s)\b)\b|[×*÷/=]|\d\s*x\s*\d|多少|几|算|乘|除|等于|换算|结果|估计|总共|一共/i;

/** Every way of naming option i: letter, (letter), number, ordinal, phonetic name, 第N个. */
export function labelMentioned(text: string, count: number): boolean {
  const letters = [...LETTERS].slice(0, count).join("");
  const nums = `[1-${Math.min(count, 9)}]`;
  // A capital letter standing alone (not "7B"; an "A" before a lower-case word is the article).
  for (const m of text.matchAll(
    new RegExp(`(?:^|[^A-Za-z\\d.])([${letters}])(?=$|[\\s).,;:!?)）。，、；：！？"'”])`, "g"),
  )) {
    if (m[1] === "A" && /^\s+[a-z]/.test(text.slice(m.index! + m[0].length))) continue;
    // "the B in 7B": a letter the message also uses as a unit is that unit.
    if (new RegExp(`\\d\\s?${m[1]}\\b`).test(text)) continue;
    return true;
  }
  if (
    new RegExp(
      `\\b(?:option|choice|answer|letter|item|no\\.?|number|#)\\s*[(（]?\\s*(?:[${letters}]|${nums}|${ZH_NUM.slice(0, count).join("|")})(?![\\w.])`,
      "i",
    ).test(text)
  )
    return true;
  if (
    new RegExp(
      `(?:选项|选)\\s*[(（]?\\s*(?:[${letters}${letters.toLowerCase()}]|${nums}|${ZH_NUM.slice(0, count).join("|")})(?![A-Za-z\\d])|第\\s*(?:${ZH_NUM.slice(0, count).join("|")}|${nums})\\s*(?:个|项|条|种|款|选项)?`,
    ).test(text)
  )
    return true;
  if (
    new RegExp(
      `\\b(?:${EN_ORD.slice(0, count).join("|")}|last|final|1st|2nd|3rd|[4-9]th)\\b`,
      "i",
    ).test(text)
  )
    return true;
  if (new RegExp(`\\b(?:${PHONETIC.join("|")})\\b`, "i").test(text)) return true;
  // "(c)", "c)" at the start: a lower-case label in its brackets.
  return new RegExp(
    `(?:^|\\s)[(（][${letters.toLowerCase()}][)）]|^\\s*[${letters.toLowerCase()}]\\s*[?？.)]\\s*$`,
  ).test(text);
}

/** An item's name without its bracketed gloss: "BERT (Google)" → "bert". */
const core = (s: string) => normalize(s.replace(/\s*[（(][^)）]*[)）]\s*/g, " "));

/** How many of the texts the message names (whole, or by their name without a gloss). */
export function named(text: string, items: { zh: string; en: string }[]): number {
  const t = normalize(text);
  return items.filter((o) =>
    [o.zh, o.en].some((s) =>
      [normalize(s), core(s)].some(
        (n) =>
          n.length >= 2 &&
          new RegExp(
            `(^|[^\\p{L}\\d])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\d])`,
            "u",
          ).test(t),
      ),
    ),
  ).length;
}

/** Words of the question's own prompt (its criterion: "published", "best known for", "配对"). */
const promptTerms = (q: HasPrompt) =>
  new Set([...distinctTerms(q.prompt.en), ...distinctTerms(q.prompt.zh)]);
export const usesPrompt = (text: string, q: HasPrompt) => {
  const p = promptTerms(q);
  return distinctTerms(text).some((t) => p.has(t));
};

/** A message quoting an option/item text, or holding most of its words. */
export function textMentioned(text: string, options: { zh: string; en: string }[]): boolean {
  const t = normalize(text);
  if (
    options.some((o) =>
      [o.zh, o.en].some((s) => normalize(s).length >= 2 && t.includes(normalize(s))),
    )
  )
    return true;
  return options.some((o) =>
    (["en", "zh"] as const).some((lang) => {
      const own = distinctTerms(o[lang]);
      return own.length >= 3 && bestOverlap(text, own).share >= 0.6;
    }),
  );
}

export const TRUTH =
  /\b(true|false|correct|incorrect|right|wrong|yes|no|t|f)\b|对|错|正确|错误|真|假|成立|是的|不是/i;
