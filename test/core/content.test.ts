// The real course validates, and broken content is reported with the file and the field.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { checkContent } from "../../src/app/content-files";
import { contentCheck } from "../../src/cli/content-commands";
import { formatIssue } from "../../src/core/content/parse";

function copyContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-content-"));
  cpSync("content/llm-basics", dir, { recursive: true });
  return dir;
}
const errorsOf = (dir: string) =>
  checkContent(dir)
    .issues.filter((i) => i.severity === "error")
    .map(formatIssue);
function edit(dir: string, file: string, f: (s: string) => string) {
  const p = join(dir, file);
  writeFileSync(p, f(readFileSync(p, "utf8")));
}

describe("the course in content/", () => {
  it("loads with no errors", () => {
    const { index, issues } = checkContent("content");
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(index?.course.questions.length).toBeGreaterThan(0);
  });
});

describe("broken content is named by file and field", () => {
  it("a schema error names the file, the question and the field", () => {
    const dir = copyContent();
    edit(dir, "questions/l02-parameters.yaml", (s) => s.replace("difficulty: 2", "difficulty: 7"));
    const errs = errorsOf(dir);
    expect(errs.length).toBeGreaterThan(0);
    expect(errs[0]).toMatch(/questions\/l02-parameters\.yaml: [a-z0-9-]+\.difficulty: /);
    // The message says what is allowed, not zod's "Invalid input".
    expect(errs[0]).toMatch(/\.difficulty: difficulty must be 1, 2 or 3 \(got 7\)$/);
  });
  it("enum, type and range errors list the allowed values", () => {
    const dir = copyContent();
    edit(dir, "questions/l02-parameters.yaml", (s) =>
      s
        .replace("unitKind: params", "unitKind: kilos")
        .replace(/tolerance: [0-9.]+/, "tolerance: 3")
        .replace("type: single", "type: singel"),
    );
    const errs = errorsOf(dir).join("\n");
    expect(errs).toMatch(
      /\.unitKind: unitKind must be one of params, bytes or plain \(got "kilos"\)/,
    );
    expect(errs).toMatch(/\.tolerance: tolerance must be at most 0\.5 \(got 3\)/);
    expect(errs).toMatch(
      /\.type: type must be one of single, multiple, true-false, numeric, ordering or matching/,
    );
    expect(errs).not.toMatch(/Invalid input/);
  });
  it("invalid YAML names the file", () => {
    const dir = copyContent();
    edit(dir, "questions/l02-parameters.yaml", (s) => `${s}\n- id: [unclosed\n`);
    expect(errorsOf(dir).join("\n")).toMatch(/l02-parameters\.yaml: not valid YAML/);
  });
  it("finds a duplicate id, an answer not among the choices, and a missing section", () => {
    const dir = copyContent();
    writeFileSync(
      join(dir, "questions/zz-broken.yaml"),
      `
- id: gpt3-params-in-t
  type: true-false
  lesson: l02-parameters
  section: units
  topic: units
  difficulty: 1
  prompt: { zh: 判断题, en: A statement }
  answer: true
  wrongRationale: { zh: 原因, en: Because }
  explanation: { zh: 解释, en: Explanation }
  hints: [{ zh: 提示, en: Hint }]
  source: test
- id: zz-bad-answer
  type: single
  lesson: l02-parameters
  section: no-such-section
  topic: units
  difficulty: 1
  prompt: { zh: 哪个对？, en: Which one? }
  choices:
    - { id: one, text: { zh: 一, en: One } }
    - { id: two, text: { zh: 二, en: Two }, rationale: { zh: 不对, en: Wrong } }
  answer: three
  explanation: { zh: 解释, en: Explanation }
  hints: [{ zh: 提示, en: Hint }]
  source: test
`,
    );
    const errs = errorsOf(dir).join("\n");
    expect(errs).toMatch(/zz-broken\.yaml: gpt3-params-in-t\.id: duplicate question id/);
    expect(errs).toMatch(/zz-bad-answer\.answer: answer "three" is not among the choices/);
    expect(errs).toMatch(/zz-bad-answer\.section: section "no-such-section" does not exist/);
    expect(errs).toMatch(
      /zz-bad-answer\.choices\[0\]\.rationale: wrong choice "one" needs a rationale/,
    );
  });
  it("finds an answer given away in the prompt and a missing translation", () => {
    const dir = copyContent();
    writeFileSync(
      join(dir, "questions/zz-broken.yaml"),
      `
- id: zz-leaky
  type: single
  lesson: l02-parameters
  section: units
  topic: units
  difficulty: 1
  prompt: { zh: 答案是十亿吗？, en: Is the answer billion or not? }
  choices:
    - { id: billion, text: { zh: 十亿, en: billion } }
    - { id: million, text: { zh: 百万, en: million }, rationale: { zh: 不对, en: Wrong } }
  answer: billion
  explanation: { zh: Billion is ten to the ninth, en: Billion is ten to the ninth }
  hints: [{ zh: 提示, en: Hint }]
  source: test
`,
    );
    const errs = errorsOf(dir).join("\n");
    expect(errs).toMatch(/zz-leaky\.prompt: the prompt gives away the answer/);
    expect(errs).toMatch(/zz-leaky\.explanation: zh and en are identical: missing translation/);
  });
  it("names, file names and code identifiers may read the same in both languages; sentences may not", () => {
    const dir = copyContent();
    writeFileSync(
      join(dir, "questions/zz-names.yaml"),
      `
- id: zz-names
  type: single
  lesson: l02-parameters
  section: units
  topic: units
  difficulty: 1
  prompt: { zh: 哪个文件？, en: Which file? }
  choices:
    - { id: config, text: { zh: config.json, en: config.json } }
    - { id: llama, text: { zh: Llama 2 70B, en: Llama 2 70B }, rationale: { zh: 不对, en: Wrong } }
    - { id: code, text: { zh: "\`auto_map\`", en: "\`auto_map\`" }, rationale: { zh: 不对, en: Wrong } }
    - { id: words, text: { zh: the model file, en: the model file }, rationale: { zh: 不对, en: Wrong } }
  answer: config
  explanation: { zh: 解释, en: Explanation }
  hints: [{ zh: 提示, en: Hint }]
  source: test
`,
    );
    const errs = errorsOf(dir).filter((e) => e.includes("zz-names"));
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(
      /zz-names\.yaml: zz-names\.choices\[3\]\.text: zh and en are identical: missing translation$/,
    );
  });
  it("a number inside a model name is not the answer's number; elsewhere it is worth a warning", () => {
    const dir = copyContent();
    const numeric = (id: string, prompt: string) => `
- id: ${id}
  type: numeric
  lesson: l02-parameters
  section: units
  topic: units
  difficulty: 1
  prompt: { zh: "${prompt}", en: "${prompt}" }
  answer: { value: 2, unit: T }
  unitKind: params
  wrongRationale: { zh: 不对, en: Wrong }
  explanation: { zh: 解释, en: Explanation }
  hints: [{ zh: 提示, en: Hint }]
  source: test
`;
    writeFileSync(
      join(dir, "questions/zz-numbers.yaml"),
      numeric("zz-name", "How many tokens did Llama 2 see, in T?") +
        numeric("zz-bare", "Is it 2 or 3 trillion tokens, in T?"),
    );
    const warnings = checkContent(dir)
      .issues.filter((i) => i.severity === "warning")
      .map(formatIssue);
    expect(warnings.some((w) => w.includes("zz-name.prompt"))).toBe(false);
    expect(
      warnings.some((w) =>
        w.includes("zz-bare.prompt: the prompt contains the answer's number (2)"),
      ),
    ).toBe(true);
  });
  it("a glossary name that finds two terms, or a see-also that is also an alias, is an error", () => {
    const dir = copyContent();
    edit(dir, "glossary/l02-parameters.yaml", (s) =>
      s
        .replace("aliases: [bfloat16]", "aliases: [bfloat16, half]")
        .replace("seeAlso: [int8, int4]", "aliases: [int8]\n  seeAlso: [int8, int4]"),
    );
    const errs = errorsOf(dir).join("\n");
    expect(errs).toMatch(/bf16\.aliases: "half" also names glossary term "fp16"/);
    expect(errs).toMatch(
      /quantization\.seeAlso: "int8" is listed both as an alias and as see-also/,
    );
  });
  it("a missing source or explanation is a schema error naming the field", () => {
    const dir = copyContent();
    edit(dir, "questions/l02-parameters.yaml", (s) => s.replace(/\n {2}source: [^\n]*/, ""));
    expect(errorsOf(dir).join("\n")).toMatch(/l02-parameters\.yaml: [a-z0-9-]+\.source: /);
  });
  it("a lesson section without its English half is reported", () => {
    const dir = copyContent();
    edit(dir, "lessons/l02-parameters.md", (s) =>
      s.replace(/### en: Units for parameter counts[\s\S]*?(?=\n## section:)/, ""),
    );
    expect(errorsOf(dir).join("\n")).toMatch(
      /lessons\/l02-parameters\.md: sections\.units: missing en translation/,
    );
  });
});

describe("npm run content:check reads the same directory as npm start", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const run = (dir: string | undefined, env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
      out.push(a.join(" "));
    });
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
      out.push(a.join(" "));
    });
    return { code: contentCheck(dir, env), out: out.join("\n") };
  };

  it("uses CONTENT_DIR when no directory is given; an explicit directory wins", () => {
    const dir = copyContent();
    edit(dir, "questions/l02-parameters.yaml", (s) => s.replace("difficulty: 2", "difficulty: 7"));
    const broken = run(undefined, { CONTENT_DIR: dir });
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(
      /l02-parameters\.yaml: [a-z0-9-]+\.difficulty: difficulty must be 1, 2 or 3/,
    );
    const explicit = run("content", { CONTENT_DIR: dir });
    expect(explicit.code).toBe(0);
    // content/ is a catalogue: one line per course folder it checked.
    expect(explicit.out).toMatch(
      /^content ok \(content\/llm-basics\): course llm-basics \[zh, en\], \d+ lessons/m,
    );
  });

  it("defaults to content/ like npm start (unset or blank CONTENT_DIR)", () => {
    expect(run(undefined, {}).out).toMatch(/^content ok \(content\/llm-basics\): /m);
    expect(run(undefined, { CONTENT_DIR: "  " }).code).toBe(0);
  });
});
