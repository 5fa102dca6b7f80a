// `npm run cli -- content validate` gives content:check's verdict and messages: a folder is
// checked by content:check itself, a zip of a course gets the same messages (paths inside it).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, describe, expect, it, vi } from "vitest";
import { readCourseBundle } from "../../src/app/content-files";
import { contentCheck } from "../../src/cli/content-commands";
import { contentValidate } from "../../src/cli/content-publish-commands";

const work = mkdtempSync(join(tmpdir(), "coursebot-validate-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const capture = () => {
  const out = { log: [] as string[], error: [] as string[] };
  return {
    out,
    sink: { log: (s: string) => out.log.push(s), error: (s: string) => out.error.push(s) },
  };
};

describe("content validate", () => {
  it("accepts the shipped course, as a folder and as a zip", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(contentValidate(["content"], capture().sink)).toBe(0);
    log.mockRestore();
    const zip = join(work, "ok.zip");
    const files = readCourseBundle("content/llm-basics");
    writeFileSync(
      zip,
      zipSync(Object.fromEntries(files.map((f) => [`c/${f.path}`, strToU8(f.text)]))),
    );
    const { out, sink } = capture();
    expect(contentValidate([zip], sink)).toBe(0);
    expect(out.log[0]).toMatch(/^content ok \(.*ok\.zip\): llm-basics, 16 lessons/);
  });

  it("reports a broken course exactly as content:check does, from a folder or a zip", () => {
    const dir = join(work, "broken");
    cpSync("content", dir, { recursive: true });
    const file = join(dir, "llm-basics", "questions", "l01-generative-ai.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/difficulty: 1/, "difficulty: 7"));

    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(contentCheck(dir)).toBe(1);
    const checked = spy.mock.calls.map((c) => String(c[0]));
    spy.mockRestore();
    log.mockRestore();

    expect(checked.join("\n")).toMatch(/difficulty must be 1, 2 or 3 \(got 7\)/);

    const zip = join(work, "broken.zip");
    const files = readCourseBundle(join(dir, "llm-basics"));
    writeFileSync(
      zip,
      zipSync(Object.fromEntries(files.map((f) => [`c/${f.path}`, strToU8(f.text)]))),
    );
    const fromZip = capture();
    expect(contentValidate([zip], fromZip.sink)).toBe(1);
    // The same messages; paths are the course's own (questions/…), not the folder's on this disk.
    const rel = (s: string) => s.replace(/^(error: )\S*?(questions\/)/, "$1$2");
    expect(fromZip.out.error).toEqual(checked.map(rel));
  });
});
