// Leaks that do not quote the answer: naming the correct option by position ("the first option",
// "选第二个", "option 2"), eliminating every wrong option ("Not B, not C, not D"), paraphrasing
// most of the correct choice's distinctive words, and a verdict on a true/false statement ("No.
// …", or restating the statement with a yes/no word). Used by leak-check.ts; false alarms are
// accepted (the learner gets a hint instead) and measured in test/tutor/leak-measure.test.ts.
import { LETTERS } from "../grading/seeded-shuffle";
import type { LeakForms } from "./leak-text";
import { terms } from "./segment";

const EN_ORD = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"];
const EN_NUM_ORD = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th"];
const EN_CARD = ["one", "two", "three", "four", "five", "six", "seven", "eight"];
const ZH_NUM = ["一", "二", "三", "四", "五", "六", "七", "八"];

const NOUN = "option|choice|answer|statement|alternative|item|one|entry|bullet";
const VERDICT = "right|correct|the answer|the one|true|wrong|incorrect|false|out";

/** "option|one" → "[Oo]ption|[Oo]ne": case-insensitive words inside a case-sensitive pattern. */
const ci = (words: string) =>
  words
    .split("|")
    .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
    .join("|");

/** Every way of naming option i (0-based) explicitly as an option, in either language. */
function refPatterns(i: number, last: boolean): RegExp[] {
  const L = LETTERS[i];
  const n = String(i + 1);
  const ord = `(?:${EN_ORD[i]}|${EN_NUM_ORD[i]}${last ? "|last|final" : ""})`;
  const zh = `(?:${ZH_NUM[i]}|${n}${last ? "|最后一" : ""})`;
  return [
    // Case-sensitive, so "answer a question" is not option A.
    new RegExp(
      `\\b(?:${ci("option|choice|answer|statement|alternative|item")})s?\\s*(?:no\\.?|number|#)?\\s*[:(（]?\\s*(?:${L}|${n}|${ci(EN_CARD[i])})(?!\\w|\\.\\d)`,
    ),
    new RegExp(`\\b${ord}\\s+(?:${NOUN})s?\\b`, "i"),
    new RegExp(`\\b(?:answer|correct|right)\\b[^.?!\\n]{0,25}\\bthe\\s+${ord}\\b`, "i"),
    new RegExp(`\\bthe\\s+${ord}\\b[^.?!\\n]{0,12}\\b(?:is|are)\\s+(?:${VERDICT})\\b`, "i"),
    new RegExp(`(?:^|[^\\w])${L}\\s*(?:is|are)\\s+(?:${VERDICT})\\b`),
    new RegExp(`第\\s*${zh}\\s*(?:个|项|条|种|款)?\\s*(?:选项|答案|选择)`),
    new RegExp(
      `(?:选|答案(?:是|为|应该是|应为)?|应该是|正确的是|对的是)\\s*(?:第\\s*${zh}|${L}(?![A-Za-z\\d])|${n}(?![\\d.]))`,
    ),
    new RegExp(
      `第\\s*${zh}\\s*(?:个|项|条)\\s*(?:才|就|也)?\\s*(?:是|为)?\\s*(?:对|正确|答案|正解|错|不对|错误)`,
    ),
    new RegExp(`(?:选项|选择)\\s*[（(]?\\s*(?:${L}|${n}|${ZH_NUM[i]})(?![A-Za-z\\d])`, "i"),
    new RegExp(
      `(?:^|[^A-Za-z\\d])${L}\\s*(?:选项|项)?\\s*(?:才|就|也)?\\s*(?:是|为)?\\s*(?:对的|正确|错的|错误|不对|是答案)`,
    ),
  ];
}

/** A letter standing alone ("B", "(B)", "B,"), not inside a word or after a number ("7B"). */
function bareLetter(text: string, i: number): boolean {
  const L = LETTERS[i];
  return (
    new RegExp(`(^|[\\s(（\\[“"'，,、/])${L}(?=$|[\\s).）\\]”"',，。、:：!！?？;；/])`).test(
      text,
    ) && !new RegExp(`\\d\\s?${L}\\b`).test(text)
  );
}

const ELIMINATE =
  /\b(not|rule out|ruled out|eliminate|eliminated|except|wrong|incorrect|neither|nor|isn'?t|aren'?t|distractors?|decoys?|red herrings?|traps?)\b|排除|不是|不选|不对|错|都不|干扰/i;

/** NATO/phonetic names of the letters ("Charlie" is C). */
const PHONETIC = [
  "alfa|alpha",
  "bravo",
  "charlie",
  "delta",
  "echo",
  "foxtrot",
  "golf",
  "hotel",
  "india",
  "juliett?",
];

/**
 * A verdict on option i, right or wrong: "not B", "B is wrong", "B is a distractor", "rule out
 * the second", "排除B", "B不对". Any such verdict on any option narrows the answer down, so it is
 * withheld while the question is open, whichever option it is about.
 */
function verdictOn(text: string, i: number): boolean {
  const L = LETTERS[i];
  const ref = `(?:${L}|\\(${L}\\)|(?:option|choice|answer)\\s*(?:${L}|${i + 1})|the ${EN_ORD[i]}(?: one| option| choice)?|${PHONETIC[i]})`;
  const end = "(?=$|[\\s.,;:!?)）。，；：！？]|\\s+(?:and|or|nor)\\b)";
  return (
    (new RegExp(
      `\\b(?:not|rule out|ruled out|eliminate|exclude|excluding|except|neither|nor|drop|cross out|skip)\\s+${ref}${end}`,
      "i",
    ).test(text) &&
      new RegExp(`(?:^|[^A-Za-z\\d])${ref}${end}`).test(text)) ||
    new RegExp(
      `(?:^|[^A-Za-z\\d])${ref}\\s*(?:,\\s*[A-J]\\s*)*(?:and [A-J]\\s*)?(?:is|are|'s|were|was)\\s+(?:(?:definitely|clearly|obviously|just|all|both)\\s+)?(?:not\\s+)?(?:wrong|incorrect|false|a distractor|distractors|decoys?|out|a trap|traps|right|correct|true|the answer|it)\\b`,
    ).test(text) ||
    new RegExp(
      `(?:排除|不选|不是|除了)\\s*(?:选项)?\\s*(?:${L}|第\\s*${ZH_NUM[i]})(?![A-Za-z])|(?:^|[^A-Za-z\\d])${L}\\s*(?:选项)?\\s*(?:是|为)?\\s*(?:干扰项|错的|不对|错误|对的|正确)`,
    ).test(text)
  );
}

/** "index 2", "\"answer\": 2", "idx=1": a 0- or 1-based index naming option i. */
function indexRef(text: string, i: number): boolean {
  return new RegExp(
    `(?:index|idx|"?(?:answer|correct|choice|option|right)(?:[_ ]?index)?"?)\\s*[:=]\\s*\\[?\\s*(?:${i}|${i + 1})(?![\\d.])|\\b(?:index|idx)\\s+(?:of\\s+)?(?:${i}|${i + 1})(?![\\d.])|\\b${i}\\s*\\(0-based\\)`,
    "i",
  ).test(text);
}

export interface OptionRefs {
  right: boolean;
  eliminated: boolean;
}

/** Whether the text names a correct option by position, or rules out every wrong one. */
export function optionReferences(text: string, o: NonNullable<LeakForms["options"]>): OptionRefs {
  const plain = text.normalize("NFKC").replace(/[*_`~#>]/g, " ");
  const named = (i: number) => refPatterns(i, i === o.count - 1).some((re) => re.test(plain));
  const phonetic = (i: number) => new RegExp(`\\b(?:${PHONETIC[i]})\\b`, "i").test(plain);
  const right =
    o.right.some((i) => named(i) || phonetic(i) || indexRef(plain, i)) ||
    Array.from({ length: o.count }, (_, i) => i).some((i) => verdictOn(plain, i));
  let eliminated = false;
  if (o.wrong.length >= 2 && ELIMINATE.test(plain)) {
    // "Not B, not C, not D" / "the second, third and fourth are wrong" / "排除 B、C、D".
    const ordWord = (i: number) =>
      new RegExp(`\\b(${EN_ORD[i]}|${EN_NUM_ORD[i]})\\b`, "i").test(plain) ||
      new RegExp(`第\\s*(${ZH_NUM[i]}|${i + 1})`).test(plain);
    eliminated = o.wrong.every((i) => named(i) || bareLetter(plain, i) || ordWord(i));
  }
  return { right, eliminated };
}

/** Sentences (and pairs of neighbouring sentences), where a paraphrase would sit. */
function windows(text: string, pairs = true): string[] {
  // A full stop ends a sentence only before a space (".safetensors", "3.5" do not).
  const s = text
    .split(/(?<=[.!?]["”')\]]?)\s+|(?<=[。！？\n])/)
    .map((x) => x.trim())
    .filter(Boolean);
  const out = [...s];
  if (!pairs) return out.length ? out : [text];
  for (let i = 0; i + 1 < s.length; i++) out.push(`${s[i]} ${s[i + 1]}`);
  return out.length ? out : [text];
}

/** Largest share of `want` found in one window of the text. */
export function bestOverlap(
  text: string,
  want: readonly string[],
  pairs = true,
): { share: number; window: string } {
  let best = { share: 0, window: "" };
  if (!want.length) return best;
  for (const w of windows(text, pairs)) {
    const have = new Set(terms(w));
    const share = want.filter((t) => have.has(t)).length / want.length;
    if (share > best.share) best = { share, window: w };
  }
  return best;
}

/** At least this share of a correct choice's distinctive terms in one place is a paraphrase of it. */
export const CHOICE_OVERLAP = 0.6;
/** Choices with fewer distinctive terms are left to the exact-text check (too easy to hit by chance). */
const MIN_CHOICE_TERMS = 3;

export function paraphrasesChoice(text: string, forms: LeakForms): boolean {
  // Two distinctive terms must both appear; one is left to the exact-text check.
  return forms.choiceTerms.some(
    (want) =>
      want.length >= 2 &&
      bestOverlap(text, want).share >= (want.length >= MIN_CHOICE_TERMS ? CHOICE_OVERLAP : 1),
  );
}

const LEAD_VERDICT =
  /^\s*(?:(?:sure|ok(?:ay)?|well|good question|great question)[!,.]?\s*)?(?:yes|no|nope|yep|yeah|correct|incorrect|right|wrong|true|false|exactly|indeed|not quite|not really|that'?s (?:right|correct|wrong|true|false))\b\s*[.,!;:—–-]/i;
const LEAD_VERDICT_ZH =
  /^\s*(?:(?:好的|好问题)[！!，,。]?\s*)?(?:是的|对的?|不对|不是|没错|错了?|正确|错误|不正确|确实|并非如此|不完全对)\s*[，,。！!：:；;—]/;
const POLARITY_EN = [
  "not",
  "never",
  "no",
  "false",
  "wrong",
  "incorrect",
  "untrue",
  "inaccurate",
  "myth",
  "yes",
  "true",
  "correct",
  "right",
  "indeed",
  "accurate",
  "exactly",
  "holds",
  "cannot",
  "doesn't",
  "isn't",
  "aren't",
  "don't",
  "didn't",
  "won't",
  "can't",
  "nothing",
  "neither",
];
const POLARITY_ZH = /不|没|未|并非|错|对|正确|确实|是的|成立|否|无法|并不/g;
const ASKING = /\?|？|\b(whether|asks?|asking|question is)\b|是否|问的是|这道题问/i;

/** For true/false: the reply gives a verdict (a leading yes/no) or restates the statement with a polarity word. */
export function judgesStatement(raw: string, forms: LeakForms): boolean {
  if (!forms.statement) return false;
  const text = raw.normalize("NFKC").replace(/[*_`~#>]/g, " ");
  // A verdict opening any sentence ("… [1]. Yes, that holds."), not only the first.
  if (windows(text, false).some((w) => LEAD_VERDICT.test(w) || LEAD_VERDICT_ZH.test(w)))
    return true;
  return forms.statement.terms.some((want, k) => {
    if (want.length < 2) return false;
    // One sentence at a time: a restated statement followed by "I can't answer that" is no verdict,
    // nor is a question about it ("Is it true that …?").
    const { share, window } = bestOverlap(text, want, false);
    if (share < 0.5 || ASKING.test(window)) return false;
    const stmt = forms.statement!.text[k].toLowerCase();
    const w = window.toLowerCase();
    // Polarity words the statement itself does not contain: "never" in "X never names it" only
    // counts when the statement lacks it.
    const en = POLARITY_EN.some(
      (p) =>
        new RegExp(`\\b${p.replace("'", "'?")}\\b`).test(w) &&
        !new RegExp(`\\b${p.replace("'", "'?")}\\b`).test(stmt),
    );
    const zhHits = (w.match(POLARITY_ZH) ?? []).filter((m) => !stmt.includes(m));
    if (en || zhHits.length) return true;
    // Restating nearly all of it as a plain fact asserts it.
    return share >= 0.8;
  });
}
