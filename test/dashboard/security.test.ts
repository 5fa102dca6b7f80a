// The dashboard's security rules over HTTP, on the app as `npm start` wires it (Discord HTTP
// interactions, SQLite): no page or export without a session; expired, reused and forged links
// refused; one community's session never shows another's rows, whatever ids it sends; forms
// without the session's CSRF token refused; only admins get a link; learner text is escaped;
// /forget-me removes a learner from every page and export.
import { DISCORD } from "../../src/adapters/discord/identity";
import { identityFields } from "../../src/adapters/platform/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/actor";
import { FakeClock } from "../../src/core/clock";
import { createTestDatabaseUrl } from "../helpers/db";
import { answerFor, questionOf } from "../helpers/answers";
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
  inDm,
} from "../helpers/discord";

const OTHER = "444444444444444444";
const admin = { id: "810000000000000001", name: "Admin", permissions: "32" };
const member = { id: "810000000000000002", name: "Member", permissions: "1024" };
const PAGES = [
  "/dashboard/class",
  "/dashboard/items",
  "/dashboard/item?id=l01-genai-definition",
  "/dashboard/tutor",
  "/dashboard/tutor.csv",
  "/dashboard/items.csv",
  "/dashboard/lessons",
];
const XSS = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

let fake: FakeDiscord;
let keys: Keys;
let run: Running;
let clock: FakeClock;
let dropDb: () => Promise<void>;

const learner = (workspaceId: string, userId: string, displayName = userId): Actor => ({
  ...identityFields(DISCORD),
  workspaceId,
  userId,
  displayName,
  channelId: "333333333333333333",
});

/** A quiz of two questions answered through the Bot (one learner, one community). */
async function answerTwo(a: Actor) {
  let answered = 0;
  let rs = await run.app.bot.handleCommand(a, "quiz", { topic: "genai", count: 2 });
  for (let i = 0; i < 2 && questionOf(rs); i++) {
    const v = questionOf(rs)!;
    rs = await run.app.bot.handleAction(a, v.answerAction, answerFor(v));
    answered++;
    const next = rs.flatMap((r) => r.buttons ?? []).find((b) => b.id.startsWith("quiz.next"));
    if (next) rs = await run.app.bot.handleAction(a, next.id, {});
  }
  expect(answered).toBe(2);
}

async function linkFor(user: typeof admin, guild = GUILD): Promise<string | undefined> {
  const r = await post(run.base, keys, slash(user, "dashboard", [], { guild_id: guild }));
  return /https?:\/\/\S+\/dashboard\/login\?token=[A-Za-z0-9_-]+/.exec(JSON.stringify(r.json))?.[0];
}

const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

async function login(token: string, headers: Record<string, string> = {}) {
  return fetch(`${run.base}/dashboard/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
}

async function session(guild = GUILD): Promise<{ cookie: string; csrf: string }> {
  const res = await login(tokenOf((await linkFor(admin, guild))!));
  expect(res.status).toBe(303);
  const cookie = res.headers.get("set-cookie")!.split(";")[0];
  const page = await (await get("/dashboard/class", cookie)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
  return { cookie, csrf };
}

const get = (path: string, cookie?: string) =>
  fetch(`${run.base}${path}`, { redirect: "manual", headers: cookie ? { cookie } : {} });

const postForm = (path: string, form: Record<string, string>, cookie?: string) =>
  fetch(`${run.base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(form).toString(),
  });

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("sqlite");
  dropDb = db.drop;
  clock = new FakeClock("2026-03-10T10:00:00Z");
  run = await startDiscordApp({ databaseUrl: db.url, keys, fake, clock });
  // Community A (GUILD) and community B (OTHER), each with answers and a tutor question.
  await answerTwo(learner(GUILD, "1001", "Ann"));
  await answerTwo(learner(OTHER, "2001", "Bea"));
  await run.app.bot.handleCommand(learner(GUILD, "1001", "Ann"), "ask", {
    question: "what is a token in community A?",
  });
  await run.app.bot.handleCommand(learner(OTHER, "2001", "Bea"), "ask", {
    question: "secret question of community B?",
  });
}, 120_000);

afterAll(async () => {
  await run?.stop();
  await fake?.close();
  await dropDb?.();
});

describe("without a session", () => {
  it("every page and export answers 401 and shows no data; every form 403", async () => {
    for (const path of PAGES) {
      const res = await get(path);
      expect(res.status, path).toBe(401);
      const body = await res.text();
      expect(body, path).not.toContain("community A");
      expect(res.headers.get("content-type"), path).toContain("text/html");
    }
    expect(
      (await get("/dashboard/class", "coursebot_dashboard=forged-session-id-0123456789")).status,
    ).toBe(401);
    for (const path of ["/dashboard/lessons/retry", "/dashboard/logout"])
      expect((await postForm(path, { csrf: "x", delivery: "y" })).status, path).toBe(403);
  });
});

describe("sign-in links", () => {
  it("an admin's link works once; the page it opens does not spend it; only its hash is stored", async () => {
    const url = (await linkFor(admin))!;
    expect(
      url.startsWith(`http://localhost:${new URL(run.base).port}/dashboard/login?token=`),
    ).toBe(true);
    const token = tokenOf(url);
    expect(await run.app.db.prisma.dashboardLink.count({ where: { tokenHash: token } })).toBe(0);
    expect((await get(`/dashboard/login?token=${token}`)).status).toBe(200);
    expect((await get(`/dashboard/login?token=${token}`)).status).toBe(200);
    const first = await login(token);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/dashboard/class");
    const setCookie = first.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Path=\/dashboard/);
    expect(setCookie).not.toMatch(/Secure/); // plain http on localhost
    const reused = await login(token);
    expect(reused.status).toBe(403);
    expect(reused.headers.get("set-cookie")).toBeNull();
  });

  it("an expired link is refused (10 minutes)", async () => {
    const token = tokenOf((await linkFor(admin))!);
    clock.advance(10 * 60_000 + 1_000);
    expect((await login(token)).status).toBe(403);
  });

  it("a forged link is refused", async () => {
    expect((await login("A".repeat(43))).status).toBe(403);
    expect((await login("")).status).toBe(403);
    expect((await login("../../etc/passwd")).status).toBe(403);
  });

  it("a learner who is not an admin gets no link, and nor does anyone in a DM", async () => {
    const before = await run.app.db.prisma.dashboardLink.count();
    const r = await post(run.base, keys, slash(member, "dashboard"));
    expect(JSON.stringify(r.json)).not.toMatch(/dashboard\/login/);
    expect(JSON.stringify(r.json)).toMatch(/admin/i);
    const dm = await post(run.base, keys, { ...slash(admin, "dashboard"), ...inDm(admin, "dm-1") });
    expect(JSON.stringify(dm.json)).not.toMatch(/dashboard\/login/);
    expect(await run.app.db.prisma.dashboardLink.count()).toBe(before);
  });

  it("behind TLS the cookie is Secure", async () => {
    const res = await login(tokenOf((await linkFor(admin))!), { "x-forwarded-proto": "https" });
    expect(res.headers.get("set-cookie")).toMatch(/; Secure/);
  });
});

describe("one community per session", () => {
  it("A's session never shows B's answers, questions or deliveries, whatever ids it sends", async () => {
    const a = await session(GUILD);
    const b = await session(OTHER);
    const tutorA = await (await get("/dashboard/tutor.csv", a.cookie)).text();
    const tutorB = await (await get("/dashboard/tutor.csv", b.cookie)).text();
    expect(tutorA).toContain("community A");
    expect(tutorA).not.toContain("community B");
    expect(tutorB).toContain("community B");
    const itemsA = await (await get("/dashboard/items.csv", a.cookie)).text();
    const prisma = run.app.db.prisma;
    const countA = await prisma.answer.count({ where: { learner: { workspaceId: GUILD } } });
    const shown = itemsA
      .trim()
      .split("\r\n")
      .slice(1)
      .reduce((n, line) => n + Number(line.split(",")[3]), 0);
    expect(countA).toBeGreaterThan(0);
    expect(shown).toBe(countA);
    // B's failed delivery cannot be retried from A's session, even with A's valid CSRF token.
    const sub = await prisma.subscription.create({
      data: {
        platform: "discord",
        workspaceId: OTHER,
        channelId: "555",
        courseId: "llm-basics",
        timeZone: "UTC",
        targetKey: `discord|${OTHER}|channel|555`,
      },
    });
    const d = await prisma.delivery.create({
      data: {
        subscriptionId: sub.id,
        occurrenceAt: new Date("2026-03-09T09:00:00Z"),
        lessonIndex: 0,
        status: "failed",
        attempts: 5,
        lastError: "Missing Access",
      },
    });
    const lessonsA = await (await get("/dashboard/lessons", a.cookie)).text();
    expect(lessonsA).not.toContain(d.id);
    const tried = await postForm(
      "/dashboard/lessons/retry",
      { csrf: a.csrf, delivery: d.id },
      a.cookie,
    );
    expect(tried.status).toBe(404);
    expect(
      (await prisma.delivery.findUniqueOrThrow({ where: { id: d.id } })).nextAttemptAt,
    ).toBeNull();
    // B's own session may.
    const byB = await postForm(
      "/dashboard/lessons/retry",
      { csrf: b.csrf, delivery: d.id },
      b.cookie,
    );
    expect(byB.status).toBe(303);
    // A query string naming another community changes nothing either.
    const sneaky = await (
      await get(`/dashboard/tutor.csv?workspaceId=${OTHER}&platform=discord`, a.cookie)
    ).text();
    expect(sneaky).not.toContain("community B");
  });
});

describe("CSRF", () => {
  it("forms without the session's token are refused and change nothing", async () => {
    const a = await session(GUILD);
    expect((await postForm("/dashboard/logout", {}, a.cookie)).status).toBe(403);
    expect((await postForm("/dashboard/logout", { csrf: "wrong" }, a.cookie)).status).toBe(403);
    expect((await get("/dashboard/class", a.cookie)).status).toBe(200); // still signed in
    expect((await postForm("/dashboard/lessons/retry", { delivery: "x" }, a.cookie)).status).toBe(
      403,
    );
    const out = await postForm("/dashboard/logout", { csrf: a.csrf }, a.cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toMatch(/Max-Age=0/);
    expect((await get("/dashboard/class", a.cookie)).status).toBe(401);
  });
});

describe("learner text is data", () => {
  it("a question and a name full of markup are shown escaped; CSV cells cannot be formulas", async () => {
    const mallory = learner(GUILD, "1666", `<b>Mal</b>${XSS}`);
    await run.app.bot.handleCommand(mallory, "ask", { question: `${XSS} what is a token?` });
    await run.app.bot.handleCommand(mallory, "ask", { question: '=HYPERLINK("http://x") token?' });
    const a = await session(GUILD);
    for (const path of ["/dashboard/tutor", "/dashboard/tutor?names=1"]) {
      const page = await (await get(path, a.cookie)).text();
      expect(page, path).not.toContain("<script>alert");
      expect(page, path).not.toContain("<img src=x");
      expect(page, path).not.toContain("<b>Mal");
      expect(page, path).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    }
    expect(await (await get("/dashboard/tutor?names=1", a.cookie)).text()).toContain(
      "&lt;b&gt;Mal",
    );
    const csv = await (await get("/dashboard/tutor.csv", a.cookie)).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"") token?"`);
    const res = await get("/dashboard/tutor", a.cookie);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("/forget-me", () => {
  it("removes the learner from every page and export", async () => {
    const zoe = learner(GUILD, "1777", "Zoe");
    await answerTwo(zoe);
    await run.app.bot.handleCommand(zoe, "ask", { question: "zoe unique question about tokens?" });
    await run.app.bot.handleCommand(zoe, "skip", {});
    const a = await session(GUILD);
    const prisma = run.app.db.prisma;
    const count = () => prisma.answer.count({ where: { learner: { workspaceId: GUILD } } });
    const shownAnswers = async () =>
      Number(
        /data-figure="answers">(\d+)</.exec(
          await (await get("/dashboard/class", a.cookie)).text(),
        )![1],
      );
    expect(await (await get("/dashboard/tutor.csv", a.cookie)).text()).toContain("zoe unique");
    const before = await shownAnswers();
    expect(before).toBe(await count());
    expect(before).toBeGreaterThanOrEqual(4); // Ann's and Zoe's
    await run.app.bot.handleCommand(zoe, "forget-me", {});
    await run.app.bot.handleCommand(zoe, "forget-me", { confirm: "yes" });
    expect(await prisma.learner.count({ where: { externalId: "1777" } })).toBe(0);
    for (const path of ["/dashboard/tutor.csv", "/dashboard/tutor?names=1"])
      expect(await (await get(path, a.cookie)).text(), path).not.toMatch(/zoe unique|Zoe/);
    expect(await shownAnswers()).toBe(await count());
    expect(await shownAnswers()).toBeLessThan(before);
    expect(await prisma.tutorAsk.count({ where: { text: { contains: "zoe unique" } } })).toBe(0);
  });
});
