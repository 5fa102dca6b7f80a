// Whether a learner's message is shaped like a guess about an open question: it names one of
// the question's candidate answers (an option by label, position, phonetic name or text; a
// true/false word or the statement itself; an item order or a pair; a number in the question's
// dimension, or a sum to work one out) in the form of a proposal or a check ("I'm leaning
// towards C", "is it 0.175T?", "我觉得是对的", "3 1 4 2?", "what is 6 × 70B × 2T?").
// Decided from the message's form and the question's candidate space only, never from the
// answer key: every candidate is treated the same way, so a refusal says nothing about which
// candidate is right (issue 12: the old check refused only right guesses, an oracle).
import type { Question } from "../content/schema";
import { LETTERS } from "../grading/present";
import { contentTerms } from "./coverage";
import { foldText } from "./fold-text";
import { distinctTerms, normalize, statementOf } from "./leak-forms";
import { bestOverlap } from "./leak-paraphrase";
import { amountsIn } from "./number-spans";

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
const CUE =
  /\b(think|thinking|thought|guess|guessing|lean|leaning|go(?:ing)? with|pick|picked|choose|chose|chosen|select|selected|answer(?:ed|ing)?|sounds?|reasonable|right|correct|wrong|incorrect|true|false|sure|confirm|check|verify|validate|am i|is it|is that|was it|would it be|could it be|should i|shall i|does that|do you agree|agree|how about|what about|maybe|probably|likely|bet|instinct|gut|feel|vote|option|choice|yes or no|is the answer|plausible|accurate|ok(?:ay)?\?)\b|我觉得|我认为|我猜|我选|我答|我填|应该是|是不是|对吗|对不对|对吧|是吧|行吗|行不行|可以吗|正确|没错|选|答案|合理|靠谱|你觉得|你看|判断|确认|核对|对|错/i;
/** Working out an amount: "calculate", "how many", "6 × 70B × 2T", "算一下", "等于多少". */
const COMPUTE =
  /\b(calculate|compute|work(?:ing)? out|figure out|how (?:many|much|big|large|long)|multiply|multiplied|divide|divided|times|product|total|sum|equals?|result|estimate|convert|in (?:t|b|m|gb|mb|tb|ms|s)\b)\b|[×*÷/=]|\d\s*x\s*\d|多少|几|算|乘|除|等于|换算|结果|估计|总共|一共/i;

/** Every way of naming option i: letter, (letter), number, ordinal, phonetic name, 第N个. */
function labelMentioned(text: string, count: number): boolean {
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
function named(text: string, items: { zh: string; en: string }[]): number {
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
const promptTerms = (q: Question) =>
  new Set([...distinctTerms(q.prompt.en), ...distinctTerms(q.prompt.zh)]);
const usesPrompt = (text: string, q: Question) => {
  const p = promptTerms(q);
  return distinctTerms(text).some((t) => p.has(t));
};

/** A message quoting an option/item text, or holding most of its words. */
function textMentioned(text: string, options: { zh: string; en: string }[]): boolean {
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

const TRUTH =
  /\b(true|false|correct|incorrect|right|wrong|yes|no|t|f)\b|对|错|正确|错误|真|假|成立|是的|不是/i;

export interface GuessShape {
  guess: boolean;
  reason?: string;
}

/** Whether `raw` is a guess-shaped message about the open question `q` (see the header). */
export function guessShape(raw: string, q: Question): GuessShape {
  const text = foldText(raw).replace(/[*_`~]/g, "");
  const cue = CUE.test(text);
  // What is left once the candidate is taken out: a bare "B?" or "0.175T" is a guess by itself.
  const bare = (candidate: RegExp, left = 1) =>
    contentTerms(text.replace(candidate, " ")).length <= left;
  switch (q.type) {
    case "single":
    case "multiple": {
      const labels = labelMentioned(text, q.choices.length);
      if (labels && (cue || bare(/\b[A-J]\b|\d/g))) return { guess: true, reason: "label" };
      const texts = q.choices.map((c) => c.text);
      // An option's text with a check word, or quoted back with little else ("<option>?").
      if (
        textMentioned(text, texts) &&
        (cue ||
          texts.some((o) =>
            [o.zh, o.en].some(
              (x) =>
                normalize(text).includes(normalize(x)) &&
                normalize(text).length <= normalize(x).length + 20,
            ),
          ))
      )
        return { guess: true, reason: "option-text" };
      return { guess: false };
    }
    case "true-false": {
      const stmt = [statementOf(q.prompt.en), statementOf(q.prompt.zh)];
      const restates = stmt.some((s) => {
        const own = distinctTerms(s);
        return own.length >= 2 && bestOverlap(text, own).share >= 0.5;
      });
      if (restates) return { guess: true, reason: "statement" };
      if (TRUTH.test(text) && (cue || bare(TRUTH))) return { guess: true, reason: "truth-word" };
      return { guess: false };
    }
    case "numeric": {
      // A bare number counts unless a word of another subject follows it ("one fp16 parameter").
      const promptWords = new Set([...distinctTerms(q.prompt.en), ...distinctTerms(q.prompt.zh)]);
      const amounts = amountsIn(text, q.unitKind, q.answer.unit).filter(
        (a) => !a.bare || !a.next || promptWords.has(distinctTerms(a.next)[0] ?? a.next),
      );
      if (amounts.length && (cue || COMPUTE.test(text) || bare(/[\d.,]+\s*\S*/g, 0)))
        return { guess: true, reason: "amount" };
      // A sum to work out (two numbers or more with an operator), or a request to work out the
      // question's own quantity: exam mode does not compute while a numeric question is open.
      if (/\d[\s\S]*?(?:[×*÷/x]|times|multiplied|divided|乘|除)[\s\S]*?\d/i.test(text))
        return { guess: true, reason: "arithmetic" };
      const own = distinctTerms(`${q.prompt.en}`).concat(distinctTerms(q.prompt.zh));
      if (
        COMPUTE.test(text) &&
        bestOverlap(`${q.prompt.en}\n${q.prompt.zh}`, [...new Set(contentTerms(text))]).share >=
          0.5 &&
        own.length
      )
        return { guess: true, reason: "asks-value" };
      return { guess: false };
    }
    case "ordering": {
      const n = named(
        text,
        q.items.map((i) => i.text),
      );
      if (n >= 2) return { guess: true, reason: "order" };
      // Display numbers in a row ("3 1 4 2", "3>1"), not a name like "chatglm3-6b".
      if (
        /(?<![\p{L}\d.])\d(?:\s*(?:[-,，、>→\s]|->|then|before|after)\s*\d)+(?![\p{L}\d.])/u.test(
          text,
        )
      )
        return { guess: true, reason: "order-labels" };
      // One item with a check word, an order word, or the question's own criterion ("when was T5 published?").
      if (
        n >= 1 &&
        (cue ||
          usesPrompt(text, q) ||
          /\b(before|after|first|last|earliest|latest|then|when|year|date|order)\b|之前|之后|最早|最晚|先|后|哪年|什么时候|时间|顺序/i.test(
            text,
          ))
      )
        return { guess: true, reason: "order" };
      return { guess: false };
    }
    case "matching": {
      const l = named(
        text,
        q.left.map((x) => x.text),
      );
      const r =
        named(
          text,
          q.right.map((x) => x.text),
        ) ||
        (textMentioned(
          text,
          q.right.map((x) => x.text),
        )
          ? 1
          : 0);
      if (l && r) return { guess: true, reason: "pair" };
      // "1-B", "1B", "B→1" with a number and a letter the question shows.
      const n = `[1-${Math.min(q.left.length, 9)}]`;
      const L = `[${[...LETTERS].slice(0, q.right.length).join("")}]`;
      if (
        new RegExp(
          `(?<![\\w.])${n}\\s*(?:[-:=→>]|->|goes with)?\\s*${L}(?![\\w])|(?<![\\w])${L}\\s*[-:=→>]\\s*${n}(?![\\w.])`,
        ).test(text)
      )
        return { guess: true, reason: "pair-labels" };
      if (
        (l || r) &&
        (cue ||
          usesPrompt(text, q) ||
          /\b(match(?:es)?|goes with|go with|pair(?:ed)?|belongs?|corresponds?|known for)\b|配|对应|匹配/i.test(
            text,
          ))
      )
        return { guess: true, reason: "pair" };
      return { guess: false };
    }
  }
}
