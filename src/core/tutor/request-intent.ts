// Whether a learner's request is about an open question's answer, beyond the wording the
// classifier knows: quoting the question's options back, proposing a number close to a numeric
// answer ("is it 0.17T?"), or asking for the value of that very question ("how many in T?").
// A concept question that merely contains a digit ("what does the B in 7B stand for?") is not.
import type { NumericQuestion, Question } from "../content/schema";
import { answerInBaseUnits, toBaseUnits } from "../grading/numeric";
import { checkLeak } from "./leak-check";
import { normalize, type LeakForms } from "./leak-forms";
import { bestOverlap } from "./leak-paraphrase";
import { terms } from "./segment";

/** A proposed number this close to the answer (relative) is checking the answer. */
const NEAR = 0.25;

const ASKS_VALUE = /\b(how (many|much|big|large|long|fast)|what('?s| is| would be| will be) (the )?(value|result|number|total|answer|size|count|figure)|calculate|compute|work (it )?out|convert|in (t|b|m|gb|mb|trillions?|billions?|millions?)\b|equals?)\b|多少|几(个|位|倍|层|次)|等于|换算|算(一下|出|出来)|结果是|是多大|有多大/i;
const THIS_QUESTION = /\b(this|the|my) (question|quiz|problem|one)\b|这(道|个)?题|本题/i;

/** Number-and-unit candidates in the text: "175B", "0.175 T", "1750亿", "7". */
function candidates(text: string): string[] {
  const out: string[] = [];
  for (const m of text.normalize("NFKC").matchAll(/(\d+(?:[.,]\d+)*)\s*([a-z]{1,12}|[\u4e00-\u9fff]{1,2})?/gi)) {
    out.push(m[1]);
    if (m[2]) out.push(`${m[1]}${m[2]}`, `${m[1]} ${m[2]}`);
  }
  return out;
}

/** Whether the request proposes a number near the numeric answer, or asks for that question's value. */
export function seeksNumber(text: string, q: NumericQuestion): boolean {
  const answer = answerInBaseUnits(q);
  for (const c of candidates(text)) {
    const v = toBaseUnits(c, q.unitKind, q.answer.unit);
    if (v !== undefined && (answer === 0 ? v === 0 : Math.abs(v - answer) <= Math.abs(answer) * NEAR)) return true;
  }
  if (!ASKS_VALUE.test(text)) return false;
  if (THIS_QUESTION.test(text)) return true;
  // "How many is 175B in T?" asks the question itself: most of its words come from the prompt.
  const own = [...new Set(terms(text))];
  if (!own.length) return false;
  const prompt = [...new Set([...terms(q.prompt.en), ...terms(q.prompt.zh)])];
  return bestOverlap(`${q.prompt.en}\n${q.prompt.zh}`, own).share >= 0.5 || own.filter((t) => prompt.includes(t)).length >= 3;
}

/** Whether the learner's text quotes an open question's options, proposes its number, or states its answer. */
export function mentionsOpenQuestion(text: string, open: readonly { question: Question; forms: LeakForms }[]): boolean {
  const t = normalize(text);
  return open.some(({ question: q, forms }) => {
    const options = q.type === "single" || q.type === "multiple" ? q.choices.map((c) => c.text) : q.type === "ordering" ? q.items.map((i) => i.text) : q.type === "matching" ? [...q.left, ...q.right].map((i) => i.text) : [];
    if (options.some((o) => [o.zh, o.en].some((s) => normalize(s).length >= 2 && t.includes(normalize(s))))) return true;
    if (q.type === "numeric" && seeksNumber(text, q)) return true;
    return checkLeak(text, forms).leaked;
  });
}
