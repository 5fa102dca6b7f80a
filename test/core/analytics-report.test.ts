// The instructor report against figures computed by hand for a small case.
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import { toCsv, toMarkdown } from "../../src/core/analytics/format";
import { questionStats, scoreGroups } from "../../src/core/analytics/question-stats";
import { buildReport } from "../../src/core/analytics/report";
import { topicDistribution } from "../../src/core/analytics/topic-distribution";
import type { SingleChoiceQuestion } from "../../src/core/content/schema";
import type { AnswerFact } from "../../src/core/ports/learning";

const index = loadContent("content");
const singles = index
  .questionsForTopic("genai")
  .filter((q): q is SingleChoiceQuestion => q.type === "single");
const [q1, q2, q3] = singles;
const wrong = (q: SingleChoiceQuestion, n: number) =>
  q.choices.filter((c) => c.id !== q.answer)[n].id;
let t = Date.parse("2026-03-02T09:00:00Z");
function fact(
  learnerId: string,
  q: SingleChoiceQuestion,
  choice: string,
  hintUsed = false,
): AnswerFact {
  const correct = choice === q.answer;
  return {
    learnerId,
    questionId: q.id,
    topic: q.topic,
    lessonId: q.lesson,
    correct,
    score: correct ? 1 : 0,
    hintUsed,
    given: { type: "single", choice },
    createdAt: new Date((t += 60_000)),
  };
}

// Totals: A 2, B 2, C 1, D 1 → ranked A, B, C, D (ties by id); 27% of 4 rounds to 1: upper {A}, lower {D}.
const Y = wrong(q1, 0),
  Z = wrong(q1, 1),
  W = wrong(q2, 0);
const facts: AnswerFact[] = [
  fact("A", q1, q1.answer),
  fact("A", q2, W),
  fact("A", q3, q3.answer),
  fact("B", q1, Y),
  fact("B", q2, q2.answer),
  fact("B", q3, q3.answer),
  fact("C", q1, Y),
  fact("C", q2, W),
  fact("C", q1, q1.answer),
  fact("D", q1, Z, true),
  fact("D", q2, q2.answer),
];

describe("instructor report (hand-computed case)", () => {
  it("has three single-choice questions in genai to work with", () => {
    expect(singles.length).toBeGreaterThanOrEqual(3);
    expect(index.questionsForTopic("genai").length).toBeGreaterThanOrEqual(3);
  });

  it("splits learners into the upper and lower 27% by total score", () => {
    const g = scoreGroups(facts);
    expect([...g.upper]).toEqual(["A"]);
    expect([...g.lower]).toEqual(["D"]);
  });

  it("per question: attempts, % correct, discrimination, top wrong choice, hints", () => {
    const byId = new Map(questionStats(index, facts).map((s) => [s.questionId, s]));
    // q1: 5 attempts (C twice), right: A and C's second try → 40%; first tries: A right, D wrong → D = 1;
    // wrong picks: Y (B, C), Z (D) → Y (2); D used a hint → 1/5 = 20%.
    expect(byId.get(q1.id)).toMatchObject({
      attempts: 5,
      learners: 4,
      correctPct: 40,
      discrimination: 1,
      topWrong: { label: Y, count: 2 },
      hintPct: 20,
    });
    // q2: 4 attempts, B and D right → 50%; A (upper) wrong, D (lower) right → D = −1; W twice.
    expect(byId.get(q2.id)).toMatchObject({
      attempts: 4,
      learners: 4,
      correctPct: 50,
      discrimination: -1,
      topWrong: { label: W, count: 2 },
      hintPct: 0,
    });
    // q3: only A and B → no lower-group attempt → no index.
    expect(byId.get(q3.id)).toMatchObject({
      attempts: 2,
      correctPct: 100,
      discrimination: null,
      topWrong: null,
    });
  });

  it("topic mastery distribution: latest score per question over all of the topic's n questions", () => {
    // A: q1 1, q2 0, q3 1 → 2/n; B: 0,1,1 → 2/n; C: q1 latest 1, q2 0 → 1/n; D: 0,1 → 1/n (each as a
    // rounded percentage; the course decides n, e.g. 16 questions gave 13, 13, 6, 6).
    const n = index.questionsForTopic("genai").length;
    const two = Math.round((2 / n) * 100);
    const one = Math.round((1 / n) * 100);
    const genai = topicDistribution(index, facts).find((d) => d.topic === "genai")!;
    expect(genai).toEqual({
      topic: "genai",
      learners: 4,
      median: (one + two) / 2,
      mean: Math.round(((one + two) / 2) * 10) / 10,
      buckets: [4, 0, 0, 0, 0],
    });
    expect(topicDistribution(index, facts).find((d) => d.topic === "units")).toMatchObject({
      learners: 0,
      median: null,
    });
  });

  it("prints the same figures as Markdown and CSV, overview included", () => {
    const report = buildReport(index, facts, { now: new Date("2026-03-03T00:00:00Z") });
    expect(report.sections.map((s) => s.id)).toEqual(["overview", "questions", "topics"]);
    expect(report.sections[0].rows).toEqual([
      ["learners", 4],
      ["answers", 11],
      ["% correct", 54.5],
      ["questions attempted", 3],
      ["questions never attempted", index.course.questions.length - 3],
    ]);
    const csv = toCsv(report);
    expect(csv).toContain(`${q2.id},${q2.lesson},genai,4,4,50,-1,${W} (2),0`);
    const mid =
      (Math.round((2 / index.questionsForTopic("genai").length) * 100) +
        Math.round((1 / index.questionsForTopic("genai").length) * 100)) /
      2;
    expect(csv).toContain(`genai,4,${mid},${mid},4,0,0,0,0`);
    const md = toMarkdown(report);
    expect(md).toContain(`| ${q1.id} | ${q1.lesson} | genai | 5 | 4 | 40 | 1 | ${Y} (2) | 20 |`);
    expect(md).toContain(`| ${q3.id} | ${q3.lesson} | genai | 2 | 2 | 100 | — | — | 0 |`);
  });

  it("shows numeric wrong answers in the question's unit, as typed forms of one value count together", () => {
    const q = index.question("weights-memory-fp16")!;
    const numeric = (learnerId: string, raw: string, value: number): AnswerFact => ({
      learnerId,
      questionId: q.id,
      topic: q.topic,
      lessonId: q.lesson,
      correct: false,
      score: 0,
      hintUsed: false,
      given: { type: "numeric", raw, value },
      createdAt: new Date((t += 60_000)),
    });
    // 2 TB typed three ways (stored in bytes), 70 GB once.
    const wrongs = [
      numeric("A", "2TB", 2e12),
      numeric("B", "2000GB", 2e12),
      numeric("C", "2000000000000", 2e12),
      numeric("D", "70G", 7e10),
    ];
    const [s] = questionStats(index, wrongs);
    expect(s.topWrong).toEqual({ label: "2000GB", count: 3 });
    expect(toCsv(buildReport(index, wrongs, { now: new Date("2026-03-03T00:00:00Z") }))).toContain(
      `${q.id},${q.lesson},${q.topic},4,4,0,0,2000GB (3),0`,
    );
    const ms = index.question("gpt4o-latency")!;
    const [late] = questionStats(index, [
      { ...numeric("A", "0.32 s", 320), questionId: ms.id, topic: ms.topic, lessonId: ms.lesson },
    ]);
    expect(late.topWrong?.label).toBe("320 ms");
  });

  it("accepts extra sections (other features add their own)", () => {
    const report = buildReport(index, facts, {
      now: new Date(),
      extra: [
        {
          id: "llm-cost",
          title: "LLM cost per day",
          columns: ["day", "usd"],
          rows: [["2026-03-02", 0.5]],
        },
      ],
    });
    expect(toCsv(report)).toContain("# llm-cost\nday,usd\n2026-03-02,0.5");
  });
});
