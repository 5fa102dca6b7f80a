// The terminal chat drives the learning commands end to end (the README's piped example).
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console/console-chat";
import { actor, createTestApp, type TestApp } from "../helpers/app";

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
  it("/quiz topic:units count:2, two answers, then /progress, /review, /leaderboard, /export", async () => {
    const out = await chat(["/quiz topic:units count:2", "1", "2", "/progress", "/review", "/leaderboard all", "/export"]);
    expect(out).toContain("Quiz on Parameters and units: 2 questions.");
    expect(out).toContain("== Quiz finished ==");
    expect(out).toMatch(/== Your progress ==\n2 answered, \d right\./);
    expect(out).toMatch(/L2 Parameters and units: [█░]{10} \d+% \(2\/\d+\)/);
    expect(out).toMatch(/Nothing is due right now|Review: /);
    expect(out).toContain("== All-time leaderboard ==");
    expect(out).toMatch(/\[attachment: coursebot-export-\d{4}-\d{2}-\d{2}\.json, \d+ bytes/);
  });
});
