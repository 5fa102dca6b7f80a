// `npm run cli -- report` over a seeded dataset: 200 learners × 50 answers. The figures are
// checked against tallies computed here, independently of the report code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, loadContent } from "../../src/app/content-files";
import type { SingleChoiceQuestion } from "../../src/core/content/schema";
import { seededRandom } from "../../src/core/grading/present";
import { parseReportArgs, reportText, UsageError } from "../../src/cli/report-command";
import { createTestDb, type TestDb } from "../helpers/db";

const LEARNERS = 200;
const PER_LEARNER = 50;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const index = loadContent("content");
const singles = index.course.questions.filter(
  (q): q is SingleChoiceQuestion => q.type === "single",
);

interface Row {
  learnerId: string;
  q: SingleChoiceQuestion;
  correct: boolean;
  choice: string;
  hint: boolean;
  at: Date;
}
const rows: Row[] = [];
const rand = seededRandom(42);
for (let i = 0; i < LEARNERS; i++) {
  const ability = (i + 0.5) / LEARNERS; // learner i gets about ability×100% right
  for (let j = 0; j < PER_LEARNER; j++) {
    const q = singles[(i * 7 + j * 13) % singles.length];
    const correct = rand() < ability;
    const wrongs = q.choices.filter((c) => c.id !== q.answer);
    rows.push({
      learnerId: `L${String(i).padStart(3, "0")}`,
      q,
      correct,
      choice: correct
        ? q.answer
        : wrongs[(i + j) % 2 === 0 ? 0 : Math.min(1, wrongs.length - 1)].id,
      hint: rand() < 0.1,
      at: new Date(T0 + (i * PER_LEARNER + j) * 60_000),
    });
  }
}

function parseCsv(text: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const block of text.trim().split("\n\n")) {
    const [head, ...lines] = block.split("\n");
    out.set(
      head.replace(/^# /, ""),
      lines.map((l) => l.split(",")),
    );
  }
  return out;
}

describe("report CLI on 200 learners × 50 answers", () => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb("sqlite");
    const p = tdb.db.prisma;
    await p.learner.createMany({
      data: Array.from({ length: LEARNERS }, (_, i) => ({
        id: `L${String(i).padStart(3, "0")}`,
        platform: "console",
        workspaceId: "w",
        externalId: `u${i}`,
      })),
    });
    await p.answer.createMany({
      data: rows.map((r) => ({
        learnerId: r.learnerId,
        questionId: r.q.id,
        topic: r.q.topic,
        lessonId: r.q.lesson,
        given: { type: "single", choice: r.choice },
        correct: r.correct,
        score: r.correct ? 1 : 0,
        points: 0,
        timeTakenMs: 1000,
        hintUsed: r.hint,
        createdAt: r.at,
      })),
    });
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("includes LLM cost per day from the tutor's usage log", async () => {
    const p = tdb.db.prisma;
    await p.llmUsage.createMany({
      data: [
        {
          model: "m1",
          tokensIn: 1_000_000,
          tokensOut: 0,
          latencyMs: 10,
          outcome: "ok",
          createdAt: new Date("2026-03-10T10:00:00Z"),
        },
        {
          model: "m1",
          tokensIn: 0,
          tokensOut: 500_000,
          latencyMs: 10,
          outcome: "ok",
          createdAt: new Date("2026-03-10T11:00:00Z"),
        },
        {
          model: "-",
          tokensIn: 0,
          tokensOut: 0,
          latencyMs: 1,
          outcome: "offline",
          createdAt: new Date("2026-03-10T12:00:00Z"),
        },
      ],
    });
    const csv = parseCsv(
      await reportText(tdb.url, "content", { format: "csv" }, new Date("2026-04-01T00:00:00Z"), {
        inputPerMTok: 0.15,
        outputPerMTok: 0.6,
      }),
    );
    const cost = csv.get("llm-cost")!;
    expect(cost[0]).toEqual([
      "day",
      "model",
      "requests",
      "failed",
      "tokens in",
      "tokens out",
      "cost USD",
    ]);
    // 1M input tokens at $0.15 + 0.5M output tokens at $0.60 = $0.45; the offline row is not a model request.
    expect(cost[1]).toEqual(["2026-03-10", "m1", "2", "0", "1000000", "500000", "0.4500"]);
    expect(cost.at(-1)?.[0]).toBe("total");
    await p.llmUsage.deleteMany({});
  });

  it("prints per-question figures equal to independent tallies", async () => {
    const csv = parseCsv(
      await reportText(tdb.url, "content", { format: "csv" }, new Date("2026-04-01T00:00:00Z")),
    );
    const overview = new Map(
      csv
        .get("overview")!
        .slice(1)
        .map(([k, v]) => [k, v]),
    );
    expect(overview.get("learners")).toBe(String(LEARNERS));
    expect(overview.get("answers")).toBe(String(LEARNERS * PER_LEARNER));
    const [, ...qrows] = csv.get("questions")!;
    const stats = new Map(qrows.map((r) => [r[0], r]));
    const byQ = new Map<string, Row[]>();
    for (const r of rows) byQ.set(r.q.id, [...(byQ.get(r.q.id) ?? []), r]);
    expect(stats.size).toBe(byQ.size);
    let sumAttempts = 0;
    for (const [id, list] of byQ) {
      const [, , , attempts, learners, pct, disc, topWrong, hints] = stats.get(id)!;
      sumAttempts += Number(attempts);
      expect(Number(attempts)).toBe(list.length);
      expect(Number(learners)).toBe(new Set(list.map((r) => r.learnerId)).size);
      // The report prints one decimal, so 11.25 % shows as 11.3: allow half a step, inclusive.
      expect(
        Math.abs(Number(pct) - (list.filter((r) => r.correct).length / list.length) * 100),
      ).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(
        Math.abs(Number(hints) - (list.filter((r) => r.hint).length / list.length) * 100),
      ).toBeLessThanOrEqual(0.05 + 1e-9);
      const wrongCounts = new Map<string, number>();
      for (const r of list)
        if (!r.correct) wrongCounts.set(r.choice, (wrongCounts.get(r.choice) ?? 0) + 1);
      const max = Math.max(...wrongCounts.values());
      const [label, count] = topWrong.match(/^(.*) \((\d+)\)$/)!.slice(1);
      expect(Number(count)).toBe(max);
      expect(wrongCounts.get(label)).toBe(max);
      expect(Number(disc)).toBeGreaterThanOrEqual(-1);
      expect(Number(disc)).toBeLessThanOrEqual(1);
    }
    expect(sumAttempts).toBe(LEARNERS * PER_LEARNER);
    // Ability drives correctness, so questions discriminate: the mean index is clearly positive.
    const ds = qrows.map((r) => Number(r[6]));
    expect(ds.reduce((a, b) => a + b, 0) / ds.length).toBeGreaterThan(0.4);

    for (const [topic, learners, , , ...buckets] of csv.get("topics")!.slice(1)) {
      const expected = new Set(rows.filter((r) => r.q.topic === topic).map((r) => r.learnerId))
        .size;
      expect(Number(learners)).toBe(expected);
      expect(buckets.reduce((a, b) => a + Number(b), 0)).toBe(expected);
    }
  });

  it("--since keeps only later answers; Markdown prints the same sections", async () => {
    const since = new Date(T0 + 100 * PER_LEARNER * 60_000); // learners 100–199
    const csv = parseCsv(await reportText(tdb.url, "content", { format: "csv", since }));
    const overview = new Map(
      csv
        .get("overview")!
        .slice(1)
        .map(([k, v]) => [k, v]),
    );
    expect(overview.get("learners")).toBe("100");
    expect(overview.get("answers")).toBe(String(rows.filter((r) => r.at >= since).length));
    const md = await reportText(tdb.url, "content", { format: "md", since });
    expect(md).toMatch(/^# .* — learning report\n\nGenerated .*, answers since 2026-03-0\d\./);
    expect(md).toContain("## Questions");
    expect(md).toContain("## Topic mastery distribution");
  });

  it("rejects bad options with a clear message", () => {
    expect(parseReportArgs(["--since", "2026-03-01", "--format=csv"])).toEqual({
      since: new Date("2026-03-01"),
      format: "csv",
    });
    expect(() => parseReportArgs(["--since", "yesterday"])).toThrow(UsageError);
    expect(() => parseReportArgs(["--format", "xml"])).toThrow(/--format must be md or csv/);
    expect(() => parseReportArgs(["--what"])).toThrow(/unknown option --what/);
    expect(parseReportArgs(["--course", "http-basics"])).toEqual({
      format: "md",
      course: "http-basics",
    });
  });

  it("--course reports one course: its answers only, and an unknown id is refused", async () => {
    const http = loadCatalogue("content").get("http-basics")!.course;
    const q = http.questions.find((x) => x.type === "single")!;
    await tdb.db.prisma.answer.create({
      data: {
        learnerId: "L000",
        courseId: "http-basics",
        questionId: q.id,
        topic: q.topic,
        lessonId: q.lesson,
        given: { type: "single", choice: "x" },
        correct: true,
        score: 1,
        timeTakenMs: 1000,
        createdAt: new Date(T0),
      },
    });
    const csv = parseCsv(
      await reportText(tdb.url, "content", { format: "csv", course: "http-basics" }),
    );
    const overview = new Map(
      csv
        .get("overview")!
        .slice(1)
        .map(([k, v]) => [k, v]),
    );
    expect(overview.get("answers")).toBe("1");
    expect(csv.get("questions")!.some((r) => r[0] === q.id)).toBe(true);
    // The default course's report does not count it.
    const llm = parseCsv(await reportText(tdb.url, "content", { format: "csv" }));
    expect(llm.get("overview")!.find(([k]) => k === "answers")![1]).toBe(String(rows.length));
    await expect(
      reportText(tdb.url, "content", { format: "md", course: "cooking" }),
    ).rejects.toThrow(/no course "cooking" \(courses: llm-basics, http-basics\)/);
  });
});
