// Issue 15, done-when: two communities on one instance run different courses at once, and
// quizzes, reviews, lessons, leaderboards and the tutor never mix them. The app is wired as
// `npm start` wires it (createApp over content/, every course), on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app/app";
import { loadConfig } from "../../src/config";
import type { Actor } from "../../src/core/actor";
import { FakeClock } from "../../src/core/clock";
import type { Question } from "../../src/core/content/schema";
import type { Reply } from "../../src/core/reply";
import { runTick } from "../../src/core/schedule/deliver";
import { actor, recordingLogger } from "../helpers/app";
import { createTestDatabaseUrl, PROVIDERS } from "../helpers/db";
import { RecordingSender, testSettings } from "../schedule/helpers";

const DAY = 86_400_000;
const who = (workspaceId: string, userId: string, extra: Partial<Actor> = {}): Actor =>
  actor(userId, {
    platform: "discord",
    workspaceId,
    channelId: `${workspaceId}-general`,
    ...extra,
  });

/** The typed-in-by-a-widget form of a question's correct answer. */
function rightAnswer(q: Question): { values?: string[]; text?: string } {
  switch (q.type) {
    case "single":
      return { values: [q.answer] };
    case "multiple":
      return { values: q.answer };
    case "true-false":
      return { values: [String(q.answer)] };
    case "numeric":
      return { text: `${q.answer.value}${q.answer.unit}` };
    case "ordering":
      return { values: q.answer };
    case "matching":
      return { values: Object.entries(q.answer).map(([l, r]) => `${l}=${r}`) };
  }
}

describe.each(PROVIDERS)("two communities, two courses, one instance (%s)", (provider) => {
  let app: App;
  let drop: () => Promise<void>;
  const clock = new FakeClock("2026-03-02T08:00:00Z"); // a Monday
  const llmIds = () =>
    new Set(app.services.catalogue!.get("llm-basics")!.course.questions.map((q) => q.id));
  const httpIds = () =>
    new Set(app.services.catalogue!.get("http-basics")!.course.questions.map((q) => q.id));

  /** Plays a whole quiz with right answers; returns the question ids it showed. */
  async function playQuiz(a: Actor, count: number): Promise<string[]> {
    const seen: string[] = [];
    let replies: Reply[] = await app.bot.handleText(a, `/quiz count:${count}`);
    for (let i = 0; i < count; i++) {
      const view = replies.find((r) => r.question)?.question;
      if (!view) break;
      seen.push(view.questionId);
      const ctxCourse = [...app.services.catalogue!.courses.values()].find((c) =>
        c.question(view.questionId),
      )!;
      const q = ctxCourse.question(view.questionId)!;
      const verdict = await app.bot.handleAction(a, view.answerAction, rightAnswer(q));
      const next = verdict
        .flatMap((r) => r.buttons ?? [])
        .find((b) => b.id.startsWith("quiz.next:"));
      replies = next ? await app.bot.handleAction(a, next.id, {}) : verdict;
    }
    return seen;
  }

  beforeAll(async () => {
    const t = await createTestDatabaseUrl(provider);
    drop = t.drop;
    app = await createApp(
      { ...loadConfig({ DATABASE_URL: t.url, CONSOLE: "off", CONTENT_DIR: "content" }) },
      recordingLogger(),
      { clock },
    );
    // Guild B's admin switches it to the HTTP course; guild A keeps the default.
    const set = await app.bot.handleText(
      who("guild-b", "admin", { isAdmin: true }),
      "/course use id:http-basics",
    );
    expect(set[0].text).toMatch(/This community now runs \*\*HTTP Basics\*\*/);
  });
  afterAll(async () => {
    await app?.db.close();
    await drop?.();
  });

  it("only admins switch a community's course, and only to a course that exists", async () => {
    const r = await app.bot.handleText(who("guild-a", "ann"), "/course use id:http-basics");
    expect(r[0].text).toMatch(/Only admins/);
    const bad = await app.bot.handleText(
      who("guild-a", "admin", { isAdmin: true }),
      "/course use id:cooking",
    );
    expect(bad[0].text).toMatch(/There is no course "cooking"\. Courses: llm-basics, http-basics/);
    const info = await app.bot.handleText(who("guild-a", "ann"), "/course info");
    expect(info[0].text).toMatch(/llm-basics.*the default course/);
  });

  it("quizzes, reviews and leaderboards stay in each community's course", async () => {
    const annA = who("guild-a", "ann");
    const annB = who("guild-b", "ann");
    const shownA = await playQuiz(annA, 4);
    const shownB = await playQuiz(annB, 4);
    expect(shownA).toHaveLength(4);
    expect(shownB).toHaveLength(4);
    expect(shownA.every((id) => llmIds().has(id))).toBe(true);
    expect(shownB.every((id) => httpIds().has(id))).toBe(true);

    // Reviews a month later: each community reviews its own course's cards only.
    clock.advance(30 * DAY);
    const reviewA = await app.bot.handleText(annA, "/review count:10");
    const reviewB = await app.bot.handleText(annB, "/review count:10");
    const firstA = reviewA.find((r) => r.question)!.question!.questionId;
    const firstB = reviewB.find((r) => r.question)!.question!.questionId;
    expect(shownA).toContain(firstA);
    expect(shownB).toContain(firstB);

    // Leaderboards: Bea plays only the HTTP course, in guild B; she never appears in guild A.
    await playQuiz(who("guild-b", "bea"), 3);
    const boardB = (await app.bot.handleText(annB, "/leaderboard all"))[0].text ?? "";
    const boardA = (await app.bot.handleText(annA, "/leaderboard all"))[0].text ?? "";
    expect(boardB).toMatch(/bea/);
    expect(boardA).not.toMatch(/bea/);
  });

  it("one learner in one community keeps separate progress per course (channel choice)", async () => {
    const admin = who("guild-c", "admin", { isAdmin: true, channelId: "c-http" });
    const r = await app.bot.handleText(admin, "/course use id:http-basics scope:channel");
    expect(r[0].text).toMatch(/This channel now runs/);
    const inHttp = who("guild-c", "cy", { channelId: "c-http" });
    const inLlm = who("guild-c", "cy", { channelId: "c-general" });
    const h = await playQuiz(inHttp, 2);
    const l = await playQuiz(inLlm, 2);
    expect(h.every((id) => httpIds().has(id))).toBe(true);
    expect(l.every((id) => llmIds().has(id))).toBe(true);
    // Same learner row, two courses: the HTTP channel's leaderboard counts only HTTP points.
    const learner = await app.services.store.learners.upsert({
      platform: "discord",
      workspaceId: "guild-c",
      externalId: "cy",
    });
    const httpStore = app.services.store.forCourse("http-basics");
    const llmStore = app.services.store.forCourse("llm-basics");
    expect((await httpStore.answers.listByLearner(learner.id)).map((a) => a.questionId)).toEqual(h);
    expect((await llmStore.answers.listByLearner(learner.id)).map((a) => a.questionId)).toEqual(l);
    const key = { platform: "discord", workspaceId: "guild-c" };
    const httpPoints = (await httpStore.leaderboard.standing(learner.id, key)).points;
    const llmPoints = (await llmStore.leaderboard.standing(learner.id, key)).points;
    expect(httpPoints).toBeGreaterThan(0);
    expect(llmPoints).toBeGreaterThan(0);
    const board = (await app.bot.handleText(inHttp, "/leaderboard all"))[0].text ?? "";
    expect(board).toContain(String(httpPoints));
    expect(board).not.toContain(String(httpPoints + llmPoints));
  });

  it("weekly lessons post each subscription's own course", async () => {
    const sender = new RecordingSender(clock, "discord");
    for (const g of ["guild-a", "guild-b"])
      await app.bot.handleText(
        who(g, "admin", { isAdmin: true, channelId: `${g}-lessons` }),
        "/lesson subscribe mon 09:00 UTC",
      );
    clock.set("2026-04-06T09:00:30Z"); // a Monday, 09:00 UTC
    const { index, catalogue, store, logger } = app.services;
    await runTick({
      index,
      catalogue,
      store,
      clock,
      logger,
      senders: [sender],
      settings: testSettings(),
      instanceId: "t",
    });
    const titles = sender.sent.map((s) => s.title ?? "");
    expect(titles).toHaveLength(2);
    expect(titles.some((t) => /Requests and methods/.test(t))).toBe(true);
    expect(titles.some((t) => /Generative AI/i.test(t))).toBe(true);
  });

  it("the tutor answers from the community's course notes only", async () => {
    const q = "/ask what does HTTP/3 run on?";
    const all = (rs: Reply[]) =>
      rs.map((r) => [r.text, ...(r.fields ?? []).map((f) => f.value)].join("\n")).join("\n");
    const b = all(await app.bot.handleText(who("guild-b", "dee"), q));
    const a = all(await app.bot.handleText(who("guild-a", "dee"), q));
    expect(b).toMatch(/QUIC/);
    // Sources name the HTTP course's lesson section in guild B, never in guild A.
    expect(b).toMatch(/h02-responses#versions/);
    expect(a).not.toMatch(/QUIC|h02-responses/);
  });
});
