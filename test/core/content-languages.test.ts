// Languages per course: a course declares zh, en or both; each declared language must be present
// in every text (errors name file and field), an undeclared one needs no padding and is filled
// from the course's first language, and `{same: …}` marks text that reads alike in both.
import { describe, expect, it } from "vitest";
import { lintCourse } from "../../src/core/content/lint";
import { type ContentFile, formatIssue, parseCourse } from "../../src/core/content/parse";

function course(languages: string | undefined, question: string, section = ""): ContentFile[] {
  const lang = languages === undefined ? "" : `languages: ${languages}\n`;
  return [
    {
      path: "c/course.yaml",
      text: `id: demo\n${lang}title: { en: Demo, zh: 演示 }\ndescription: { en: A demo course, zh: 演示课程 }\n`,
    },
    {
      path: "c/lessons/l1.md",
      text: `---
id: l1
order: 1
title: { en: First lesson, zh: 第一课 }
summary: { en: What it covers, zh: 内容 }
topics: [{ id: basics, name: { en: Basics, zh: 基础 } }]
sources: ["https://example.org"]
---
## section: intro
### en: Introduction
Some text in English.
${section}`,
    },
    {
      path: "c/questions/l1.yaml",
      text: `- id: q1
  type: true-false
  lesson: l1
  section: intro
  topic: basics
  difficulty: 1
  answer: true
  source: "https://example.org"
${question}`,
    },
  ];
}

const EN_ONLY = `  prompt: { en: The statement is true. }
  explanation: { en: Because the notes say so. }
  wrongRationale: { en: The notes say otherwise. }
  hints: [{ en: Read the notes. }]
`;

function errors(files: ContentFile[]): string[] {
  const { course: c, issues } = parseCourse(files);
  const all = c ? [...issues, ...lintCourse(c)] : issues;
  return all.filter((i) => i.severity === "error").map(formatIssue);
}

describe("languages per course", () => {
  it("an English-only course needs no Chinese text and is filled from English", () => {
    const files = course("[en]", EN_ONLY).map((f) =>
      f.path.endsWith("course.yaml")
        ? { ...f, text: "id: demo\nlanguages: [en]\ntitle: Demo\ndescription: { en: A demo }\n" }
        : f,
    );
    expect(errors(files)).toEqual([]);
    const { course: c } = parseCourse(files);
    expect(c?.languages).toEqual(["en"]);
    // A learner reading Chinese sees the course's first language, not an empty string.
    expect(c?.questions[0].prompt).toEqual({
      en: "The statement is true.",
      zh: "The statement is true.",
    });
    expect(c?.lessons[0].sections[0].body.zh).toBe("Some text in English.");
    expect(c?.title).toEqual({ zh: "Demo", en: "Demo" });
  });

  it("a missing declared language is an error naming the file and the field", () => {
    const errs = errors(course("[zh, en]", EN_ONLY));
    expect(errs).toContain("c/questions/l1.yaml: q1.prompt.zh: missing zh text");
    expect(errs).toContain("c/questions/l1.yaml: q1.hints[0].zh: missing zh text");
    expect(errs).toContain("c/lessons/l1.md: sections.intro: missing zh translation");
  });

  it("a course without `languages` is in both (today's courses keep working)", () => {
    const errs = errors(course(undefined, EN_ONLY));
    expect(errs).toContain("c/questions/l1.yaml: q1.prompt.zh: missing zh text");
  });

  it("names may read the same in both languages: recognised, or marked `same`", () => {
    const both = `  prompt: { en: The file is named like this., zh: 文件名是这样的。 }
  explanation: { same: git commit --amend }
  wrongRationale: { zh: 不对。, en: Not so. }
  hints: [config.json, { zh: 看笔记。, en: Read the notes. }]
`;
    expect(errors(course("[zh, en]", both, "### zh: 介绍\n一些中文。\n"))).toEqual([]);
    // A sentence left in English in a two-language course is still an error.
    const untranslated = both.replace("{ same: git commit --amend }", "amend the last commit");
    expect(errors(course("[zh, en]", untranslated, "### zh: 介绍\n一些中文。\n"))).toContain(
      "c/questions/l1.yaml: q1.explanation: zh and en are identical: missing translation",
    );
  });

  it("an unknown or repeated language is a schema error on course.yaml", () => {
    expect(errors(course("[fr]", EN_ONLY)).join("\n")).toMatch(
      /c\/course\.yaml: languages\[0\]: .*zh or en/,
    );
    expect(errors(course("[en, en]", EN_ONLY)).join("\n")).toMatch(
      /c\/course\.yaml: languages: a language is listed twice/,
    );
  });

  it("`same` with zh/en, or an empty text, says what to write", () => {
    const bad = EN_ONLY.replace(
      "{ en: Because the notes say so. }",
      "{ same: x, en: Because the notes say so. }",
    );
    expect(errors(course("[en]", bad)).join("\n")).toMatch(
      /q1\.explanation: give `same` alone, or zh\/en, not both/,
    );
    expect(
      errors(course("[en]", EN_ONLY.replace("{ en: Read the notes. }", "{}"))).join("\n"),
    ).toMatch(/q1\.hints\[0\]: give the text \(zh, en, or same\)/);
  });
});
