// One namespaced Slack command: the committed manifest registers only /coursebot, and signed
// "/coursebot quiz", "/coursebot ask …", "/coursebot help" (and a bare "/coursebot") reach the
// same core handlers the top-level commands reached; the replies name commands the way this
// workspace types them. Top-level aliases answer only when the operator turns them on.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../../helpers/fake-slack";
import { respondedAt, startSlackTestApp, textOf, type SlackTestApp } from "../../helpers/slack-app";

let fake: FakeSlack;
let t: SlackTestApp;
let aliased: SlackTestApp;
const drops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  const clock = new FakeClock("2026-03-02T08:00:00Z");
  const [a, b] = [await createTestDatabaseUrl("sqlite"), await createTestDatabaseUrl("sqlite")];
  drops.push(a.drop, b.drop);
  t = await startSlackTestApp(fake, a.url, clock);
  aliased = await startSlackTestApp(fake, b.url, clock, {
    SLACK_COMMAND: "quizbot",
    SLACK_COMMAND_ALIASES: "true",
  });
});
afterAll(async () => {
  await t?.stop();
  await aliased?.stop();
  await fake?.close();
  for (const d of drops) await d();
});

const reply = (url: string, what: string, pred: (c: SlackCall) => boolean = () => true) =>
  fake.waitFor((c) => respondedAt(url)(c) && pred(c), what);

describe("the Slack manifest", () => {
  it("registers exactly one slash command, /coursebot, with a usage hint", () => {
    const manifest = JSON.parse(readFileSync("slack/manifest.json", "utf8"));
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: "/coursebot",
      usage_hint: expect.stringContaining("quiz"),
    });
  });
});

describe("/coursebot <subcommand> over signed requests", () => {
  it("/coursebot quiz starts a personal quiz: the first question with answer buttons", async () => {
    const url = await t.command("quiz", "topic:units count:1", { user: "UQ" });
    const q = await reply(url, "question", (c) =>
      JSON.stringify(c.body.blocks ?? []).includes("quiz.answer"),
    );
    expect(q.body.response_type).toBe("ephemeral");
    // A second "/coursebot quiz" while it is open is the core's own answer to /quiz, not an unknown command.
    const again = await reply(await t.command("hint", "", { user: "UQ" }), "hint");
    expect(textOf(again)).not.toMatch(/There is no|not a command/);
  });

  it("/coursebot ask … reaches the tutor and streams its answer", async () => {
    const url = await t.command("ask", "what is a token?");
    const final = await reply(url, "tutor answer", (c) => /Offline answer/.test(textOf(c)));
    expect(textOf(final)).toMatch(/token/i);
  });

  it("/coursebot help lists every command the way it is typed here", async () => {
    const help = await reply(await t.command("help", ""), "help");
    const text = textOf(help);
    expect(text).toContain("/coursebot quiz [topic]");
    expect(text).toContain("/coursebot ask &lt;question&gt;");
    expect(text).not.toMatch(/(^|[\s"\\n])\/quiz\b/);
  });

  it("a bare /coursebot shows the help, and core hints name /coursebot commands", async () => {
    const bare = await reply(await t.slash("/coursebot", ""), "bare help");
    expect(textOf(bare)).toContain("/coursebot leaderboard");
    const noQuiz = await reply(await t.command("skip", "", { user: "UNEW" }), "no quiz open");
    expect(textOf(noQuiz)).toContain(
      "You have no quiz in progress. Type /coursebot quiz to start one.",
    );
  });

  it("a top-level /quiz (an old manifest) is not run, but pointed at /coursebot quiz", async () => {
    const url = await t.slash("/quiz", "topic:units", { user: "UOLD" });
    const r = await reply(url, "pointer");
    expect(r.body.text).toContain("`/coursebot quiz`");
    expect(JSON.stringify(r.body)).not.toContain("quiz.answer");
  });
});

describe("with SLACK_COMMAND=quizbot and SLACK_COMMAND_ALIASES=true", () => {
  it("answers both /quizbot help and the top-level /help, and names the short forms", async () => {
    const viaNamespace = await reply(await aliased.slash("/quizbot", "help"), "namespaced help");
    const viaAlias = await reply(await aliased.slash("/help", ""), "alias help");
    expect(textOf(viaAlias)).toBe(textOf(viaNamespace));
    expect(textOf(viaAlias)).toContain("/quiz [topic]");
    const q = await reply(
      await aliased.slash("/quiz", "topic:units count:1", { user: "UAL" }),
      "alias quiz",
      (c) => JSON.stringify(c.body.blocks ?? []).includes("quiz.answer"),
    );
    expect(q.body.response_type).toBe("ephemeral");
  });
});
