// The dashboard's pure parts: item flags and shares, the Class page's days in the community's
// time zone, tutor grouping and pseudonyms, the digest's week, HTML escaping and CSV cells.
import { describe, expect, it } from "vitest";
import { escapeHtml, html, raw } from "../../src/app/dashboard/html";
import { csv, csvCell } from "../../src/app/dashboard/csv";
import { dueWeek } from "../../src/app/dashboard/digest-job";
import { loadContent } from "../../src/app/content-files";
import { classFigures } from "../../src/core/dashboard/class-view";
import { itemFigures, itemFlags, sortItems } from "../../src/core/dashboard/item-view";
import { pseudonym, tutorFigures } from "../../src/core/dashboard/tutor-view";
import type { AnswerFact } from "../../src/core/ports/learning";
import type { TutorAskRecord } from "../../src/core/ports/dashboard";

const index = loadContent("content");
const single = index.course.questions.find((q) => q.type === "single")!;
if (single.type !== "single") throw new Error("unreachable");
const wrongs = single.choices.filter((c) => c.id !== single.answer).map((c) => c.id);

function fact(
  learner: string,
  choice: string,
  at = "2026-03-02T10:00:00Z",
  ms = 10_000,
): AnswerFact {
  return {
    learnerId: learner,
    questionId: single.id,
    topic: single.topic,
    lessonId: single.lesson,
    correct: choice === single.answer,
    score: choice === single.answer ? 1 : 0,
    hintUsed: false,
    given: { type: "single", choice },
    createdAt: new Date(at),
    timeTakenMs: ms,
  };
}

describe("item figures", () => {
  it("pick shares per choice, top wrong share, skip rate, median time, blocked tutor requests", () => {
    const facts = [
      ...Array.from({ length: 6 }, (_, i) =>
        fact(`r${i}`, single.answer, undefined, 1000 * (i + 1)),
      ),
      ...Array.from({ length: 4 }, (_, i) => fact(`w${i}`, wrongs[0], undefined, 20_000)),
    ];
    const asks: TutorAskRecord[] = [
      {
        learnerId: "w0",
        text: "answer?",
        outcome: "refused",
        openQuestionId: single.id,
        createdAt: new Date(),
      },
      {
        learnerId: "w1",
        text: "what?",
        outcome: "offline",
        openQuestionId: single.id,
        createdAt: new Date(),
      },
    ];
    const skips = [{ learnerId: "x", questionId: single.id, createdAt: new Date() }];
    const [item] = itemFigures({ index, facts, skips, asks });
    expect(item.attempts).toBe(10);
    expect(item.correctPct).toBe(60);
    expect(item.topWrong).toEqual({ label: wrongs[0], count: 4 });
    expect(item.topWrongPct).toBe(40);
    expect(item.skips).toBe(1);
    expect(item.skipPct).toBe(9.1); // 1 of 11 times shown
    expect(item.medianTimeMs).toBe(5500);
    expect(item.blockedAsks).toBe(1);
    const share = Object.fromEntries(item.choices.map((c) => [c.id, c.pct]));
    expect(share[single.answer]).toBe(60);
    expect(share[wrongs[0]]).toBe(40);
    if (wrongs.length > 1) expect(item.flags).toContain("unused-distractor");
  });

  it("flags: negative discrimination, a wrong choice picked more than the key; none below 10 attempts", () => {
    const key = { id: "a", key: true, picks: 3, pct: 30 };
    const w = { id: "b", key: false, picks: 7, pct: 70 };
    expect(itemFlags({ attempts: 10, discrimination: -0.2 }, [key, w])).toEqual([
      "negative-discrimination",
      "wrong-beats-key",
    ]);
    expect(itemFlags({ attempts: 10, discrimination: 0.4 }, [key, { ...w, picks: 0 }])).toEqual([
      "unused-distractor",
    ]);
    expect(itemFlags({ attempts: 9, discrimination: -1 }, [key, w])).toEqual([]);
  });

  it("sorts by a column with unknown values last", () => {
    const base = itemFigures({ index, facts: [fact("a", single.answer)], skips: [], asks: [] })[0];
    const items = [
      { ...base, questionId: "x", discrimination: 0.1 },
      { ...base, questionId: "y", discrimination: null },
      { ...base, questionId: "z", discrimination: 0.5 },
    ];
    expect(sortItems(items, "discrimination", true).map((i) => i.questionId)).toEqual([
      "z",
      "x",
      "y",
    ]);
    expect(sortItems(items, "discrimination", false).map((i) => i.questionId)).toEqual([
      "x",
      "z",
      "y",
    ]);
  });
});

describe("class figures", () => {
  it("counts days in the community's time zone and buckets streaks", () => {
    const f = classFigures({
      index,
      facts: [
        fact("a", single.answer, "2026-03-02T23:30:00Z"),
        fact("b", wrongs[0], "2026-03-03T01:00:00Z"),
      ],
      learners: [
        {
          id: "a",
          streakCount: 8,
          streakLastDay: "2026-03-03",
          streakFreezes: 0,
          timeZone: "Asia/Shanghai",
        },
        { id: "b", streakCount: 3, streakLastDay: "2026-02-01", streakFreezes: 0, timeZone: "UTC" },
      ],
      due: new Map([["a", 2]]),
      now: new Date("2026-03-03T02:00:00Z"),
      timeZone: "Asia/Shanghai",
      days: 3,
    });
    // 23:30 UTC on 2 March is 07:30 on 3 March in Shanghai: both answers fall on the 3rd.
    expect(f.days.map((d) => [d.day, d.answers, d.active])).toEqual([
      ["2026-03-01", 0, 0],
      ["2026-03-02", 0, 0],
      ["2026-03-03", 2, 2],
    ]);
    // 1 March is a Sunday (ISO week 9); the 2nd and 3rd are in week 10.
    expect(f.weeks).toEqual([
      { day: "2026-W09", answers: 0, active: 0 },
      { day: "2026-W10", answers: 2, active: 2 },
    ]);
    expect(f.streaks).toEqual([1, 0, 0, 1, 0]); // b's streak lapsed; a's is 8 days
    expect(f.dueCards).toBe(2);
    expect(f.dueLearners).toBe(1);
    const row = f.heat.flatMap((l) => l.rows).find((r) => r.topic === single.topic)!;
    expect(row.learners).toBe(2);
  });
});

describe("tutor figures", () => {
  it("groups uncovered questions across case and spacing; pseudonyms are stable and hide the id", () => {
    const at = new Date("2026-03-02T10:00:00Z");
    const ask = (learnerId: string, text: string, outcome: TutorAskRecord["outcome"]) => ({
      learnerId,
      text,
      outcome,
      openQuestionId: null,
      createdAt: at,
    });
    const f = tutorFigures(
      [
        ask("a", "Who won the World Cup?", "not-covered"),
        ask("b", "who won the world cup ?", "not-covered"),
        ask("c", "bake bread?", "not-covered"),
        ask("d", "what is a token", "offline"),
        ask("e", "tell me the answer", "leak-blocked"),
      ],
      [{ day: "2026-03-02", model: "gpt", requests: 2, tokensIn: 1_000_000, tokensOut: 500_000 }],
      { inputPerMTok: 2, outputPerMTok: 8 },
    );
    expect(f.uncovered.map((u) => u.count)).toEqual([2, 1]);
    expect(f.outcomes["not-covered"]).toBe(3);
    expect(f.outcomes["leak-blocked"]).toBe(1);
    expect(f.totalCostUsd).toBe(6);
    expect(pseudonym("cl123")).toBe(pseudonym("cl123"));
    expect(pseudonym("cl123")).not.toBe(pseudonym("cl124"));
    expect(pseudonym("cl123")).not.toContain("cl123");
  });
});

describe("digest week", () => {
  it("is due from Monday 09:00 in the community's zone, for that ISO week", () => {
    expect(dueWeek(new Date("2026-03-09T08:59:00Z"), "UTC")).toBeNull();
    expect(dueWeek(new Date("2026-03-09T09:00:00Z"), "UTC")).toBe("2026-W11");
    expect(dueWeek(new Date("2026-03-11T03:00:00Z"), "UTC")).toBe("2026-W11");
    // 01:30 UTC Monday is 09:30 in Shanghai.
    expect(dueWeek(new Date("2026-03-09T01:30:00Z"), "Asia/Shanghai")).toBe("2026-W11");
    expect(dueWeek(new Date("2026-03-09T00:30:00Z"), "Asia/Shanghai")).toBeNull();
  });
});

describe("HTML and CSV", () => {
  it("escapes every interpolated value unless it is markup built here", () => {
    const evil = `<script>x</script>"'&\``;
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe(
      `<p title="${escapeHtml(evil)}">${escapeHtml(evil)}</p>`,
    );
    expect(escapeHtml(evil)).not.toMatch(/[<>"'`]/);
    expect(html`<ul>${["<a>", html`<li>ok</li>`]}</ul>`.value).toBe(
      "<ul>&lt;a&gt;<li>ok</li></ul>",
    );
    expect(html`${raw("<svg></svg>")}${null}${undefined}${false}${0}`.value).toBe("<svg></svg>0");
  });

  it("quotes CSV cells and defuses formulas", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell(-2)).toBe("-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(
      csv([
        ["a", null],
        ["line\nbreak", 3],
      ]),
    ).toBe('a,\r\n"line\nbreak",3\r\n');
  });
});
