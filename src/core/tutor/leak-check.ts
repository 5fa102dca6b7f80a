// Checks text (model output, or a partial stream) for the answer of the open question, in any
// of the forms leakForms lists. Errs on the side of caution: a false alarm costs the learner a
// hint instead of an explanation while the question is open; a miss would give the answer away.
// Several questions may be open at once (a personal quiz and a channel round): pass them all.
import { normalize, type LeakForms } from "./leak-forms";
import { judgesStatement, optionReferences, paraphrasesChoice } from "./leak-paraphrase";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Words that present a label as the answer: "the answer is B", "选 B", "option (B)". */
const ANSWER_WORDS = "answer|option|choice|choose|pick|select|letter|go with|it's|it is|correct one|right one|答案|选项|选择|选|应选|是";

function hasNumber(text: string, form: string): boolean {
  // A whole number: "175b" must not match inside "1175b" or "2.175b", nor "6" inside "16".
  const after = /[a-z]$/.test(form) ? "(?![a-z\\d])" : "(?![\\d]|\\.\\d)";
  return new RegExp(`(^|[^\\d.])${escape(form)}${after}`, "i").test(text);
}

function hasLabel(text: string, label: string): boolean {
  if (label.includes(" ") || label.includes("-")) {
    // Ordering sequences "3 1 4 2" (any separator) and matching pairs "1-B".
    const parts = label.split(/[ ]/).map(escape);
    return new RegExp(`(^|[^\\d])${parts.join("[\\s,，、>→-]*")}(?![\\d])`, "i").test(text);
  }
  const l = escape(label);
  if (/^[A-J]$/.test(label)) {
    // A capital letter on its own: "B", "(B)", "B." — but not "175B", "7 B parameters", "B站".
    if (new RegExp(`(?:${ANSWER_WORDS})\\s*[:：]?\\s*[（(“"'\\[]?${l}\\b`, "i").test(text)) return true;
    // "A model…" / "Part A bidirectional": the article, or a name, not the option.
    const article = label === "A" ? "(?!\\s+[a-z])" : "";
    return new RegExp(`(^|[\\s(（\\[“"'])${l}${article}(?=$|[\\s).）\\]”"',，。:：!！?？])`).test(text) && !new RegExp(`\\d\\s?${l}\\b`).test(text) && !new RegExp(`\\b(part|type|plan|grade|class|vitamin)\\s+${l}\\b`, "i").test(text);
  }
  return new RegExp(`(?:${ANSWER_WORDS}|number|no\\.|#|第)\\s*[:：]?\\s*[（(\\[]?${l}(?![\\d])`, "i").test(text);
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

export interface LeakResult { leaked: boolean; reason?: string }

export function checkLeak(raw: string, forms: LeakForms | readonly LeakForms[]): LeakResult {
  if (Array.isArray(forms)) {
    for (const f of forms as readonly LeakForms[]) { const r = checkLeak(raw, f); if (r.leaked) return r; }
    return { leaked: false };
  }
  return checkOne(raw, forms as LeakForms);
}

function checkOne(raw: string, forms: LeakForms): LeakResult {
  const text = normalize(raw);
  for (const t of forms.texts) if (t.length >= 2 && text.includes(t)) return { leaked: true, reason: "choice-text" };
  // The same text with different spacing ("约 35 GB" / "约35GB").
  const tight = text.replace(/\s+/g, "");
  for (const t of forms.texts) if (t.length >= 4 && tight.includes(t.replace(/\s+/g, ""))) return { leaked: true, reason: "choice-text" };
  for (const n of forms.numbers) if (n && hasNumber(text, n)) return { leaked: true, reason: "numeric" };
  const plain = raw.normalize("NFKC").replace(/[*_`~#>]/g, " ");
  for (const l of forms.labels) if (hasLabel(plain, l)) return { leaked: true, reason: "label" };
  if (forms.truth) {
    // Quoting the question's own "True or false:" is not a verdict.
    const text = normalize(raw).replace(/true or false|对还是错|是对是错/g, " ");
    const words = forms.truth.words.map(escape).join("|");
    const re = new RegExp(`(answer|statement|claim|it|this|that|答案|说法|这句话|这个说法|判断)[^.。!！?？\\n]{0,20}(${words})|^\\s*(${words})\\b`, "i");
    if (re.test(text)) return { leaked: true, reason: "truth" };
    // "Sure! True." — the bare value as its own word or sentence.
    const bare = forms.truth.words.filter((w) => /^[a-z]+$/.test(w) && (w === "true" || w === "false"));
    if (bare.some((w) => new RegExp(`\\b${w}\\b`, "i").test(text))) return { leaked: true, reason: "truth" };
    if (new RegExp(`(^|[。！？!?.\\s])(${forms.truth.words.filter((w) => !/^[a-z]/.test(w)).join("|")})的?[。！!.]`).test(text)) return { leaked: true, reason: "truth" };
  }
  if (forms.options) {
    const refs = optionReferences(raw, forms.options);
    if (refs.right) return { leaked: true, reason: "ordinal" };
    if (refs.eliminated) return { leaked: true, reason: "elimination" };
  }
  if (paraphrasesChoice(raw, forms)) return { leaked: true, reason: "paraphrase" };
  if (judgesStatement(raw, forms)) return { leaked: true, reason: "verdict" };
  for (const seq of forms.sequence ?? []) {
    let at = -1;
    const inOrder = seq.every((item) => { const i = text.indexOf(item, at + 1); if (i < 0) return false; at = i; return true; });
    if (inOrder) return { leaked: true, reason: "order" };
  }
  if (forms.pairs) {
    const lines = text.split(/[\n。.;；]/);
    const matched = forms.pairs.filter(([ls, rs]) => lines.some((line) => ls.some((l) => line.includes(l)) && rs.some((r) => line.includes(r)))).length;
    if (matched >= Math.min(2, forms.pairs.length)) return { leaked: true, reason: "pairs" };
  }
  for (const e of forms.explanation) {
    const zh = /[\u3400-\u9fff]/.test(e);
    if (sharesRun(text, e, zh ? 14 : 40, zh ? 6 : 0)) return { leaked: true, reason: "explanation" };
  }
  return { leaked: false };
}
