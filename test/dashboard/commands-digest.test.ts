// /dashboard and /settings staff-channel through the Bot (terminal chat and Discord actors), the
// weekly digest posted once per week to the staff channel whatever the number of instances, and
// `npm run cli -- dashboard-link`.
import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDashboardLinks } from "../../src/app/dashboard/auth";
import type { DashboardDeps } from "../../src/app/dashboard/data";
import { runDigests } from "../../src/app/dashboard/digest-job";
import type { LessonSender } from "../../src/core/ports/lesson-sender";
import type { SubscriptionRecord } from "../../src/core/ports/schedule";
import type { Reply } from "../../src/core/reply";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { seedClass } from "../helpers/dashboard-class";

let app: TestApp;
const GUILD = "g-digest";
const staffAdmin = actor("boss", {
  platform: "discord",
  workspaceId: GUILD,
  channelId: "staff-room",
  isAdmin: true,
});

beforeAll(async () => {
  app = await createTestApp("sqlite");
  app.services.dashboard = createDashboardLinks(
    app.services.store,
    app.clock,
    "https://dash.example.org",
  );
  await seedClass(app.bot, app.services.index, app.clock, {
    workspaceId: GUILD,
    learners: 24,
    days: 7,
    start: new Date("2026-03-03T00:00:00Z"),
    topics: ["genai"],
  });
}, 120_000);

afterAll(() => app?.close());

function recordingSender(
  platform: string,
): LessonSender & { sent: { to: SubscriptionRecord; reply: Reply }[] } {
  const sent: { to: SubscriptionRecord; reply: Reply }[] = [];
  return {
    platform,
    sent,
    async send(to, reply) {
      sent.push({ to, reply });
    },
    async sendDirect() {},
  };
}

const deps = (): DashboardDeps => ({
  index: app.services.index,
  store: app.services.store,
  clock: app.clock,
  prices: { inputPerMTok: 0, outputPerMTok: 0 },
  baseUrl: "https://dash.example.org",
});

describe("/dashboard", () => {
  it("gives the terminal chat's admin a private one-time link for community `local`", async () => {
    const local = actor("ops", { workspaceId: "local", isAdmin: true, isDirectMessage: true });
    const [r] = await app.bot.handleCommand(local, "dashboard", {});
    expect(r.private).toBe(true);
    const url = /https:\/\/dash\.example\.org\/dashboard\/login\?token=([\w-]+)/.exec(r.text);
    expect(url).not.toBeNull();
    const link = await app.testDb.db.prisma.dashboardLink.findFirstOrThrow({
      orderBy: { createdAt: "desc" },
    });
    expect(link).toMatchObject({ platform: "console", workspaceId: "local" });
    expect(link.expiresAt.getTime() - app.clock.now().getTime()).toBe(10 * 60_000);
  });

  it("refuses a learner who is not an admin", async () => {
    const before = await app.testDb.db.prisma.dashboardLink.count();
    const [r] = await app.bot.handleCommand(
      actor("kid", { workspaceId: "local" }),
      "dashboard",
      {},
    );
    expect(r.text).not.toMatch(/token=/);
    expect(await app.testDb.db.prisma.dashboardLink.count()).toBe(before);
  });
});

describe("weekly digest", () => {
  it("/settings staff-channel is for admins", async () => {
    const [no] = await app.bot.handleCommand(
      { ...staffAdmin, userId: "pupil", isAdmin: false },
      "settings",
      { channel: "#elsewhere" },
      "staff-channel",
    );
    expect(no.tone).toBe("warning");
    expect(
      (await app.services.store.communities.get({ platform: "discord", workspaceId: GUILD }))
        ?.staffChannelId ?? null,
    ).toBeNull();
    const [ok] = await app.bot.handleCommand(staffAdmin, "settings", {}, "staff-channel");
    expect(ok.text).toContain("#staff-room");
  });

  it("posts once a week from Monday 09:00: the five weakest items, uncovered questions, the address", async () => {
    const sender = recordingSender("discord");
    app.clock.set("2026-03-09T08:30:00Z"); // Monday, before 09:00 UTC
    expect(await runDigests({ ...deps(), senders: [sender], logger: app.logger })).toBe(0);
    app.clock.set("2026-03-09T09:05:00Z");
    // Two instances at once: exactly one posts.
    const posted = await Promise.all([
      runDigests({ ...deps(), senders: [sender], logger: app.logger }),
      runDigests({ ...deps(), senders: [sender], logger: app.logger }),
    ]);
    expect(posted.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sender.sent).toHaveLength(1);
    const { to, reply } = sender.sent[0];
    expect(to).toMatchObject({ platform: "discord", workspaceId: GUILD, channelId: "staff-room" });
    const [weak, uncovered, link] = reply.fields!;
    expect(weak.value.split("\n")).toHaveLength(5);
    const pct = weak.value.split("\n").map((l) => Number(/: ([\d.]+)% correct/.exec(l)![1]));
    expect(pct).toEqual([...pct].sort((a, b) => a - b));
    expect(uncovered.name).toMatch(/did not cover/);
    expect(link.value).toContain("https://dash.example.org/dashboard");
    expect(link.value).not.toContain("token=");
    app.clock.set("2026-03-12T10:00:00Z");
    expect(await runDigests({ ...deps(), senders: [sender], logger: app.logger })).toBe(0);
    app.clock.set("2026-03-16T09:01:00Z");
    expect(await runDigests({ ...deps(), senders: [sender], logger: app.logger })).toBe(1);
  });

  it("a failing channel is logged, not thrown", async () => {
    const broken: LessonSender = {
      platform: "discord",
      async send() {
        throw new Error("Missing Access");
      },
      async sendDirect() {},
    };
    app.clock.set("2026-03-23T09:01:00Z");
    expect(await runDigests({ ...deps(), senders: [broken], logger: app.logger })).toBe(0);
    expect(app.logger.lines.some((l) => l.msg === "weekly digest not posted")).toBe(true);
  });
});

describe("npm run cli -- dashboard-link", () => {
  it("prints a link starting with PUBLIC_URL for community `local`, and explains a bad community", () => {
    const env = {
      ...process.env,
      DATABASE_URL: app.testDb.url,
      PUBLIC_URL: "https://ops.example.org/",
      LOG_LEVEL: "silent",
    };
    const out = execFileSync(
      "npx",
      ["tsx", "src/cli/main.ts", "dashboard-link", "--community", "local"],
      {
        env,
        encoding: "utf8",
      },
    );
    expect(out.trim()).toMatch(/^https:\/\/ops\.example\.org\/dashboard\/login\?token=[\w-]{43}$/);
    let err = "";
    try {
      execFileSync("npx", ["tsx", "src/cli/main.ts", "dashboard-link", "--community", "nowhere"], {
        env,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (e) {
      err = String((e as { stderr?: string }).stderr);
    }
    expect(err).toMatch(/no learners in workspace nowhere/);
  }, 60_000);
});
