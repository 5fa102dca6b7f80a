// Uploads become content files: a zip of the course folder (any top folder), or one file that
// replaces the file of the same name (question and glossary files share names, so the kind of
// file decides), with refusals in content-check words for what cannot be a course.
import { readFileSync } from "node:fs";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { readCourseBundle } from "../../src/app/content-files";
import { filesFromUpload, sameFiles } from "../../src/core/content/bundle";
import { checkFiles } from "../../src/core/content/check";

const current = readCourseBundle("content/llm-basics");
const zipOf = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])));
const errors = (r: ReturnType<typeof filesFromUpload>) =>
  "issues" in r ? r.issues.map((i) => `${i.file}: ${i.message}`) : [];

describe("content bundles from uploads", () => {
  it("reads a zip of the course folder under any top folder, leaving other files out", () => {
    const zip = zipOf({
      ...Object.fromEntries(current.map((f) => [`my-course/${f.path}`, f.text])),
      "my-course/README.md": "# notes for the team",
      "__MACOSX/my-course/._course.yaml": "junk",
      "my-course/lessons/.DS_Store.md": "junk",
    });
    const r = filesFromUpload("course.zip", zip, []);
    if (!("files" in r)) throw new Error(errors(r).join("\n"));
    expect(sameFiles(r.files, current)).toBe(true);
    expect(checkFiles(r.files).index?.course.questions.length).toBe(
      checkFiles(current).index?.course.questions.length,
    );
  });

  it("puts one question file where the question file of that name is, not the glossary's", () => {
    const path = current.find((f) => f.path.startsWith("questions/"))!.path;
    const name = path.split("/").pop()!;
    expect(current.some((f) => f.path === `glossary/${name}`)).toBe(true);
    const text = readFileSync(`content/llm-basics/${path}`, "utf8");
    const r = filesFromUpload(name, strToU8(`# edited\n${text}`), current);
    if (!("files" in r)) throw new Error(errors(r).join("\n"));
    expect(r.files.find((f) => f.path === path)?.text.startsWith("# edited")).toBe(true);
    expect(r.files.find((f) => f.path === `glossary/${name}`)?.text).toBe(
      current.find((f) => f.path === `glossary/${name}`)?.text,
    );
    expect(r.files).toHaveLength(current.length);
  });

  it("puts one glossary file in glossary/ and a new question file in questions/", () => {
    const gPath = current.find((f) => f.path.startsWith("glossary/"))!.path;
    const g = filesFromUpload(
      gPath.split("/").pop()!,
      strToU8(`# g\n${readFileSync(`content/llm-basics/${gPath}`, "utf8")}`),
      current,
    );
    if (!("files" in g)) throw new Error(errors(g).join("\n"));
    expect(g.files.find((f) => f.path === gPath)?.text.startsWith("# g")).toBe(true);
    const q = filesFromUpload(
      "extra.yaml",
      strToU8("- id: x\n  prompt: { zh: 问, en: Q }\n"),
      current,
    );
    if (!("files" in q)) throw new Error(errors(q).join("\n"));
    expect(q.files.some((f) => f.path === "questions/extra.yaml")).toBe(true);
  });

  it("refuses what is not a course, in plain words", () => {
    expect(errors(filesFromUpload("course.zip", strToU8("PK\u0003\u0004 broken"), []))).toEqual([
      "course.zip: not a valid zip file",
    ]);
    expect(errors(filesFromUpload("c.zip", zipOf({ "a/notes.md": "x" }), []))).toEqual([
      "c.zip: no course.yaml found (zip the course's folder)",
    ]);
    expect(errors(filesFromUpload("q.yaml", new Uint8Array([0xff, 0xfe, 0x00]), current))).toEqual([
      "q.yaml: not UTF-8 text",
    ]);
    expect(errors(filesFromUpload("list.yaml", strToU8("- a\n- b\n"), current))[0]).toMatch(
      /cannot tell which course file this is/,
    );
    expect(errors(filesFromUpload("photo.png", strToU8("x"), current))[0]).toMatch(
      /upload a \.yaml or \.yml file/,
    );
  });
});
