// Checks text (model output, or a partial stream) for the answer of the open question, in any
// of the forms leakForms lists. Errs on the side of caution: a false alarm costs the learner a
// hint instead of an explanation while the question is open; a miss would give the answer away.
// Several questions may be open at once (a personal quiz and a channel round): pass them all.
// Every check reads a folded text (fold-text.ts: NFKC, no format characters, look-alike letters
// folded), and again each run decoded from base64/hex/percent/\u escapes; texts and amounts are
// also looked for read backwards. Numbers are read with the grader's conversion (number-spans.ts).
import { decodedRuns, reversed } from "./decode-runs";
import { foldText } from "./fold-text";
import { normalize, type LeakForms } from "./leak-text";
import { amountsIn, sameAmount } from "./number-spans";
import { judgesStatement, optionReferences, paraphrasesChoice } from "./leak-paraphrase";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Words that present a label as the answer: "the answer is B", "选 B", "option (B)". */
const ANSWER_WORDS =
  "answer|option|choice|choose|pick|select|letter|go with|it's|it is|correct one|right one|答案|选项|选择|选|应选|是";

function hasNumber(text: string, form: string): boolean {
  // A whole number: "175b" must not match inside "1175b" or "2.175b", nor "6" inside "16".
  const after = /[a-z]$/.test(form) ? "(?![a-z\\d])" : "(?![\\d]|\\.\\d)";
  return new RegExp(`(^|[^\\d.])${escapeRegExp(form)}${after}`, "i").test(text);
}

function hasLabel(text: string, label: string): boolean {
  if (label.includes(" ") || label.includes("-")) {
    // Ordering sequences "3 1 4 2" (any separator) and matching pairs "1-B".
    const parts = label.split(/[ ]/).map(escapeRegExp);
    return new RegExp(`(^|[^\\d])${parts.join("[\\s,，、>→-]*")}(?![\\d])`, "i").test(text);
  }
  const l = escapeRegExp(label);
  if (/^[A-J]$/.test(label)) {
    // A capital letter on its own: "B", "(B)", "B." — but not "175B", "7 B parameters", "B站".
    if (new RegExp(`(?:${ANSWER_WORDS})\\s*[:：]?\\s*[（(“"'\\[]?${l}\\b`, "i").test(text))
      return true;
    // "A model…" / "Part A bidirectional": the article, or a name, not the option.
    const article = label === "A" ? "(?!\\s+[a-z])" : "";
    return (
      new RegExp(`(^|[\\s(（\\[“"'])${l}${article}(?=$|[\\s).）\\]”"',，。:：!！?？])`).test(
        text,
      ) &&
      !new RegExp(`\\d\\s?${l}\\b`).test(text) &&
      !new RegExp(`\\b(part|type|plan|grade|class|vitamin)\\s+${l}\\b`, "i").test(text)
    );
  }
  return new RegExp(
    `(?:${ANSWER_WORDS}|number|no\\.|#|第)\\s*[:：]?\\s*[（(\\[]?${l}(?![\\d])`,
    "i",
  ).test(text);
}

/** Longest common substring length is costly; a sliding window of n chars is enough here. */
function sharesRun(text: string, source: string, n: number, minCjk = 0): boolean {
  if (source.length < n) return false;
  for (let i = 0; i + n <= source.length; i += Math.max(1, Math.floor(n / 4))) {
    const run = source.slice(i, i + n);
    // A short Chinese window that is mostly a Latin name (".gitattributes") is not prose.
    if (minCjk && (run.match(/[\u3400-\u9fff]/g) ?? []).length < minCjk) continue;
    if (text.includes(run)) return true;
  }
  return false;
}

/** Length of the longest increasing run (not necessarily contiguous) of positions. */
function longestIncreasing(xs: number[]): number {
  const tails: number[] = [];
  for (const x of xs) {
    let lo = 0,
      hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tails[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
  }
  return tails.length;
}

export interface LeakResult {
  leaked: boolean;
  reason?: string;
}

export function checkLeak(raw: string, forms: LeakForms | readonly LeakForms[]): LeakResult {
  if (Array.isArray(forms)) {
    for (const f of forms as readonly LeakForms[]) {
      const r = checkLeak(raw, f);
      if (r.leaked) return r;
    }
    return { leaked: false };
  }
  return checkOne(raw, forms as LeakForms);
}

function checkOne(input: string, forms: LeakForms): LeakResult {
  const folded = foldText(input);
  for (const v of [folded, ...decodedRuns(folded).map(foldText)]) {
    const r = checkVariant(v, forms);
    if (r.leaked) return r;
  }
  // Backwards: the texts and amounts only (a reversed sentence has no grammar to judge).
  const back = reversed(folded.replace(/\[\d+(?:\s*[,，]\s*\d+)*\]/g, " "));
  const text = normalize(back);
  for (const t of forms.texts)
    if (t.length >= 4 && text.includes(t)) return { leaked: true, reason: "reversed" };
  if (
    forms.numeric &&
    amountsIn(back, forms.numeric.kind, forms.numeric.unit).some((a) =>
      sameAmount(a.value, forms.numeric!.base, forms.numeric!.tolerance),
    )
  )
    return { leaked: true, reason: "reversed" };
  return { leaked: false };
}

/** Display numbers in a run ("3 1 4", "3→1→4", "3,1,4"): at least this many in the right relative order is a partial order. */
const PARTIAL_ORDER = 3;
/** A left and a right text of a matching pair this close (characters, same line) are stated as a pair. */
const PAIR_REACH = 80;
/** Two items of an ordering question in one sentence with an order word: a relation between them. */
const ORDER_WORD =
  /\b(before|after|then|followed by|precedes?|preceded|comes? (?:first|next|last)|earlier|later|first|second|third|last)\b|→|->|=>|>|<|之前|之后|然后|接着|再|先|早于|晚于|最后|其次/;

function checkVariant(raw: string, forms: LeakForms): LeakResult {
  const text = normalize(raw);
  for (const t of forms.texts)
    if (t.length >= 2 && text.includes(t)) return { leaked: true, reason: "choice-text" };
  // The same text with different spacing ("约 35 GB" / "约35GB").
  const tight = text.replace(/\s+/g, "");
  for (const t of forms.texts)
    if (t.length >= 4 && tight.includes(t.replace(/\s+/g, "")))
      return { leaked: true, reason: "choice-text" };
  // Citations ("[3]") number the notes; they are not amounts.
  const uncited = text.replace(/\[\d+(?:\s*[,，]\s*\d+)*\]/g, " ");
  for (const n of forms.numbers)
    if (n && hasNumber(uncited, n)) return { leaked: true, reason: "numeric" };
  if (
    forms.numeric &&
    amountsIn(raw, forms.numeric.kind, forms.numeric.unit).some((a) =>
      sameAmount(a.value, forms.numeric!.base, forms.numeric!.tolerance),
    )
  )
    return { leaked: true, reason: "numeric" };
  const plain = raw.normalize("NFKC").replace(/[*_`~#>]/g, " ");
  for (const l of forms.labels) if (hasLabel(plain, l)) return { leaked: true, reason: "label" };
  if (forms.truth) {
    // Quoting the question's own "True or false:" is not a verdict.
    const text = normalize(raw).replace(/true or false|对还是错|是对是错/g, " ");
    const words = forms.truth.words.map(escapeRegExp).join("|");
    const re = new RegExp(
      `(answer|statement|claim|it|this|that|答案|说法|这句话|这个说法|判断)[^.。!！?？\\n]{0,20}(${words})|^\\s*(${words})\\b`,
      "i",
    );
    if (re.test(text)) return { leaked: true, reason: "truth" };
    // "Answer: T", "答案：F": a verdict letter, either way (a false one misleads just as much).
    if (/\b(answer|verdict|result)\s*[:：=]\s*[tf]\b|答案\s*[:：是为]?\s*[tf√×✓✗对错]/i.test(text))
      return { leaked: true, reason: "truth" };
    // "Sure! True." — the bare value as its own word or sentence.
    const bare = forms.truth.words.filter(
      (w) => /^[a-z]+$/.test(w) && (w === "true" || w === "false"),
    );
    if (bare.some((w) => new RegExp(`\\b${w}\\b`, "i").test(text)))
      return { leaked: true, reason: "truth" };
    if (
      new RegExp(
        `(^|[。！？!?.\\s])(${forms.truth.words.filter((w) => !/^[a-z]/.test(w)).join("|")})的?[。！!.]`,
      ).test(text)
    )
      return { leaked: true, reason: "truth" };
  }
  if (forms.options) {
    const refs = optionReferences(raw, forms.options);
    if (refs.right) return { leaked: true, reason: "ordinal" };
    if (refs.eliminated) return { leaked: true, reason: "elimination" };
  }
  if (paraphrasesChoice(raw, forms)) return { leaked: true, reason: "paraphrase" };
  if (judgesStatement(raw, forms)) return { leaked: true, reason: "verdict" };
  const sentences = text.split(/[\n。!！?？;；]|\.(?=\s|$)/);
  for (const seq of forms.sequence ?? []) {
    // A partial order: three items or more mentioned in the right relative order anywhere, or
    // two in one sentence with an order word (either way round: any stated relation narrows it).
    const at = seq.map((item) => text.indexOf(item)).filter((i) => i >= 0);
    if (
      at.length >= Math.min(PARTIAL_ORDER, seq.length) &&
      longestIncreasing(seq.map((item) => text.indexOf(item)).filter((i) => i >= 0)) >=
        Math.min(PARTIAL_ORDER, seq.length)
    )
      return { leaked: true, reason: "order" };
    if (
      sentences.some(
        (s) => seq.filter((item) => s.includes(item)).length >= 2 && ORDER_WORD.test(s),
      )
    )
      return { leaked: true, reason: "order" };
  }
  if (forms.order && forms.order.length >= PARTIAL_ORDER) {
    for (const m of text.matchAll(/\d(?:\s*(?:[,，、>→]|->|=>|then|and)?\s*\d)+/g)) {
      const run = m[0]
        .match(/\d/g)!
        .map((d) => forms.order!.indexOf(d))
        .filter((i) => i >= 0);
      if (run.length >= PARTIAL_ORDER && longestIncreasing(run) >= PARTIAL_ORDER)
        return { leaked: true, reason: "order" };
    }
  }
  if (forms.pairs) {
    // A single correct pair close together (one line, or within PAIR_REACH characters) gives a sub-answer away.
    // Where a text occurs; a short one ("m", "t5") not inside a Latin word ("M对应" counts).
    const at = (t: string) =>
      [
        ...text.matchAll(
          new RegExp(
            `${t.length < 3 ? "(?<![a-z\\d])" : ""}${escapeRegExp(t)}${t.length < 3 ? "(?![a-z\\d])" : ""}`,
            "gu",
          ),
        ),
      ].map((m) => m.index!);
    const near = (a: string, b: string) =>
      at(a).some((i) =>
        at(b).some(
          (j) =>
            Math.abs(i - j) <= PAIR_REACH + a.length &&
            !text.slice(Math.min(i, j), Math.max(i, j)).includes("\n"),
        ),
      );
    if (forms.pairs.some(([ls, rs]) => ls.some((l) => rs.some((r) => near(l, r)))))
      return { leaked: true, reason: "pairs" };
  }
  for (const [n, l] of forms.pairLabels ?? []) {
    // "1-B", "1B", "1 → B", "1:B", "(1, B)", "1对应B".
    if (
      new RegExp(
        `(^|[^\\d])${n}\\s*(?:[-:：=→>)(,，.]|->|=>|对应|配|goes with|matches)?\\s*[(（]?${l}(?![A-Za-z])`,
      ).test(raw.replace(/[*_`~]/g, ""))
    )
      return { leaked: true, reason: "pair-label" };
  }
  for (const e of forms.explanation) {
    const zh = /[\u3400-\u9fff]/.test(e);
    if (sharesRun(text, e, zh ? 14 : 40, zh ? 6 : 0))
      return { leaked: true, reason: "explanation" };
  }
  return { leaked: false };
}
