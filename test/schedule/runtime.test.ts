// The runtime around the core: node-cron drives ticks, and a piped terminal session can
// subscribe, post the next lesson with /lesson now and read it.
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { loadContent } from "../../src/app/content-files";
import { createScheduler } from "../../src/app/scheduler/scheduler";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { createTestDatabaseUrl } from "../helpers/db";
import { RecordingSender, testSettings } from "./helpers";

/** The course grows lesson by lesson, so the count comes from the content, not a constant. */
const LESSONS = loadContent("content").course.lessons.length;

describe("lesson runtime", () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("a node-cron task runs the tick and stop() ends it", async () => {
    app = await createTestApp("sqlite");
    app.clock.set("2026-03-02T08:00:00Z");
    await app.bot.handleText(
      actor("ada", { isDirectMessage: true }),
      "/lesson subscribe mon 09:00 UTC",
    );
    app.clock.set("2026-03-02T09:00:10Z");
    const sender = new RecordingSender(app.clock);
    const { index, store, clock, logger } = app.services;
    // Every second (node-cron's 6-field form) so the test does not wait a minute.
    const sched = createScheduler({
      index,
      store,
      clock,
      logger,
      senders: [sender],
      settings: testSettings(),
      tickCron: "* * * * * *",
    });
    sched.start();
    for (let i = 0; i < 100 && sender.sent.length === 0; i++)
      await new Promise((r) => setTimeout(r, 50));
    await sched.stop();
    expect(sender.sent.map((s) => s.title?.slice(0, 12))).toEqual(["Lesson 1 of "]);
  });

  it("a piped console session subscribes, posts with /lesson now and sees the lesson", async () => {
    const db = await createTestDatabaseUrl("sqlite");
    try {
      const child = spawn("npx", ["tsx", "src/main.ts"], {
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          CONSOLE: "on",
          CONSOLE_USER: "ada",
          LOG_LEVEL: "warn",
          PORT: "",
        },
        stdio: ["pipe", "pipe", "pipe"],
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (b) => {
        out += String(b);
      });
      child.stderr.on("data", (b) => {
        err += String(b);
      });
      child.stdin.end(
        [
          "/lesson subscribe mon 09:00 Asia/Shanghai",
          "/lesson now",
          "/lesson now",
          "/lesson list",
          "/lesson subscribe day:funday",
          "",
        ].join("\n"),
      );
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(err).not.toMatch(/error/i);
      expect(code).toBe(0);
      expect(out).toContain("== Subscribed to weekly lessons ==");
      expect(out).toContain("you (DM): Mondays at 09:00 (Asia/Shanghai).");
      expect(out).toContain(`== Lesson 1 of ${LESSONS} · Generative AI and large models ==`);
      // No buttons in the terminal: the lesson says what to type for both.
      expect(out).toContain(
        "[/quiz topic:genai = Start this week's quiz · /ask <question> = Ask a question]",
      );
      expect(out).toContain(
        "-- Questions? Type /ask <question> (or just type your question): I answer from the notes.",
      );
      expect(out).not.toContain("Press");
      expect(out).toContain(`== Lesson 2 of ${LESSONS} ·`);
      expect(out).toContain("Next lesson: 3.");
      expect(out).toContain('"funday" is not a day of the week');
    } finally {
      await db.drop();
    }
  }, 60_000);
});
