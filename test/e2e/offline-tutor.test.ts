// Issue 14's offline-tutor cases through `npm start`'s entry point, with no model key: one piped
// console session asks the questions the issue found refused or answered wrongly, greets and
// thanks the bot, and asks "why?" after a verdict. Each reply is checked for the facts a correct
// answer states, for quoted lines that could be mistaken for the learner's own ("> …"), and the
// "why?" for adding to the verdict rather than repeating its explanation.
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const QUESTIONS = [
  "为什么70B模型需要140GB显存？",
  "Why does a 70B model need 140GB of VRAM?",
  "why is pickle unsafe?",
  "175B vs 1.75T",
  "encoder-only vs decoder-only",
  "what is attention",
  "what is 6ND?",
  "How do you estimate the training compute of Llama 2 70B with 6ND?",
  "hello",
  "thanks!",
  "你好",
  "谢谢",
];

/** The console echoes each input line as "> line"; the reply runs until the next echo. */
function replies(out: string): Map<string, string> {
  const map = new Map<string, string>();
  let current: string | undefined;
  for (const line of out.split("\n")) {
    if (line.startsWith("> ")) {
      current = line.slice(2).trim();
      map.set(current, "");
      continue;
    }
    if (current !== undefined) map.set(current, `${map.get(current)}${line}\n`);
  }
  return map;
}

describe("offline tutor through the start command (issue 14)", () => {
  let run: SpawnSyncReturns<string>;
  let r = new Map<string, string>();
  beforeAll(() => {
    const dir = mkdtempSync(join(tmpdir(), "coursebot-offline-tutor-"));
    const input = `${[...QUESTIONS, "/quiz topic:formats count:1", "1", "why?"].join("\n")}\n`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      CONSOLE_USER: "offline-learner",
      LOG_LEVEL: "warn",
    };
    delete env.OPENAI_API_KEY;
    run = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      input,
      encoding: "utf8",
      timeout: 120_000,
      env,
    });
    r = replies(run.stdout);
  }, 150_000);
  const reply = (q: string) => {
    const text = r.get(q);
    expect(text, `no reply to ${q}:\n${run.stdout}\n${run.stderr}`).toBeDefined();
    return text!;
  };

  const FACTS: [string, RegExp[]][] = [
    ["为什么70B模型需要140GB显存？", [/2 ?字节/, /140 GB/]],
    ["Why does a 70B model need 140GB of VRAM?", [/2 bytes/, /140 GB/]],
    ["why is pickle unsafe?", [/arbitrary/, /run code/]],
    ["175B vs 1.75T", [/0\.175T/, /ten times too many/]],
    ["encoder-only vs decoder-only", [/BERT/, /bidirectional/, /next token/]],
    ["what is attention", [/weighted sum/, /softmax/]],
    ["what is 6ND?", [/6 × parameters × tokens/]],
    [
      "How do you estimate the training compute of Llama 2 70B with 6ND?",
      [/6 × parameters × tokens/, /8\.4×10²³/],
    ],
  ];
  it.each(FACTS)("answers %s with its key facts", (q, want) => {
    expect(run.status, run.stderr).toBe(0);
    const text = reply(q);
    expect(text, q).not.toMatch(/don't cover|没有讲到/);
    for (const re of want) expect(text, `${q}: ${re}`).toMatch(re);
    // Quoted notes never start with "> ", which the console uses for the learner's own lines.
    expect(text, q).not.toMatch(/^>/m);
    // The 70B question is about fp16's 2 bytes, not the int4 figure quoted before.
    if (q.startsWith("为什么70B")) expect(text).not.toMatch(/^\[1\] .*35 GB/m);
  });

  it("greets and thanks in the learner's language, saying what the bot can do", () => {
    expect(reply("hello")).toMatch(/course tutor.*\/quiz/s);
    expect(reply("thanks!")).toMatch(/You're welcome/);
    expect(reply("你好")).toMatch(/助教.*\/quiz/s);
    expect(reply("谢谢")).toMatch(/不客气/);
    for (const q of ["hello", "thanks!", "你好", "谢谢"])
      expect(reply(q)).not.toMatch(/don't cover|没有讲到|Offline answer|离线回答/);
  });

  it("answers 'why?' after a verdict with something the verdict did not show", () => {
    const verdict = reply("1");
    expect(verdict).toMatch(/✅ Correct!|❌ Not quite\.|🟡 Partly right/);
    // The verdict's explanation: the paragraph after the answer and the why-wrong lines.
    const paragraphs = verdict
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    const explanation = paragraphs.find((p) => !/^(✅|❌|🟡|Terms:|--|==)/.test(p)) ?? "";
    expect(explanation.length).toBeGreaterThan(20);
    const sentences = explanation.split(/(?<=[.!?])\s+/).filter((s) => s.length > 15);
    const why = reply("why?");
    expect(why).toMatch(/Sources: \[1\] L\d+ · .*\(l\d\d-[a-z0-9-]+#[a-z0-9-]+\)/);
    expect(why).not.toMatch(/explanation:/);
    for (const s of sentences) expect(why, `repeats "${s}"`).not.toContain(s);
  });
});
