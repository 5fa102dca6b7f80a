// The adaptive plan: due reviews first, then unseen questions of the weakest topic at a
// difficulty that ramps with mastery, never a question twice.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import { planAdaptive, targetDifficulty } from "../../src/core/learning/adaptive";
import { pickWithFormatMix, slowLast, slowQuestionAllowance } from "../../src/core/quiz/planner";

const index = loadContent("content");
const topics = index.course.topics.map((t) => t.id);
const ids = (topic: string) => index.questionsForTopic(topic).map((q) => q.id);
const isSlow = (id: string) => ["ordering", "matching"].includes(index.question(id)!.type);
const ofType = (type: string) =>
  index.course.questions.filter((q) => q.type === type).map((q) => q.id);

describe("planAdaptive", () => {
  it("serves due reviews first, in the order given (oldest due first)", () => {
    const due = [ids("units")[3], ids("genai")[0], ids("formats")[2]];
    const latest = new Map(due.map((id) => [id, 1]));
    const plan = planAdaptive(index, { count: 5, seed: "s", due, latest });
    expect(plan.slice(0, 3)).toEqual(due);
    expect(plan.slice(3).every((id) => !latest.has(id))).toBe(true);
  });

  it("a newcomer starts with the first lesson's topic at ★ difficulty", () => {
    const plan = planAdaptive(index, { count: 4, seed: "s", due: [], latest: new Map() });
    expect(plan.every((id) => index.question(id)!.topic === topics[0])).toBe(true);
    expect(index.question(plan[0])!.difficulty).toBe(1);
  });

  it("picks unseen questions from the weakest started topic", () => {
    const latest = new Map<string, number>();
    for (const id of ids("genai").slice(0, 8)) latest.set(id, 1); // genai 50%
    for (const id of ids("units").slice(0, 4)) latest.set(id, 0); // units 0%, started
    const plan = planAdaptive(index, { count: 3, seed: "s", due: [], latest });
    expect(plan.map((id) => index.question(id)!.topic)).toEqual(["units", "units", "units"]);
    expect(plan.every((id) => !latest.has(id))).toBe(true);
  });

  it("ramps difficulty with the topic's mastery", () => {
    expect([0, 39, 40, 74, 75, 100].map(targetDifficulty)).toEqual([1, 1, 2, 2, 3, 3]);
    // Master most of genai: the remaining questions come hardest first.
    const all = index.questionsForTopic("genai");
    const keep = [...all].sort((a, b) => a.difficulty - b.difficulty).slice(0, 13);
    const latest = new Map(keep.map((q) => [q.id, 1]));
    const fresh = all.filter((q) => !latest.has(q.id));
    const plan = planAdaptive(index, { count: 1, seed: "s", due: [], latest });
    expect(index.question(plan[0])!.topic).toBe("genai");
    expect(index.question(plan[0])!.difficulty).toBe(Math.max(...fresh.map((q) => q.difficulty)));
  });

  it("moves on to the next topic when the weakest runs out, then to seen questions", () => {
    const latest = new Map<string, number>();
    for (const t of topics) for (const id of ids(t)) latest.set(id, 1);
    const low = ids("scale")[5];
    latest.set(low, 0.2);
    const plan = planAdaptive(index, { count: 2, seed: "s", due: [], latest });
    expect(plan[0]).toBe(low); // everything seen: the lowest latest score first
  });

  it("gives a newcomer quick formats first: ordering and matching at most one in three, and last", () => {
    let slowServed = 0;
    for (let i = 0; i < 100; i++) {
      for (const count of [1, 2, 3, 5, 9]) {
        const plan = planAdaptive(index, { count, seed: `n${i}`, due: [], latest: new Map() });
        expect(plan).toHaveLength(count);
        expect(isSlow(plan[0])).toBe(false);
        expect(plan.filter(isSlow).length).toBeLessThanOrEqual(slowQuestionAllowance(count));
        const firstSlow = plan.findIndex(isSlow);
        if (firstSlow >= 0) expect(plan.slice(firstSlow).every(isSlow)).toBe(true);
        slowServed += plan.filter(isSlow).length;
      }
    }
    expect(slowServed).toBeGreaterThan(0); // still mixed in where the allowance permits
  });

  it("keeps due reviews first for selection, but puts due slow formats last and within the allowance", () => {
    const [m1, m2] = ofType("matching");
    const [o1] = ofType("ordering");
    const [s1, s2] = ofType("single");
    const due = [m1, s1, o1, m2, s2];
    const latest = new Map(due.map((id) => [id, 1]));
    // Five questions allow one slow one: the oldest due slow review, after the quick ones.
    const plan = planAdaptive(index, { count: 5, seed: "s", due, latest });
    expect(plan.slice(0, 2)).toEqual([s1, s2]);
    expect(plan.slice(2, 4).every((id) => !isSlow(id) && !latest.has(id))).toBe(true);
    expect(plan[4]).toBe(m1);
    // Three allow one too; two allow none.
    expect(planAdaptive(index, { count: 3, seed: "s", due, latest })).toEqual([s1, s2, m1]);
    expect(planAdaptive(index, { count: 2, seed: "s", due, latest })).toEqual([s1, s2]);
  });

  it("takes slow formats beyond the allowance only when there are not enough other questions", () => {
    const [m1, m2] = ofType("matching").map((id) => index.question(id)!);
    const [o1] = ofType("ordering").map((id) => index.question(id)!);
    const [s1] = ofType("single").map((id) => index.question(id)!);
    expect(slowLast(pickWithFormatMix([m1, o1, s1, m2], 3)).map((q) => q.id)).toEqual([
      s1.id,
      m1.id,
      o1.id,
    ]);
    expect(slowLast(pickWithFormatMix([m1, o1, s1, m2], 2)).map((q) => q.id)).toEqual([
      s1.id,
      m1.id,
    ]);
  });

  it("never plans a question twice and fills the count when it can (property)", () => {
    const all = index.course.questions.map((q) => q.id);
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...all), { maxLength: 30 }),
        fc.array(fc.tuple(fc.constantFrom(...all), fc.double({ min: 0, max: 1, noNaN: true })), {
          maxLength: 120,
        }),
        fc.integer({ min: 1, max: 20 }),
        fc.string(),
        (due, answered, count, seed) => {
          const plan = planAdaptive(index, { count, seed, due, latest: new Map(answered) });
          expect(new Set(plan).size).toBe(plan.length);
          expect(plan.length).toBe(Math.min(count, all.length));
        },
      ),
      { numRuns: 60 },
    );
  });
});
