// The weekly leaderboard's window: Monday 00:00 in the community's time zone.
import { describe, expect, it } from "vitest";
import { nextWeekStart, weekStart } from "../../src/core/progress/leaderboard";

describe("weekStart", () => {
  it("is Monday 00:00 UTC for a UTC community", () => {
    expect(weekStart(new Date("2026-03-04T12:00:00Z"), "UTC").toISOString()).toBe(
      "2026-03-02T00:00:00.000Z",
    );
    expect(weekStart(new Date("2026-03-02T00:00:00Z"), "UTC").toISOString()).toBe(
      "2026-03-02T00:00:00.000Z",
    );
    expect(weekStart(new Date("2026-03-01T23:59:59Z"), "UTC").toISOString()).toBe(
      "2026-02-23T00:00:00.000Z",
    );
  });
  it("follows the community's zone: Shanghai's Monday starts Sunday 16:00 UTC", () => {
    expect(weekStart(new Date("2026-03-08T15:59:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-03-01T16:00:00.000Z",
    );
    expect(weekStart(new Date("2026-03-08T16:00:00Z"), "Asia/Shanghai").toISOString()).toBe(
      "2026-03-08T16:00:00.000Z",
    );
    // 06:59 UTC on 03-09 is still Sunday 23:59 in LA (PDT, UTC−7 since 03-08).
    expect(weekStart(new Date("2026-03-09T06:59:00Z"), "America/Los_Angeles").toISOString()).toBe(
      "2026-03-02T08:00:00.000Z",
    );
    expect(weekStart(new Date("2026-03-09T07:00:00Z"), "America/Los_Angeles").toISOString()).toBe(
      "2026-03-09T07:00:00.000Z",
    );
  });
  it("knows when the board resets next, across a DST change", () => {
    // US DST starts 2026-03-08: LA Mondays are 08:00 UTC before and 07:00 UTC after.
    expect(
      nextWeekStart(new Date("2026-03-04T12:00:00Z"), "America/Los_Angeles").toISOString(),
    ).toBe("2026-03-09T07:00:00.000Z");
  });
});
