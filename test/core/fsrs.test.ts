// The FSRS rating rule and what it does to a card's schedule.
import { describe, expect, it } from "vitest";
import {
  EXPECTED_SECONDS,
  MATURE_STABILITY_DAYS,
  Rating,
  ratingFor,
  retrievability,
  review,
} from "../../src/core/learning/fsrs";
import type { CardState } from "../../src/core/ports/learning";

const T0 = new Date("2026-03-02T09:00:00Z");
const DAY = 86_400_000;
const base = { correct: true, hintUsed: false, type: "single" as const, card: null };
const expectedMs = EXPECTED_SECONDS.single * 1000;

function matureCard(): CardState {
  let c = review(null, Rating.Good, T0);
  let t = T0;
  while (c.stability < MATURE_STABILITY_DAYS) {
    t = c.due;
    c = review(c, Rating.Good, t);
  }
  return c;
}

describe("rating rule", () => {
  it("wrong → Again, whatever the time or hints", () => {
    expect(ratingFor({ ...base, correct: false, timeTakenMs: 1000 })).toBe(Rating.Again);
    expect(ratingFor({ ...base, correct: false, hintUsed: true, timeTakenMs: 1000 })).toBe(
      Rating.Again,
    );
  });
  it("right with a hint → Hard; right but slower than 2× the expected time → Hard", () => {
    expect(ratingFor({ ...base, hintUsed: true, timeTakenMs: 1000 })).toBe(Rating.Hard);
    expect(ratingFor({ ...base, timeTakenMs: 2 * expectedMs + 1 })).toBe(Rating.Hard);
    expect(ratingFor({ ...base, timeTakenMs: 2 * expectedMs })).toBe(Rating.Good);
  });
  it("right → Good on a new card even when fast; Easy only when fast on a mature card", () => {
    expect(ratingFor({ ...base, timeTakenMs: 1000 })).toBe(Rating.Good);
    const mature = matureCard();
    expect(mature.stability).toBeGreaterThanOrEqual(MATURE_STABILITY_DAYS);
    expect(ratingFor({ ...base, card: mature, timeTakenMs: expectedMs })).toBe(Rating.Easy);
    expect(ratingFor({ ...base, card: mature, timeTakenMs: expectedMs + 1 })).toBe(Rating.Good);
    expect(ratingFor({ ...base, card: mature, hintUsed: true, timeTakenMs: 1000 })).toBe(
      Rating.Hard,
    );
  });
  it("the expected time depends on the question type", () => {
    const t = 50_000; // slow for a true/false question, fine for matching
    expect(ratingFor({ ...base, type: "true-false", timeTakenMs: t })).toBe(Rating.Hard);
    expect(ratingFor({ ...base, type: "matching", timeTakenMs: t })).toBe(Rating.Good);
  });
});

describe("scheduling", () => {
  it("a card answered wrong comes back sooner than one answered right (new and reviewed cards)", () => {
    const wrong = review(null, Rating.Again, T0);
    const right = review(null, Rating.Good, T0);
    expect(wrong.due.getTime()).toBeLessThan(right.due.getTime());
    expect(wrong.due.getTime()).toBeGreaterThan(T0.getTime());
    const t1 = right.due;
    expect(review(right, Rating.Again, t1).due.getTime()).toBeLessThan(
      review(right, Rating.Good, t1).due.getTime(),
    );
    expect(review(right, Rating.Hard, t1).due.getTime()).toBeLessThan(
      review(right, Rating.Good, t1).due.getTime(),
    );
  });
  it("schedules in whole days (no minute-long learning steps) and counts lapses", () => {
    const wrong = review(null, Rating.Again, T0);
    expect(wrong.due.getTime() - T0.getTime()).toBe(DAY);
    const lapsed = review(
      review(null, Rating.Good, T0),
      Rating.Again,
      new Date(T0.getTime() + 3 * DAY),
    );
    expect(lapsed.lapses).toBe(1);
    expect(lapsed.reps).toBe(2);
  });
  it("retrievability falls as time passes and is 0 for a card never reviewed", () => {
    const c = review(null, Rating.Good, T0);
    const soon = retrievability(c, new Date(T0.getTime() + DAY));
    const later = retrievability(c, new Date(T0.getTime() + 30 * DAY));
    expect(soon).toBeGreaterThan(later);
    expect(retrievability({ ...c, state: 0, lastReview: null }, T0)).toBe(0);
  });
});
