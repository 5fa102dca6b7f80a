// docs/authoring.md cannot rot: its course.yaml, lesson, every question example and the glossary
// example are assembled into one course and checked by the same code as `npm run content:check`;
// the examples must cover every question type.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { lintCourse } from "../../src/core/content/lint";
import { type ContentFile, formatIssue, parseCourse } from "../../src/core/content/parse";
import { QUESTION_TYPES } from "../../src/core/question-types/registry";

const guide = readFileSync("docs/authoring.md", "utf8");
const blocks = (lang: string) =>
  [...guide.matchAll(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``, "g"))].map((m) => m[1]);

describe("docs/authoring.md", () => {
  const yamlBlocks = blocks("yaml");
  const courseYaml = yamlBlocks.filter((b) => /^id: /m.test(b) && /^languages:/m.test(b));
  const questions = yamlBlocks.filter((b) => /^- id: guide-/.test(b));
  const glossary = yamlBlocks.filter((b) => /^- id: /.test(b) && !/^- id: guide-/.test(b));
  const lessons = blocks("markdown");

  it("has one course.yaml, one lesson, one glossary example and one question per type", () => {
    expect(courseYaml).toHaveLength(1);
    expect(lessons).toHaveLength(1);
    expect(glossary).toHaveLength(1);
    const types = questions.map((q) => (load(q) as { type: string }[])[0].type);
    expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
  });

  it("every example is valid: no schema or lint error", () => {
    const files: ContentFile[] = [
      { path: "guide/course.yaml", text: courseYaml[0] },
      { path: "guide/lessons/l1-basics.md", text: lessons[0] },
      ...questions.map((text, i) => ({ path: `guide/questions/example-${i}.yaml`, text })),
      { path: "guide/glossary/terms.yaml", text: glossary[0] },
    ];
    const { course, issues } = parseCourse(files);
    const all = course ? [...issues, ...lintCourse(course)] : issues;
    expect(all.filter((i) => i.severity === "error").map(formatIssue)).toEqual([]);
    expect(course?.questions).toHaveLength(QUESTION_TYPES.length);
    expect(course?.glossary).toHaveLength(1);
  });
});
