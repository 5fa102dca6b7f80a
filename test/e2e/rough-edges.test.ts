// What a new user hits first, through `npm start`'s entry point with piped input (issue 14):
// answers typed with no question open, /help for one command, typed-command slips, a second
// /quiz, /forget-me confirm, Chinese mode, plurals, and numeric answers that are unit slips,
// unconverted conversions or counts with their noun. One spawned session per content set.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";

function start(input: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-rough-"));
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    input,
    encoding: "utf8",
    timeout: 90_000,
    env: {
      ...process.env,
      DATABASE_URL: `file:${join(dir, "e2e.db")}`,
      CONSOLE_USER: "rough-learner",
      LOG_LEVEL: "warn",
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The course with only the named questions left in their lessons (one per topic, so /quiz topic:x picks it). */
function courseWith(keep: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-rough-content-"));
  cpSync("content/llm-basics", dir, { recursive: true });
  for (const [file, ids] of Object.entries(keep)) {
    const path = join(dir, "questions", `${file}.yaml`);
    const questions = yaml.load(readFileSync(path, "utf8")) as { id: string }[];
    writeFileSync(path, yaml.dump(questions.filter((q) => ids.includes(q.id))));
  }
  return dir;
}

/** The replies to one typed line: the text between its echo ("> line") and the next echo. */
function replyTo(out: string, line: string, nth = 0): string {
  const parts = out.split(/^> /m);
  const hits = parts.filter((p) => p.startsWith(`${line}\n`));
  return hits[nth]?.slice(line.length + 1) ?? `(no reply to "${line}")`;
}

describe("commands and answers a new user types", () => {
  it("answers, help, typed slips, a second /quiz, /forget-me confirm, Chinese mode and plurals", () => {
    const lines = [
      "B",
      "1",
      "1-B",
      "/help quiz",
      "/help lesson subscribe",
      "/lesson subscribe help",
      "/lesson list",
      "/quiz topic: units count:2",
      "/quiz topic:units count:1",
      "1",
      "/export",
      "/settings language zh",
      "/settings language",
      "/settings show",
      "/export",
      "/forget-me",
      "/forget-me confirm",
    ];
    const r = start(`${lines.join("\n")}\n`);
    expect(r.code).toBe(0);
    const out = r.out;
    // Soft assertions: each edge is reported on its own, not only the first one that fails.

    // An answer with no question open is not a question for the tutor.
    for (const a of ["B", "1", "1-B"])
      expect.soft(replyTo(out, a)).toMatch(/^No question is open — \/quiz starts one\.\n/);

    // Help for one command (and one subcommand); "help" after a command is not a value.
    expect
      .soft(replyTo(out, "/help quiz"))
      .toMatch(
        /== \/quiz ==[\s\S]*Usage: \/quiz \[topic\] \[count\] \[mode\] \[seconds\][\s\S]*count — /,
      );
    expect
      .soft(replyTo(out, "/help lesson subscribe"))
      .toMatch(/== \/lesson subscribe ==[\s\S]*Usage: \/lesson subscribe \[channel\] \[day\]/);
    expect.soft(replyTo(out, "/lesson subscribe help")).toMatch(/== \/lesson subscribe ==/);
    expect.soft(replyTo(out, "/lesson list")).not.toMatch(/#help/);

    // "topic: units" with a space after the colon is the topic option.
    expect
      .soft(replyTo(out, "/quiz topic: units count:2"))
      .toMatch(/Quiz on Parameters and units: 2 questions\./);
    // A second /quiz says that it replaces the first.
    expect
      .soft(replyTo(out, "/quiz topic:units count:1"))
      .toMatch(
        /^⚠️ Your previous quiz was not finished \(0 of 2 questions done\); this one replaces it\./,
      );
    expect.soft(replyTo(out, "1", 1)).toMatch(/Quiz finished/);

    // One answer, two quizzes (the replaced one and this one), in words that agree with the counts.
    expect
      .soft(replyTo(out, "/export"))
      .toMatch(/Here is everything stored about you: 1 answer, 2 quizzes, 1 review card\./);
    expect
      .soft(replyTo(out, "/export"))
      .toMatch(/\[saved coursebot-export-[\d-]+\.json to .+ \(\d+ bytes — Your data\)\]/);

    // Chinese mode has no English left in these lines.
    expect
      .soft(replyTo(out, "/settings language"))
      .toMatch(/^缺少参数 value（zh 或 en）。用法：\/settings language <value>/);
    expect.soft(replyTo(out, "/settings show")).toMatch(/语言: 中文/);
    expect
      .soft(replyTo(out, "/export", 1))
      .toMatch(/\[已将 coursebot-export-[\d-]+\.json 保存到 .+-1\.json（\d+ 字节 — 你的数据）\]/);

    // /help shows "[confirm]", and "/forget-me confirm" is what a learner then types.
    expect.soft(replyTo(out, "/forget-me confirm")).toMatch(/已删除关于你的全部数据（1 条作答）/);
  });

  it("refuses unit slips and unconverted conversions without recording them, and accepts counts with their noun", () => {
    const content = courseWith({
      "l02-parameters": ["gpt3-params-in-t"],
      "l04-formats": ["l04-absolute-offset"],
      "l05-training": ["l05-gpu-hours-check"],
    });
    const r = start(
      `${[
        "/quiz topic:units count:1",
        "175B",
        "0.175T",
        "/quiz topic:formats count:1",
        "1008 bytes",
        "/quiz topic:training count:1",
        "1,728,000 GPU-hours",
        "/progress",
      ].join("\n")}\n`,
      { CONTENT_DIR: content },
    );
    expect(r.code).toBe(0);
    expect
      .soft(replyTo(r.out, "175B"))
      .toMatch(
        /^This question asks you to convert to T: "175B" is not converted\. Answer in T .*Nothing was recorded\./,
      );
    expect.soft(replyTo(r.out, "0.175T")).toMatch(/✅ Correct!/);
    expect.soft(replyTo(r.out, "1008 bytes")).toMatch(/✅ Correct!/);
    expect.soft(replyTo(r.out, "1,728,000 GPU-hours")).toMatch(/✅ Correct!/);
    expect.soft(replyTo(r.out, "/progress")).toMatch(/3 answered, 3 right/);

    const sizes = courseWith({ "l02-parameters": ["l02-fp16-13b"] });
    const s = start(`${["/quiz topic:units count:1", "26B", "26 GB", "/progress"].join("\n")}\n`, {
      CONTENT_DIR: sizes,
    });
    expect(s.code).toBe(0);
    expect
      .soft(replyTo(s.out, "26B"))
      .toMatch(
        /^"26B" reads as .*GB \(B here is bytes, not billion\).*Did you mean 26 GB\? Nothing was recorded/,
      );
    expect.soft(replyTo(s.out, "26 GB")).toMatch(/✅ Correct!/);
    expect.soft(replyTo(s.out, "/progress")).toMatch(/1 answered, 1 right/);
  });

  it("answers about the previous question while the next is open, and refuses the ambiguous form alike", () => {
    // Issue 14: "why is B wrong?" once the next question is shown used to be refused as being about
    // the open one. Naming the previous question gets an answer about it; the bare form gets the
    // uniform exam-mode refusal, which says how to name the previous question.
    const content = courseWith({ "l04-formats": ["l04-absolute-offset", "l04-tensor-bytes"] });
    const r = start(
      `${[
        "/quiz topic:formats count:2",
        "1008",
        "why is B wrong?",
        "why was my answer right in the previous question?",
        "/settings language zh",
        "上一题为什么 1008 是对的？",
      ].join("\n")}\n`,
      { CONTENT_DIR: content },
    );
    expect(r.code).toBe(0);
    const bare = replyTo(r.out, "why is B wrong?");
    expect.soft(bare).toMatch(/still open/);
    expect.soft(bare).toMatch(/previous question/);
    const named = replyTo(r.out, "why was my answer right in the previous question?");
    expect.soft(named).not.toMatch(/still open/);
    expect.soft(named).toMatch(/Sources?:/);
    const zh = replyTo(r.out, "上一题为什么 1008 是对的？");
    expect.soft(zh).not.toMatch(/还没作答/);
    expect.soft(zh).toMatch(/出处/);
  });
});
