// Streaks in the learner's time zone, with freezes.
import { describe, expect, it } from "vitest";
import {
  currentStreak,
  localDay,
  MAX_FREEZES,
  recordActivity,
  type StreakState,
} from "../../src/core/progress/streak";

function days(start: StreakState, list: string[]): StreakState {
  return list.reduce<StreakState>((s, d) => recordActivity(s, d), start);
}
const week = [
  "2026-03-01",
  "2026-03-02",
  "2026-03-03",
  "2026-03-04",
  "2026-03-05",
  "2026-03-06",
  "2026-03-07",
];

describe("streak", () => {
  it("counts consecutive days once per day", () => {
    const s = days({ count: 0, lastDay: null, freezes: 0 }, [
      "2026-03-01",
      "2026-03-01",
      "2026-03-02",
      "2026-03-03",
    ]);
    expect(s).toMatchObject({ count: 3, lastDay: "2026-03-03", freezes: 0 });
  });
  it("earns one freeze at 7 days", () => {
    const s = days({ count: 0, lastDay: null, freezes: 0 }, week);
    expect(s).toMatchObject({ count: 7, freezes: 1 });
    expect(days({ count: 0, lastDay: null, freezes: 0 }, week.slice(0, 6)).freezes).toBe(0);
  });
  it("survives one missed day with a freeze, and breaks on the second", () => {
    const seven = days({ count: 0, lastDay: null, freezes: 0 }, week);
    // 03-08 missed; active 03-09: the freeze covers 03-08.
    const saved = recordActivity(seven, "2026-03-09");
    expect(saved).toMatchObject({ count: 8, freezes: 0, frozeDays: 1, broke: false });
    // 03-10 missed again, no freeze left: active 03-11 starts over.
    const broken = recordActivity(saved, "2026-03-11");
    expect(broken).toMatchObject({ count: 1, freezes: 0, broke: true });
  });
  it("two consecutive missed days need two freezes", () => {
    const seven = days({ count: 0, lastDay: null, freezes: 0 }, week);
    expect(recordActivity(seven, "2026-03-10")).toMatchObject({
      count: 1,
      broke: true,
      freezes: 1,
    });
    expect(recordActivity({ ...seven, freezes: 2 }, "2026-03-10")).toMatchObject({
      count: 8,
      freezes: 0,
      frozeDays: 2,
    });
  });
  it("holds at most MAX_FREEZES freezes", () => {
    const s = days({ count: 0, lastDay: null, freezes: MAX_FREEZES }, week);
    expect(s.freezes).toBe(MAX_FREEZES);
  });
  it("shows 0 once the streak can no longer be saved", () => {
    const s = { count: 5, lastDay: "2026-03-05", freezes: 1 };
    expect(currentStreak(s, "2026-03-06")).toBe(5);
    expect(currentStreak(s, "2026-03-07")).toBe(5); // one missed day, one freeze
    expect(currentStreak(s, "2026-03-08")).toBe(0);
    expect(currentStreak({ count: 0, lastDay: null, freezes: 0 }, "2026-03-08")).toBe(0);
  });
});

describe("day boundaries in the learner's time zone", () => {
  // 2026-03-02 15:30 UTC = 23:30 in Shanghai (UTC+8) = 07:30 in Los Angeles (UTC−8).
  // 2026-03-02 16:30 UTC = 00:30 on 03-03 in Shanghai, still 08:30 on 03-02 in LA.
  // 2026-03-03 07:30 UTC = 23:30 on 03-02 in LA;  08:30 UTC = 00:30 on 03-03 in LA.
  it("Asia/Shanghai and America/Los_Angeles roll over at their own midnights", () => {
    expect(localDay(new Date("2026-03-02T15:30:00Z"), "Asia/Shanghai")).toBe("2026-03-02");
    expect(localDay(new Date("2026-03-02T16:30:00Z"), "Asia/Shanghai")).toBe("2026-03-03");
    expect(localDay(new Date("2026-03-02T16:30:00Z"), "America/Los_Angeles")).toBe("2026-03-02");
    expect(localDay(new Date("2026-03-03T07:30:00Z"), "America/Los_Angeles")).toBe("2026-03-02");
    expect(localDay(new Date("2026-03-03T08:30:00Z"), "America/Los_Angeles")).toBe("2026-03-03");
    expect(localDay(new Date("2026-03-03T00:30:00Z"), "UTC")).toBe("2026-03-03");
  });
  it("two answers an hour apart across midnight UTC: a new day in Shanghai, the same day in LA", () => {
    const a = new Date("2026-03-02T15:45:00Z");
    const b = new Date("2026-03-02T16:15:00Z");
    const sh = recordActivity(
      recordActivity({ count: 0, lastDay: null, freezes: 0 }, localDay(a, "Asia/Shanghai")),
      localDay(b, "Asia/Shanghai"),
    );
    const la = recordActivity(
      recordActivity({ count: 0, lastDay: null, freezes: 0 }, localDay(a, "America/Los_Angeles")),
      localDay(b, "America/Los_Angeles"),
    );
    expect(sh.count).toBe(2);
    expect(la.count).toBe(1);
  });
  it("an unknown zone falls back to UTC rather than failing", () => {
    expect(localDay(new Date("2026-03-02T23:30:00Z"), "Not/AZone")).toBe("2026-03-02");
  });
});
