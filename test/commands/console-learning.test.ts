// The terminal chat drives the learning commands end to end (the README's piped example).
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console/console-chat";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { learnerOf, singleChoice } from "../helpers/learning";

let app: TestApp;
beforeEach(async () => { app = await createTestApp("sqlite"); });
afterEach(async () => { await app.close(); });

async function chat(lines: string[]): Promise<string> {
  const output = new PassThrough();
  let text = "";
  output.on("data", (c) => { text += c.toString(); });
  await runConsole({ bot: app.bot, actor: actor("me", { isAdmin: true }), input: Readable.from([lines.join("\n") + "\n"]), output, interactive: false });
  return text;
}

describe("console chat", () => {
  it("/quiz topic:units count:2 starts the quiz", async () => {
    const out = await chat(["/quiz topic:units count:2"]);
    expect(out).toContain("Quiz on Parameters and units: 2 questions.");
    expect(out).toContain("== Question 1/2");
  });

  it("two typed answers, then /progress, /review, /leaderboard, /export", async () => {
    // The quiz is set up on two single-choice questions so that "1" and "2" are valid answers
    // whatever the shuffle (other types would ask for a number with a unit, pairs, …).
    const qs = singleChoice(app, "units").slice(0, 2);
    const l = await learnerOf(app, actor("me"));
    const now = app.clock.now();
    await app.services.store.sessions.create({ learnerId: l.id, mode: "practice", topic: "units", questionIds: qs.map((q) => q.id), questionShownAt: now, startedAt: now });
    const out = await chat(["1", "2", "/progress", "/review", "/leaderboard all", "/export"]);
    expect(out).toContain("== Quiz finished ==");
    expect(out).toMatch(/== Your progress ==\n2 answered, \d right\./);
    expect(out).toMatch(/L2 Parameters and units: [█░]{10} \d+% \(2\/\d+\)/);
    expect(out).toMatch(/Nothing is due right now|Review: /);
    expect(out).toContain("== All-time leaderboard ==");
    expect(out).toMatch(/\[attachment: coursebot-export-\d{4}-\d{2}-\d{2}\.json, \d+ bytes/);
  });
});
