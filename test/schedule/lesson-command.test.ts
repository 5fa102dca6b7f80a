// /lesson and /settings reminders as users type them: who may do what, and clear errors for bad input.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/actor";
import { loadContent } from "../../src/app/content-files";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { testSettings } from "./helpers";

/** The course grows lesson by lesson, so the count comes from the content, not a constant. */
const LESSONS = loadContent("content").course.lessons.length;

describe("/lesson commands", () => {
  let app: TestApp;
  const admin = actor("ann", { channelId: "C100", isAdmin: true });
  const learner = actor("leo", { channelId: "C100" });
  const dm = actor("leo", { isDirectMessage: true, channelId: "D9" });
  const say = async (who: Actor, line: string) =>
    (await app.bot.handleText(who, line))
      .map((r) =>
        [r.title, r.text, ...(r.fields ?? []).map((f) => `${f.name}: ${f.value}`)]
          .filter(Boolean)
          .join("\n"),
      )
      .join("\n---\n");
  const subs = () => app.testDb.db.prisma.subscription.findMany({ orderBy: { createdAt: "asc" } });

  beforeEach(async () => {
    app = await createTestApp("sqlite");
    app.services.lessons = testSettings();
    app.clock.set("2026-03-04T12:00:00Z"); // a Wednesday
  });
  afterEach(async () => {
    await app.close();
  });

  it("an admin subscribes a channel; a learner may not", async () => {
    expect(await say(learner, "/lesson subscribe")).toMatch(
      /Only admins can manage a channel's lessons/,
    );
    expect(await say(learner, "/lesson subscribe channel:#general")).toMatch(/Only admins/);
    expect(await subs()).toHaveLength(0);
    const out = await say(
      admin,
      "/lesson subscribe channel:<#C200> day:tue time:18:30 timezone:Europe/Berlin",
    );
    expect(out).toContain("#C200: Tuesdays at 18:30 (Europe/Berlin)");
    expect(out).toContain(
      'Next: lesson 1, "Generative AI and large models", on Tue 10 Mar 2026, 18:30 (Europe/Berlin)',
    );
    expect(await say(admin, "/lesson subscribe")).toContain("#C100: Mondays at 09:00 (UTC)");
    const rows = await subs();
    expect(
      rows.map((r) => [r.channelId, r.learnerExternalId, r.weekday, r.time, r.timeZone]),
    ).toEqual([
      ["C200", null, 2, "18:30", "Europe/Berlin"],
      ["C100", null, 1, "09:00", "UTC"],
    ]);
  });

  it("warns when this instance has no way to post lessons on the learner's platform", async () => {
    app.services.lessonPlatforms = new Set(["slack"]);
    expect(await say(dm, "/lesson subscribe mon 09:00 UTC")).toMatch(
      /cannot post lessons on this platform/,
    );
    app.services.lessonPlatforms = new Set(["console"]);
    expect(await say(dm, "/lesson subscribe tue 09:00 UTC")).not.toMatch(/cannot post/);
    expect((await subs()).filter((x) => x.active)).toHaveLength(1);
  });

  it("a learner subscribes themself in a DM with positional day, time and zone", async () => {
    const out = await say(dm, "/lesson subscribe fri 7:15pm Asia/Shanghai");
    expect(out).toContain("you (DM): Fridays at 19:15 (Asia/Shanghai)");
    const [row] = await subs();
    expect([row.learnerExternalId, row.weekday, row.time, row.timeZone]).toEqual([
      "leo",
      5,
      "19:15",
      "Asia/Shanghai",
    ]);
    // Re-subscribing changes the slot (same subscription target, one active row).
    expect(await say(dm, "/lesson subscribe time:08:00")).toContain("Subscription updated");
    const rows = await subs();
    expect(rows.filter((r) => r.active).map((r) => [r.weekday, r.time])).toEqual([[5, "08:00"]]);
    expect(await say(dm, "/lesson list")).toMatch(
      /you \(DM\): Fridays at 08:00 \(Asia\/Shanghai\)\nNext lesson: 1\. Generative AI and large models\nNext post: Fri 6 Mar 2026, 08:00 \(Asia\/Shanghai\)/,
    );
  });

  it("bad day, time, zone and cron get clear errors and write nothing", async () => {
    expect(await say(dm, "/lesson subscribe day:someday")).toContain(
      '"someday" is not a day of the week; use mon…sun or 1…7',
    );
    expect(await say(dm, "/lesson subscribe day:mon time:25:61")).toContain(
      '"25:61" is not a time; use 24-hour HH:mm',
    );
    expect(await say(dm, "/lesson subscribe timezone:Moon/Base")).toContain(
      '"Moon/Base" is not a time zone; use an IANA name',
    );
    expect(await say(dm, '/lesson subscribe cron:"0 9 * *"')).toMatch(
      /Cron expression "0 9 \* \*" is not valid: expected 5 or 6 fields but got 4\. Example: 0 9 \* \* 1/,
    );
    expect(await say(dm, '/lesson subscribe cron:"*/5 * * * *"')).toContain("at most once an hour");
    expect(await say(dm, '/lesson subscribe cron:"0 9 * * 1" day:mon')).toContain(
      "Give either cron or day/time, not both.",
    );
    expect(await say(admin, "/lesson subscribe channel:<bad channel>")).toMatch(/is not a channel/);
    expect(await subs()).toHaveLength(0);
  });

  it("an advanced cron schedule is accepted and listed", async () => {
    const out = await say(admin, '/lesson subscribe cron:"30 8 * * 1,4" timezone:America/New_York');
    expect(out).toContain("cron `30 8 * * 1,4` (America/New_York)");
    expect(out).toContain("Thu 5 Mar 2026, 08:30 (America/New_York)");
  });

  it("list: admins see the workspace's channels and their own DM, not other learners' DMs", async () => {
    await say(admin, "/lesson subscribe");
    await say(dm, "/lesson subscribe");
    await say(actor("ann", { isDirectMessage: true, isAdmin: true }), "/lesson subscribe");
    const adminList = await say(admin, "/lesson list");
    expect(adminList).toContain("#C100: Mondays at 09:00 (UTC)");
    expect(adminList).toContain("you (DM)");
    expect((adminList.match(/you \(DM\)/g) ?? []).length).toBe(1);
    const leoList = await say(dm, "/lesson list");
    expect(leoList).not.toContain("#C100");
    expect(await say(actor("zed", { isDirectMessage: true }), "/lesson list")).toContain(
      "No weekly lesson subscriptions yet.",
    );
  });

  it("/lesson now posts here and advances; in the wrong channel it says where", async () => {
    await say(admin, "/lesson subscribe channel:C300");
    expect(await say(admin, "/lesson now channel:C300")).toContain("Run /lesson now in #C300");
    const inC300 = { ...admin, channelId: "C300" };
    const first = await app.bot.handleText(inC300, "/lesson now");
    expect(first[0].title).toBe(`Lesson 1 of ${LESSONS} · Generative AI and large models`);
    expect(first[0].private).toBeFalsy();
    app.clock.advance(1000);
    expect((await app.bot.handleText(inC300, "/lesson now"))[0].title).toMatch(
      new RegExp(`^Lesson 2 of ${LESSONS}`),
    );
    expect(await say(learner, "/lesson now channel:C300")).toMatch(/Only admins/);
    expect(await say(dm, "/lesson now")).toContain("You have no weekly lesson subscription");
  });

  it("/lesson now after the last lesson says the course is complete", async () => {
    await say(dm, "/lesson subscribe");
    await app.testDb.db.prisma.subscription.updateMany({ data: { nextLesson: LESSONS } });
    expect(await say(dm, "/lesson now")).toContain(`All ${LESSONS} lessons have been posted.`);
    expect(await say(dm, "/lesson list")).toContain(`All ${LESSONS} lessons delivered.`);
  });

  it("/settings reminders on|off, shown in /settings", async () => {
    expect(await say(dm, "/settings reminders maybe")).toContain("Option value: use on or off.");
    expect(await say(dm, "/settings reminders on")).toContain("one DM a day");
    expect(await say(dm, "/settings show")).toContain("Review reminders: on");
    expect(await say(dm, "/settings reminders off")).toContain("Review reminders are off.");
    expect(await say(dm, "/settings show")).toContain("Review reminders: off");
  });

  it("/help lists /lesson with its subcommands", async () => {
    expect(await say(dm, "/help")).toContain("/lesson <subscribe|list|unsubscribe|now|skip>");
  });
});
