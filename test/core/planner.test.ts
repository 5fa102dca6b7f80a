// Quiz planning: the right topic, no repeats, quick formats first, ordering/matching at most one in three.
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import { planQuiz, slowQuestionAllowance } from "../../src/core/quiz/planner";

const index = loadContent("content");
const slow = (id: string) => ["ordering", "matching"].includes(index.question(id)!.type);

describe("planQuiz", () => {
  it("draws only from the topic, with no repeats", () => {
    for (let i = 0; i < 50; i++) {
      const ids = planQuiz(index, { topic: "units", count: 5, seed: `s${i}` });
      expect(ids).toHaveLength(5);
      expect(new Set(ids).size).toBe(5);
      for (const id of ids) expect(index.question(id)!.topic).toBe("units");
    }
  });
  it("keeps short quizzes to quick formats and puts slow formats last", () => {
    for (let i = 0; i < 100; i++) {
      const two = planQuiz(index, { topic: "units", count: 2, seed: `t${i}` });
      expect(two.filter(slow)).toEqual([]);
      const nine = planQuiz(index, { count: 9, seed: `n${i}` });
      expect(nine.filter(slow).length).toBeLessThanOrEqual(slowQuestionAllowance(9));
      const firstSlow = nine.findIndex(slow);
      if (firstSlow >= 0) expect(nine.slice(firstSlow).every(slow)).toBe(true);
    }
  });
  it("still mixes in ordering and matching in longer quizzes", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++)
      for (const id of planQuiz(index, { count: 9, seed: `m${i}` }))
        seen.add(index.question(id)!.type);
    expect(seen).toEqual(
      new Set(["single", "multiple", "true-false", "numeric", "ordering", "matching"]),
    );
  });
});
