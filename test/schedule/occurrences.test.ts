// Pure schedule rules: weekly slots across DST, cron subset, day/time/zone parsing, the due plan and backoff.
import { describe, expect, it } from "vitest";
import { nodeCronParser } from "../../src/app/scheduler/cron-parser";
import { UserError } from "../../src/core/errors";
import { cronSpec } from "../../src/core/schedule/cron";
import { DEFAULT_RULES, nextRetryAt, planDue, searchFrom } from "../../src/core/schedule/due";
import {
  firesAt,
  nextOccurrence,
  occurrencesBetween,
  occurrencesAfter,
  scheduleOf,
  weeklySchedule,
} from "../../src/core/schedule/occurrences";
import { upcoming } from "../../src/core/schedule/list-view";
import { parseDay, parseTime, parseZone } from "../../src/core/schedule/slot";
import { shorten } from "../../src/core/schedule/lesson-message";

const iso = (d: Date | null) => d?.toISOString();
const take = (it: Iterable<Date>, n: number) => {
  const out: string[] = [];
  for (const d of it) {
    out.push(d.toISOString());
    if (out.length === n) break;
  }
  return out;
};

describe("weekly slot occurrences", () => {
  it("keeps Monday 09:00 America/New_York at 09:00 local across the March change (EST → EDT)", () => {
    const s = weeklySchedule(1, "09:00", "America/New_York");
    // DST starts Sunday 2026-03-08: 09:00 is 14:00Z before, 13:00Z after.
    expect(take(occurrencesAfter(s, new Date("2026-02-25T00:00:00Z")), 3)).toEqual([
      "2026-03-02T14:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-16T13:00:00.000Z",
    ]);
  });

  it("keeps Monday 09:00 America/New_York at 09:00 local across the November change (EDT → EST)", () => {
    const s = weeklySchedule(1, "09:00", "America/New_York");
    // DST ends Sunday 2026-11-01.
    expect(take(occurrencesAfter(s, new Date("2026-10-20T00:00:00Z")), 3)).toEqual([
      "2026-10-26T13:00:00.000Z",
      "2026-11-02T14:00:00.000Z",
      "2026-11-09T14:00:00.000Z",
    ]);
  });

  it("Asia/Shanghai (no DST) is always UTC+8", () => {
    const s = weeklySchedule(3, "20:30", "Asia/Shanghai");
    expect(take(occurrencesAfter(s, new Date("2026-03-01T00:00:00Z")), 2)).toEqual([
      "2026-03-04T12:30:00.000Z",
      "2026-03-11T12:30:00.000Z",
    ]);
    expect(take(occurrencesAfter(s, new Date("2026-10-30T00:00:00Z")), 2)).toEqual([
      "2026-11-04T12:30:00.000Z",
      "2026-11-11T12:30:00.000Z",
    ]);
  });

  it("a slot inside the spring-forward gap fires once, an hour later; a repeated hour fires once", () => {
    const gap = weeklySchedule(7, "02:30", "America/New_York");
    expect(take(occurrencesAfter(gap, new Date("2026-03-07T00:00:00Z")), 2)).toEqual([
      "2026-03-08T07:30:00.000Z",
      "2026-03-15T06:30:00.000Z",
    ]);
    const twice = weeklySchedule(7, "01:30", "America/New_York");
    const nov = occurrencesBetween(
      twice,
      new Date("2026-10-31T00:00:00Z"),
      new Date("2026-11-02T00:00:00Z"),
      10,
    );
    expect(nov).toHaveLength(1);
  });

  it("occurrences are strictly after the start and the window keeps the newest", () => {
    const s = weeklySchedule(1, "09:00", "UTC");
    expect(iso(nextOccurrence(s, new Date("2026-03-02T09:00:00Z")))).toBe(
      "2026-03-09T09:00:00.000Z",
    );
    expect(iso(nextOccurrence(s, new Date("2026-03-02T08:59:59Z")))).toBe(
      "2026-03-02T09:00:00.000Z",
    );
    const last2 = occurrencesBetween(
      s,
      new Date("2026-01-01T00:00:00Z"),
      new Date("2026-03-03T00:00:00Z"),
      2,
    ).map(iso);
    expect(last2).toEqual(["2026-02-23T09:00:00.000Z", "2026-03-02T09:00:00.000Z"]);
  });
});

describe("cron schedules (validated by node-cron, a documented subset)", () => {
  const p = nodeCronParser;
  it("evaluates an accepted expression in the subscription's zone", () => {
    const s = scheduleOf(
      { weekday: 1, time: "09:00", timeZone: "America/New_York", cron: "0 9 * * 1-5" },
      p,
    );
    expect(take(occurrencesAfter(s, new Date("2026-03-06T00:00:00Z")), 3)).toEqual([
      "2026-03-06T14:00:00.000Z",
      "2026-03-09T13:00:00.000Z",
      "2026-03-10T13:00:00.000Z",
    ]);
    const monthly = scheduleOf(
      { weekday: 1, time: "09:00", timeZone: "Asia/Shanghai", cron: "30 8 1 * *" },
      p,
    );
    expect(iso(nextOccurrence(monthly, new Date("2026-03-02T00:00:00Z")))).toBe(
      "2026-04-01T00:30:00.000Z",
    );
  });

  it.each([
    ["not a cron", /not valid: expected 5 or 6 fields/],
    ["0 25 * * *", /not valid: .*hour/],
    ["*/15 9 * * 1", /at most once an hour/],
    ["* * * * *", /at most once an hour/],
    ["30 0 9 * * 1", /by the second/],
    ["0 9 L * *", /L, W or #/],
    ["0 9 * * 1#2", /L, W or #/],
  ])("rejects %s with a clear error", (expr, message) => {
    let err: unknown;
    try {
      cronSpec(expr, p);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).text.en).toMatch(message);
    expect((err as UserError).text.zh).toContain("cron");
  });

  it("without a parser, cron is refused (weekly slots still work)", () => {
    expect(() => cronSpec("0 9 * * 1", undefined)).toThrow(/not available/);
  });
});

describe("reading day, time and zone", () => {
  it("accepts the usual spellings", () => {
    expect(["mon", "Monday", "1", "周一", "星期一"].map(parseDay)).toEqual([1, 1, 1, 1, 1]);
    expect(["sun", "7", "周日", "星期天"].map(parseDay)).toEqual([7, 7, 7, 7]);
    expect(
      ["09:00", "9", "9:30", "9am", "9:30 pm", "12am", "21:15", "7.05"].map(parseTime),
    ).toEqual(["09:00", "09:00", "09:30", "09:00", "21:30", "00:00", "21:15", "07:05"]);
    expect(parseZone("America/New_York")).toBe("America/New_York");
    expect(parseZone("UTC")).toBe("UTC");
  });

  it("names the bad value", () => {
    expect(() => parseDay("someday")).toThrow(/"someday" is not a day of the week/);
    expect(() => parseDay("8")).toThrow(UserError);
    expect(() => parseTime("25:00")).toThrow(/"25:00" is not a time/);
    expect(() => parseTime("9:75")).toThrow(UserError);
    expect(() => parseTime("13pm")).toThrow(UserError);
    expect(() => parseZone("Mars/Olympus")).toThrow(/"Mars\/Olympus" is not a time zone/);
    expect(() => parseZone("UTC+8")).toThrow(UserError);
  });
});

describe("due plan", () => {
  const now = new Date("2026-03-09T15:00:00Z");
  const at = (s: string) => new Date(s);
  it("delivers a fresh occurrence", () => {
    expect(planDue([at("2026-03-09T09:00:00Z")], now, DEFAULT_RULES)).toEqual({
      deliver: at("2026-03-09T09:00:00Z"),
      skip: [],
    });
  });
  it("after downtime delivers only the newest missed occurrence and records the older ones", () => {
    const plan = planDue(
      [at("2026-02-23T09:00:00Z"), at("2026-03-02T09:00:00Z"), at("2026-03-09T09:00:00Z")],
      now,
      DEFAULT_RULES,
    );
    expect(plan.deliver).toEqual(at("2026-03-09T09:00:00Z"));
    expect(plan.skip.map((s) => s.reason)).toEqual(["stale", "stale"]);
  });
  it("skips (and records) an occurrence older than the stale window", () => {
    const plan = planDue([at("2026-03-08T09:00:00Z")], now, { staleWindowMs: 24 * 3600_000 });
    expect(plan.deliver).toBeUndefined();
    expect(plan.skip).toEqual([{ at: at("2026-03-08T09:00:00Z"), reason: "stale" }]);
    expect(
      planDue([at("2026-03-08T09:00:00Z")], now, { staleWindowMs: 48 * 3600_000 }).deliver,
    ).toEqual(at("2026-03-08T09:00:00Z"));
  });
  it("an hourly cron after a short outage: the newest is sent, the others in the window are superseded", () => {
    const plan = planDue(
      [at("2026-03-09T13:00:00Z"), at("2026-03-09T14:00:00Z"), at("2026-03-09T15:00:00Z")],
      now,
      DEFAULT_RULES,
    );
    expect(plan.deliver).toEqual(at("2026-03-09T15:00:00Z"));
    expect(plan.skip.map((s) => s.reason)).toEqual(["superseded", "superseded"]);
  });
  it("the next post passes over occurrences recorded ahead of time, wherever they lie", () => {
    const s = scheduleOf(
      { weekday: 1, time: "09:00", timeZone: "UTC", cron: "0 9 * * 1,5" },
      nodeCronParser,
    );
    const wed = at("2026-03-04T12:00:00Z");
    expect(iso(upcoming(s, wed))).toBe("2026-03-06T09:00:00.000Z");
    expect(iso(upcoming(s, wed, [at("2026-03-09T09:00:00Z")]))).toBe("2026-03-06T09:00:00.000Z");
    expect(iso(upcoming(s, wed, [at("2026-03-06T09:00:00Z"), at("2026-03-09T09:00:00Z")]))).toBe(
      "2026-03-13T09:00:00.000Z",
    );
    expect(firesAt(s, at("2026-03-09T09:00:00Z"))).toBe(true);
    expect(firesAt(s, at("2026-03-09T09:30:00Z"))).toBe(false);
    expect(firesAt(s, at("2026-03-10T09:00:00Z"))).toBe(false);
  });
  it("searches from the latest of: last recorded occurrence, subscription start, lookback", () => {
    const created = at("2026-03-01T00:00:00Z");
    expect(searchFrom(undefined, created, now, DEFAULT_RULES)).toEqual(created);
    expect(searchFrom(at("2026-03-02T09:00:00Z"), created, now, DEFAULT_RULES)).toEqual(
      at("2026-03-02T09:00:00Z"),
    );
    expect(searchFrom(undefined, at("2020-01-01T00:00:00Z"), now, DEFAULT_RULES)).toEqual(
      new Date(now.getTime() - DEFAULT_RULES.lookbackMs),
    );
  });
  it("backs off exponentially, then gives up", () => {
    const rules = { maxAttempts: 4, backoffBaseMs: 60_000, maxBackoffMs: 3 * 60_000 };
    const delays = [1, 2, 3, 4]
      .map((n) => nextRetryAt(n, now, rules))
      .map((d) => (d ? (d.getTime() - now.getTime()) / 60_000 : null));
    expect(delays).toEqual([1, 2, 3, null]);
    expect(nextRetryAt(1, now, rules, true)).toBeNull();
  });
});

describe("shortening a section for chat", () => {
  it("keeps whole sentences and strips markdown", () => {
    const md =
      "**Generative AI** is AI that *creates* new content. It learns patterns from data.\n\nSecond paragraph here that is long. ".repeat(
        5,
      );
    const s = shorten(md, 120);
    expect(s.length).toBeLessThanOrEqual(121);
    expect(s).not.toContain("**");
    expect(s.startsWith("Generative AI is AI")).toBe(true);
    expect(/[.…]$/.test(s)).toBe(true);
  });
});
