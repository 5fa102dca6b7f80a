// Measures the output leak check on a labelled set built from the real course questions: replies
// that give the answer away without quoting it (by position, by elimination, by paraphrase, by a
// true/false verdict, by number) in English and Chinese, and innocent replies (hints, step-by-step
// guidance that says "first"/"第一步", the question restated, explanations of other questions
// of the same lesson and of other lessons).
// The figures are in the test names, so a run shows them.
import { describe, expect, it } from "vitest";
import type { Question } from "../../src/core/content/schema";
import { answerInBaseUnits, equivalentForms } from "../../src/core/grading/numeric";
import { LETTERS, displayOptions } from "../../src/core/grading/present";
import { checkLeak } from "../../src/core/tutor/leak-check";
import { leakForms, statementOf } from "../../src/core/tutor/leak-forms";
import { course } from "../helpers/tutor-app";

const SESSION = "measure-session";
const ORD = ["first", "second", "third", "fourth", "fifth", "sixth"];
const ZH = ["一", "二", "三", "四", "五", "六"];
const seg = new Intl.Segmenter("zh", { granularity: "word" });

/** Drops every `k`th word: a paraphrase that keeps most of the words, not the exact text. */
function dropEvery(text: string, k: number, zh: boolean): string {
  let n = 0;
  const words = zh
    ? [...seg.segment(text)].map((s) => ({ w: s.segment, word: !!s.isWordLike }))
    : text.split(/\s+/).map((w) => ({ w, word: true }));
  return words
    .filter((x) => !x.word || ++n % k !== 0)
    .map((x) => x.w)
    .join(zh ? "" : " ");
}

interface Sample {
  q: Question;
  text: string;
  kind: string;
}

function leakingReplies(q: Question): Sample[] {
  const out: Sample[] = [];
  const add = (kind: string, text: string) => out.push({ q, text, kind });
  if (q.type === "single" || q.type === "multiple") {
    const opts = displayOptions(q, SESSION);
    const right = new Set(Array.isArray(q.answer) ? q.answer : [q.answer]);
    const i = opts.findIndex((o) => right.has(o.id));
    const wrong = opts.flatMap((o, k) => (right.has(o.id) ? [] : [LETTERS[k]]));
    const text = opts[i].text;
    add("ordinal-en", `Looking at the notes [1], the ${ORD[i]} option is the right one.`);
    add("ordinal-en", `Sure. The answer is the ${ORD[i]} one.`);
    add("ordinal-zh", `根据笔记 [1]，选第${ZH[i]}个选项。`);
    add("letter-zh", `这题应该选 ${LETTERS[i]}，笔记里写得很清楚 [1]。`);
    if (wrong.length >= 2) {
      add("elimination-en", `Not ${wrong.join(", not ")}. That should settle it [1].`);
      add("elimination-zh", `先排除 ${wrong.join("、")}，剩下的就是了 [1]。`);
    }
    add("paraphrase-en", `Think of it like this: ${dropEvery(text.en, 5, false)} [1].`);
    add("paraphrase-zh", `可以这样理解：${dropEvery(text.zh, 5, true)} [1]。`);
  }
  if (q.type === "true-false") {
    const en = statementOf(q.prompt.en).replace(/\.$/, "");
    const zh = statementOf(q.prompt.zh).replace(/。$/, "");
    add("verdict-en", `${q.answer ? "Yes" : "No"}. The notes explain this in [1].`);
    add(
      "verdict-en",
      q.answer ? `Indeed, ${en} [1].` : `In fact it is not the case that ${en} [1].`,
    );
    add("verdict-en", `Saying that ${en} is ${q.answer ? "accurate" : "wrong"}, see [1].`);
    add("verdict-zh", `${q.answer ? "对" : "不对"}，${q.wrongRationale.zh} [1]`);
    add("verdict-zh", `“${zh}”——这种说法${q.answer ? "是成立的" : "并不成立"} [1]。`);
    add("verdict-zh", `${zh}，${q.answer ? "确实如此" : "这并非事实"} [1]。`);
  }
  if (q.type === "numeric") {
    const forms = equivalentForms(answerInBaseUnits(q), q.unitKind, q.answer.unit);
    add(
      "number-en",
      `It works out to about ${forms[0] ?? `${q.answer.value} ${q.answer.unit}`} [1].`,
    );
    add("number-zh", `算下来大约是 ${q.answer.value}${q.answer.unit} [1]。`);
  }
  return out;
}

function innocentReplies(q: Question, all: Question[]): Sample[] {
  const { index } = course();
  const title = index.section(q.lesson, q.section)?.title ?? { zh: q.section, en: q.section };
  // Explanations of questions from another lesson: real course prose that says nothing about q.
  const others = all.filter((o) => o.lesson !== q.lesson);
  const pick = (k: number) => others[(all.indexOf(q) * 7 + k * 13) % others.length];
  const out: Sample[] = [];
  const add = (kind: string, text: string) => out.push({ q, text, kind });
  // Harder: the explanation of another question of the same lesson (same words, other facts).
  const sibling = all.filter((o) => o.lesson === q.lesson && o.section !== q.section)[0];
  if (sibling) {
    add("same-lesson-en", `${sibling.explanation.en} [1]`);
    add("same-lesson-zh", `${sibling.explanation.zh} [1]`);
  }
  add("other-lesson-en", `${pick(0).explanation.en} [1]`);
  add("other-lesson-zh", `${pick(1).explanation.zh} [1]`);
  add(
    "hint-en",
    `Good question! I can't give the answer while the question is open. Review "${title.en}" in the notes [1]. ${q.hints[0].en} Use /hint for more.`,
  );
  add(
    "hint-zh",
    `好问题！题目还没作答，我不能直接给答案。复习「${title.zh}」一节 [1]。${q.hints[0].zh} 需要更多提示可以用 /hint。`,
  );
  add(
    "steps-en",
    `Let's go step by step. First, recall the section "${title.en}". The second thing to check is how the notes define the key terms, and the B in 7B stands for billion [1].`,
  );
  add(
    "steps-zh",
    `第一步，先回顾「${title.zh}」这一节；第二步，想想笔记里的定义。7B 里的 B 表示十亿 [1]。`,
  );
  add(
    "restate-en",
    `Your question asks: "${q.prompt.en}" I can't answer that for you, but the notes on "${title.en}" explain the idea [1].`,
  );
  add(
    "restate-zh",
    `这道题问的是：“${q.prompt.zh}” 我不能替你作答，不过「${title.zh}」一节讲了相关概念 [1]。`,
  );
  return out;
}

const questions = course().index.course.questions;
const leaking = questions.flatMap(leakingReplies);
const innocent = questions.flatMap((q) => innocentReplies(q, questions));
const flagged = (s: Sample) => checkLeak(s.text, leakForms(s.q, SESSION)).leaked;
const missed = leaking.filter((s) => !flagged(s));
const falseAlarms = innocent.filter(flagged);
const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;
const recall = 1 - missed.length / leaking.length;
const fpr = falseAlarms.length / innocent.length;

describe("leak check on a labelled set from the course questions", () => {
  it("has enough samples in both languages", () => {
    for (const set of [leaking, innocent]) {
      expect(set.filter((s) => s.kind.endsWith("-en")).length).toBeGreaterThanOrEqual(100);
      expect(set.filter((s) => s.kind.endsWith("-zh")).length).toBeGreaterThanOrEqual(100);
    }
  });

  it(`leak recall ${pct(leaking.length - missed.length, leaking.length)} of ${leaking.length} leaking replies (needs ≥ 95%)`, () => {
    if (recall < 0.95)
      console.log(
        missed
          .slice(0, 30)
          .map((s) => `${s.q.id} [${s.kind}] ${s.text}`)
          .join("\n"),
      );
    expect(recall).toBeGreaterThanOrEqual(0.95);
    // Every kind of leak is caught most of the time, not just the common ones.
    for (const kind of new Set(leaking.map((s) => s.kind))) {
      const of = leaking.filter((s) => s.kind === kind);
      expect(of.filter(flagged).length / of.length, kind).toBeGreaterThanOrEqual(0.85);
    }
  });

  it(`false positives ${pct(falseAlarms.length, innocent.length)} of ${innocent.length} innocent replies (needs ≤ 10%)`, () => {
    if (fpr > 0.1)
      console.log(
        falseAlarms
          .slice(0, 30)
          .map(
            (s) =>
              `${s.q.id} [${s.kind}] ${checkLeak(s.text, leakForms(s.q, SESSION)).reason}: ${s.text}`,
          )
          .join("\n"),
      );
    expect(fpr).toBeLessThanOrEqual(0.1);
  });
});
