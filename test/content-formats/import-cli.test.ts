// `content import` and `content export --format`: bad input gets an error naming the line or
// element and leaves the output folder as it was; a good file makes a folder content:check
// accepts, and a second run in the other language adds it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { contentCheck } from "../../src/cli/content-commands";
import { contentExportFormat, contentImport } from "../../src/cli/format-commands";

let dir: string;
let errors: string[];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "coursebot-import-"));
  errors = [];
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
    errors.push(a.join(" "));
  });
  vi.spyOn(console, "log").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const out = () => join(dir, "course");
/** Every file under d with its text, to show a failed import changed nothing. */
const snapshot = (d: string) =>
  readdirSync(d, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), "utf8")])
    .sort();

const GIFT_EN = `$CATEGORY: Git basics

::git-init:: Which command creates a new repository? {
=git init#
~git clone#That copies an existing repository.
~git commit#That records changes.
####git init creates the .git folder.
}

::git-tf:: A commit records a snapshot of the staged files. {TRUE#It does\\: a commit is a snapshot.}
`;
const GIFT_ZH = `$CATEGORY: Git 入门

::git-init:: 哪个命令新建一个仓库？ {
=git init
~git clone#它复制已有的仓库。
~git commit#它记录改动。
####git init 会创建 .git 目录。
}

::git-tf:: 一次提交记录的是暂存文件的快照。 {TRUE#是的：提交就是快照。}
`;

describe("content import", () => {
  it("writes a one-language course folder, then adds the other language", () => {
    const en = write("git.gift", GIFT_EN);
    expect(contentImport([en, "--course", "git", "--lang", "en", "--out", out()])).toBe(0);
    expect(readFileSync(join(out(), "course.yaml"), "utf8")).toMatch(/languages:\n {2}- en\n/);
    expect(contentCheck(out())).toBe(0);
    const zh = write("git-zh.gift", GIFT_ZH);
    expect(contentImport([zh, "--course", "git", "--lang", "zh", "--out", out()])).toBe(0);
    const questions = readFileSync(join(out(), "questions/git-basics.yaml"), "utf8");
    expect(questions).toContain("哪个命令新建一个仓库？");
    expect(questions).toContain("Which command creates a new repository?");
    // The same text in both files is marked as such, not flagged as untranslated.
    expect(questions).toContain("same: git init");
    expect(contentCheck(out())).toBe(0);
  });

  it("bad GIFT: names the line and column, writes nothing", () => {
    const bad = write("bad.gift", "::q1:: Broken question {\n=right\n~wrong\n");
    expect(contentImport([bad, "--course", "x", "--lang", "en", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/line \d+, column \d+: not valid GIFT/);
    expect(errors.join("\n")).toMatch(/nothing was written/);
    expect(existsSync(out())).toBe(false);
  });

  it("GIFT with no right answer: names the question's line", () => {
    const bad = write("none.gift", "\n\n::q1:: Pick one {\n~a\n~b\n}\n");
    expect(contentImport([bad, "--course", "x", "--lang", "en", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/line 3 \(q1\): no answer is marked right/);
    expect(existsSync(out())).toBe(false);
  });

  it("bad Moodle XML: names the line; an element without its text: names the element", () => {
    const broken = write("broken.xml", "<quiz>\n<question type='truefalse'>\n</quiz>\n");
    expect(contentImport([broken, "--course", "x", "--lang", "en", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/line \d+, column \d+: not valid XML/);
    const empty = write(
      "empty.xml",
      "<quiz><question type='truefalse'><name><text>T1</text></name>" +
        "<questiontext><text></text></questiontext></question></quiz>",
    );
    expect(contentImport([empty, "--course", "x", "--lang", "en", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/<question> 1 \(T1\): <questiontext> is empty/);
    expect(existsSync(out())).toBe(false);
  });

  it("bad CSV cell: names the line, the column and what is allowed", () => {
    const csv = write("bad.csv", "id,type,answer,prompt_en\nq1,single-ish,a,What?\n");
    expect(contentImport([csv, "--course", "x", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/line 2 \(q1\), column type: must be one of single/);
  });

  it("a second-language file that does not match leaves the folder as it was", () => {
    const en = write("git.gift", GIFT_EN);
    expect(contentImport([en, "--course", "git", "--lang", "en", "--out", out()])).toBe(0);
    const before = snapshot(out());
    const other = write(
      "other.gift",
      GIFT_ZH.replace("=git init\n~git clone", "~git init\n=git clone"),
    );
    expect(contentImport([other, "--course", "git", "--lang", "zh", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/question 1 \(git-init\)\.answer: the answer key differs/);
    expect(snapshot(out())).toEqual(before);
  });

  it("refuses a folder that holds another course", () => {
    const en = write("git.gift", GIFT_EN);
    expect(contentImport([en, "--course", "git", "--lang", "en", "--out", out()])).toBe(0);
    expect(contentImport([en, "--course", "svn", "--lang", "en", "--out", out()])).toBe(1);
    expect(errors.join("\n")).toMatch(/holds course "git", not "svn"/);
  });
});

describe("content export --format", () => {
  it("prints GIFT for the course and refuses an unknown format or course", () => {
    const printed: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => {
      printed.push(String(s));
      return true;
    });
    expect(
      contentExportFormat(["--course", "llm-basics", "--format", "gift", "--lang", "zh"]),
    ).toBe(0);
    expect(printed.join("")).toMatch(/^\$CATEGORY: /);
    expect(errors.join("\n")).toMatch(/ordering question\(s\) left out/);
    expect(contentExportFormat(["--course", "llm-basics", "--format", "docx"])).toBe(1);
    expect(errors.join("\n")).toMatch(/--format: must be gift, moodle or csv/);
    expect(contentExportFormat(["--course", "nope", "--format", "gift"])).toBe(1);
    expect(errors.join("\n")).toMatch(/no course "nope"/);
  });
});
