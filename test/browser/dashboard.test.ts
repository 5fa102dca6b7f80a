// The instructor dashboard in a real browser (Debian's Chromium through playwright-core): a class
// of 200 learners with two weeks of answers made through the Bot's front door, an admin signs in
// through the link a signed Discord /dashboard interaction returns, every page is opened, its
// figures are checked against the database, an accessibility check (axe-core) finds no serious
// violation, and a screenshot of each page is kept in artifacts/screenshots/.
import { DISCORD } from "../../src/adapters/discord/identity";
import { identityFields } from "../../src/adapters/platform/contract";
import { existsSync, mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/core/clock";
import { launchBrowser, seriousViolations, CHROMIUM } from "../helpers/browser";
import { seedClass } from "../helpers/dashboard-class";
import { createTestDatabaseUrl } from "../helpers/db";
import {
  type FakeDiscord,
  GUILD,
  type Keys,
  makeKeys,
  post,
  type Running,
  slash,
  startDiscordApp,
  startFakeDiscord,
} from "../helpers/discord";

const SHOTS = "artifacts/screenshots";
const START = new Date("2026-03-02T00:00:00Z");
const NOW = new Date("2026-03-15T18:00:00Z");
const admin = { id: "800000000000000001", name: "Prof", permissions: "32" };

let fake: FakeDiscord;
let keys: Keys;
let run: Running;
let dropDb: () => Promise<void>;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let page: Page;
let failedDelivery: string;
/** Where the sign-in link points (PUBLIC_URL's default, http://localhost:<port>): the cookie's origin. */
let origin: string;

const community = { platform: "discord", workspaceId: GUILD };
const ofGuild = { learner: community };

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`,
    );
  mkdirSync(SHOTS, { recursive: true });
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("sqlite");
  dropDb = db.drop;
  const clock = new FakeClock(START);
  run = await startDiscordApp({ databaseUrl: db.url, keys, fake, clock });
  const { bot } = run.app;
  const { index } = run.app.services;
  await seedClass(bot, index, clock, {
    workspaceId: GUILD,
    learners: 200,
    days: 14,
    start: START,
  });
  clock.set(NOW);
  // A channel subscription (through the command) and one delivery that failed for good.
  const adminActor = {
    ...identityFields(DISCORD),
    workspaceId: GUILD,
    userId: admin.id,
    displayName: admin.name,
    channelId: "333333333333333333",
    isAdmin: true,
  };
  await bot.handleCommand(adminActor, "lesson", { day: "mon", time: "09:00" }, "subscribe");
  const sub = await run.app.db.prisma.subscription.findFirstOrThrow({ where: community });
  failedDelivery = (
    await run.app.db.prisma.delivery.create({
      data: {
        subscriptionId: sub.id,
        occurrenceAt: new Date("2026-03-09T09:00:00Z"),
        lessonIndex: 0,
        status: "failed",
        attempts: 5,
        lastError: "Missing Access (50001)",
      },
    })
  ).id;
  browser = await launchBrowser();
  page = await browser.context.newPage();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await run?.stop();
  await fake?.close();
  await dropDb?.();
});

/** Opens a dashboard page, checks it for serious accessibility problems and saves a screenshot. */
async function open(path: string, shot: string) {
  const res = await page.goto(`${origin}${path}`);
  expect(res?.status(), path).toBe(200);
  expect(await seriousViolations(page), `${path}: axe`).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
}

const num = async (selector: string) =>
  Number(((await page.locator(selector).textContent()) ?? "").trim());

describe("instructor dashboard in Chromium", () => {
  it("signs in through the link from a signed Discord /dashboard interaction", async () => {
    const r = await post(run.base, keys, slash(admin, "dashboard"));
    expect(r.status).toBe(200);
    expect(r.json.data.flags).toBe(64); // only the admin sees it
    const url = /https?:\/\/\S+\/dashboard\/login\?token=[A-Za-z0-9_-]+/.exec(
      JSON.stringify(r.json),
    )?.[0];
    expect(url).toBeTruthy();
    origin = new URL(url!).origin;
    await page.goto(url!);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button").click();
    await page.waitForURL(/\/dashboard\/class$/);
    const cookie = (await browser.context.cookies()).find((c) => c.name === "coursebot_dashboard");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/dashboard" });
  });

  it("Class: learners, answers, answers and active learners per day, reviews due, streaks", async () => {
    await open("/dashboard/class", "class");
    const prisma = run.app.db.prisma;
    expect(await num('[data-figure="learners"]')).toBe(
      await prisma.learner.count({ where: community }),
    );
    const answers = await prisma.answer.findMany({
      where: ofGuild,
      select: { createdAt: true, learnerId: true },
    });
    expect(answers.length).toBeGreaterThan(1000);
    expect(await num('[data-figure="answers"]')).toBe(answers.length);
    const rows = await page.locator("#per-day tbody tr").all();
    expect(rows.length).toBe(14);
    let shownTotal = 0;
    for (const row of rows) {
      // textContent: the table sits in a closed <details> (innerText of hidden text is empty).
      const [day, active, count] = (await row.locator("td").allTextContents()).map((s) => s.trim());
      const that = answers.filter((a) => a.createdAt.toISOString().startsWith(day));
      expect(Number(count), day).toBe(that.length);
      expect(Number(active), day).toBe(new Set(that.map((a) => a.learnerId)).size);
      shownTotal += Number(count);
    }
    expect(shownTotal).toBe(answers.length); // the seeded fortnight is the chart's fortnight
    const due = await prisma.card.count({ where: { due: { lte: NOW }, ...ofGuild } });
    expect(await num('[data-figure="due-cards"]')).toBe(due);
    const streaks = (await page.locator("#streaks tbody td.n").allTextContents()).map(Number);
    expect(streaks.reduce((a, b) => a + b, 0)).toBe(
      await prisma.learner.count({ where: community }),
    );
    expect(await page.locator("svg.chart").count()).toBeGreaterThanOrEqual(4);
  });

  it("Items: attempts and facility of every question match the database; sortable", async () => {
    await open("/dashboard/items", "items");
    const grouped = await run.app.db.prisma.answer.groupBy({
      by: ["questionId", "correct"],
      where: ofGuild,
      _count: { _all: true },
    });
    const expected = new Map<string, { n: number; right: number }>();
    for (const g of grouped) {
      const e = expected.get(g.questionId) ?? { n: 0, right: 0 };
      e.n += g._count._all;
      if (g.correct) e.right += g._count._all;
      expected.set(g.questionId, e);
    }
    const rows = await page.locator("#items tbody tr").all();
    expect(rows.length).toBe(expected.size);
    for (const row of rows) {
      const id = (await row.getAttribute("data-question"))!;
      const e = expected.get(id)!;
      expect(Number(await row.locator('[data-k="attempts"]').textContent()), id).toBe(e.n);
      expect(Number(await row.locator('[data-k="facility"]').textContent()), id).toBe(
        Math.round((e.right / e.n) * 1000) / 10,
      );
    }
    await page.getByRole("link", { name: /Attempts/ }).click();
    await page.waitForURL(/sort=attempts&dir=desc/);
    const sorted = (await page.locator('#items [data-k="attempts"]').allTextContents()).map(Number);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
  });

  it("a question's page: both languages, every choice's pick share, the explanation", async () => {
    const { index } = run.app.services;
    const answers = await run.app.db.prisma.answer.findMany({
      where: ofGuild,
      select: { questionId: true, given: true },
    });
    const counts = new Map<string, number>();
    for (const a of answers) counts.set(a.questionId, (counts.get(a.questionId) ?? 0) + 1);
    const id = [...counts]
      .filter(([q]) => index.question(q)?.type === "single")
      .sort((a, b) => b[1] - a[1])[0][0];
    const q = index.question(id)!;
    if (q.type !== "single") throw new Error("expected a single-choice question");
    await open(`/dashboard/item?id=${encodeURIComponent(id)}`, "question");
    expect(await page.locator("main").textContent()).toContain(q.prompt.en.slice(0, 40));
    expect(await page.locator("main").textContent()).toContain(q.prompt.zh.slice(0, 10));
    expect(await page.locator("main").textContent()).toContain(q.explanation.en.slice(0, 30));
    const given = answers
      .filter((a) => a.questionId === id)
      .map(
        (a) => (typeof a.given === "string" ? JSON.parse(a.given) : a.given) as { choice: string },
      );
    for (const c of q.choices) {
      const shown = Number(
        await page.locator(`#choices tr[data-choice="${c.id}"] [data-k="picks"]`).textContent(),
      );
      expect(shown, c.id).toBe(given.filter((g) => g.choice === c.id).length);
    }
    expect(Number(await page.locator('#item-stats [data-k="attempts"]').textContent())).toBe(
      given.length,
    );
  });

  it("Tutor: outcome counts match the database; pseudonyms by default; CSV export", async () => {
    await open("/dashboard/tutor", "tutor");
    const prisma = run.app.db.prisma;
    const asks = await prisma.tutorAsk.groupBy({ by: ["outcome"], where: community, _count: true });
    const total = asks.reduce((n, a) => n + a._count, 0);
    expect(total).toBeGreaterThan(0);
    expect(await num('[data-figure="asks"]')).toBe(total);
    for (const a of asks)
      expect(
        Number(await page.locator(`#outcomes tr[data-outcome="${a.outcome}"] td.n`).textContent()),
        a.outcome,
      ).toBe(a._count);
    const text = await page.locator("#asks").textContent();
    expect(text).toMatch(/learner-[0-9a-f]{6}/);
    expect(text).not.toMatch(/Learner \d+/);
    const csv = await page.request.get(`${origin}/dashboard/tutor.csv`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect((await csv.text()).trim().split("\r\n").length).toBe(total + 1);
  });

  it("Lessons: subscriptions, next delivery, a failed delivery with its reason, and Retry", async () => {
    await open("/dashboard/lessons", "lessons");
    const row = page.locator(`tr[data-delivery="${failedDelivery}"]`);
    expect(await row.textContent()).toContain("Missing Access (50001)");
    expect(await page.locator("main").textContent()).toContain("Next delivery");
    await row.getByRole("button", { name: "Retry" }).click();
    await page.waitForURL(/retried=1/);
    const d = await run.app.db.prisma.delivery.findUniqueOrThrow({ where: { id: failedDelivery } });
    expect(d.nextAttemptAt?.toISOString()).toBe(NOW.toISOString());
  });

  it("fits a phone's width and reads in Chinese", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${origin}/dashboard/class?lang=zh`);
    expect(await page.locator("h1").textContent()).toBe("班级");
    const overflow = (await page.evaluate(
      "document.documentElement.scrollWidth - window.innerWidth",
    )) as number;
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: `${SHOTS}/class-phone-zh.png`, fullPage: true });
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`${origin}/dashboard/class?lang=en`);
  });

  it("logs out: the session is gone", async () => {
    await page.goto(`${origin}/dashboard/class`);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/dashboard$/);
    const again = await page.goto(`${origin}/dashboard/class`);
    expect(again?.status()).toBe(401);
    expect(await run.app.db.prisma.dashboardSession.count()).toBe(0);
  });
});
