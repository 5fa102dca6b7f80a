// The terminal chat drives the learning commands end to end (the README's piped example).
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runConsole } from "../../src/adapters/console/console-chat";
import { actor, createTestApp, type TestApp } from "../helpers/app";
import { answerQuestions, learnerOf, singleChoice } from "../helpers/learning";

let app: TestApp;
let exportDir: string;
beforeEach(async () => {
  app = await createTestApp("sqlite");
  exportDir = join(mkdtempSync(join(tmpdir(), "coursebot-console-")), "exports");
});
afterEach(async () => {
  await app.close();
});

async function chat(lines: string[]): Promise<string> {
  const output = new PassThrough();
  let text = "";
  output.on("data", (c) => {
    text += c.toString();
  });
  await runConsole({
    bot: app.bot,
    actor: actor("me", { isAdmin: true }),
    input: Readable.from([`${lines.join("\n")}\n`]),
    output,
    interactive: false,
    exportDir,
  });
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
    await app.services.store.sessions.create({
      learnerId: l.id,
      mode: "practice",
      topic: "units",
      questionIds: qs.map((q) => q.id),
      questionShownAt: now,
      startedAt: now,
    });
    const out = await chat(["1", "2", "/progress", "/review", "/leaderboard all", "/export"]);
    expect(out).toContain("== Quiz finished ==");
    expect(out).toMatch(/== Your progress ==\n2 answered, \d right\./);
    expect(out).toMatch(/L2 Parameters and units: [█░]{10} \d+% \(2\/\d+\)/);
    expect(out).toMatch(/Nothing is due right now|Review: /);
    expect(out).toContain("== All-time leaderboard ==");
    // The export is saved as a file (its folder created) and the path printed.
    const saved =
      /\[saved (coursebot-export-\d{4}-\d{2}-\d{2}\.json) to (\S+) \(\d+ bytes — Your data\)\]/.exec(
        out,
      );
    expect(saved).not.toBeNull();
    expect(saved![2]).toBe(join(exportDir, saved![1]));
    expect(JSON.parse(readFileSync(saved![2], "utf8")).answers).toHaveLength(2);
  });

  it("a second /export the same day is saved next to the first, never over it", async () => {
    await answerQuestions(app, actor("me"), singleChoice(app, "units").slice(0, 1), [true]);
    const out = await chat(["/export", "/export"]);
    const paths = [...out.matchAll(/\[saved \S+ to (\S+) /g)].map((m) => m[1]);
    expect(paths).toHaveLength(2);
    expect(paths[1]).toBe(paths[0].replace(/\.json$/, "-1.json"));
    expect(readdirSync(exportDir).sort()).toEqual(
      [paths[0], paths[1]].map((p) => p.slice(exportDir.length + 1)).sort(),
    );
  });

  it("prints Markdown as plain text (no asterisks or backticks)", async () => {
    const out = await chat(["/glossary fp16", "/topics"]);
    expect(out).toContain("fp16 (half precision): A 16-bit floating-point format");
    expect(out).not.toContain("**");
    expect(out).toMatch(/1\. Generative AI and large models — genai /);
    expect(out).not.toContain("`");
  });
});
