// Moodle XML written by Moodle itself (fixtures from Moodle's own tests, GPL-3.0-or-later, source
// named in each file) and a file built from the documented format (docs.moodle.org "Moodle XML
// format") import into a course folder that content:check accepts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { lintCourse } from "../../src/core/content/lint";
import { parseCourse } from "../../src/core/content/parse";
import { buildCourseFolder } from "../../src/content-formats/course-folder";
import { importMoodle } from "../../src/content-formats/moodle-import";
import type { ImportedQuestions } from "../../src/content-formats/portable";

const fixture = (name: string) => readFileSync(`test/fixtures/moodle/${name}`, "utf8");

function check(imp: ImportedQuestions) {
  const files = buildCourseFolder(imp, "imported", "moodle.xml", []);
  const { course, issues } = parseCourse(files.map((f) => ({ ...f, path: `out/${f.path}` })));
  const all = [...issues, ...(course ? lintCourse(course) : [])];
  return { course, errors: all.filter((i) => i.severity === "error") };
}

describe("Moodle's own export files", () => {
  it("nested categories: true/false questions imported, the essay skipped with a warning", () => {
    const imp = importMoodle(fixture("nested_categories_with_questions.xml"), "en", "nested.xml");
    expect(imp.questions.map((q) => [q.id, q.type, q.lesson, q.prompt.en])).toEqual([
      ["iota-question", "true-false", "iota", "Testing Iota Question"],
      ["kappa-question", "true-false", "kappa", "Testing Kappa Question"],
      ["lambda-question", "true-false", "lambda", "Testing Lambda Question"],
      ["mu-question", "true-false", "mu", "Testing Mu Question"],
    ]);
    expect(imp.questions.every((q) => q.type === "true-false" && q.answer === true)).toBe(true);
    expect(imp.warnings.join("\n")).toMatch(/Kappa Essay Question.*"essay".*skipped/);
    const { course, errors } = check(imp);
    expect(errors).toEqual([]);
    expect(course!.lessons.map((l) => l.title.en)).toEqual(["Iota", "Kappa", "Lambda", "Mu"]);
  });

  it("ordering (qtype_ordering): items in order, hints and feedback kept, HTML reduced", () => {
    const imp = importMoodle(fixture("ordering.xml"), "en", "ordering.xml");
    const [q] = imp.questions;
    expect(q.type).toBe("ordering");
    if (q.type !== "ordering") return;
    expect(q.id).toBe("myid");
    expect(q.answer.map((id) => q.items.find((i) => i.id === id)!.text.en)).toEqual([
      "Modular",
      "Object",
      "Oriented",
      "Dynamic",
      "Learning",
      "Environment",
    ]);
    expect(q.hints.map((h) => h.en)).toEqual(["Hint 1", "Hint 2"]);
    expect(q.wrongRationale.en).toBe("That is not right at all.");
    expect(q.explanation.en).toContain('"Modular Object Oriented Dynamic Learning Environment"');
    expect(check(imp).errors).toEqual([]);
  });
});

// Built by the documented schema: multichoice (one and several answers), numerical with a unit,
// matching with a distractor, HTML with entities.
const DOCUMENTED = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Units &amp; sizes</text></category></question>
  <question type="multichoice">
    <name><text>Bytes per fp16 weight</text></name>
    <questiontext format="html"><text><![CDATA[<p>How many bytes does one <b>fp16</b> weight take?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>16 bits &#61; 2 bytes.</text></generalfeedback>
    <single>true</single>
    <answer fraction="100"><text>2</text><feedback><text>Right.</text></feedback></answer>
    <answer fraction="0"><text>4</text><feedback><text>That is fp32.</text></feedback></answer>
    <answer fraction="0"><text>1</text></answer>
  </question>
  <question type="multichoice">
    <name><text>Half precision formats</text></name>
    <questiontext format="plain_text"><text>Which are 16-bit formats?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>fp16</text></answer>
    <answer fraction="50"><text>bf16</text></answer>
    <answer fraction="-100"><text>fp32</text></answer>
  </question>
  <question type="numerical">
    <name><text>7B in fp16</text></name>
    <questiontext format="plain_text"><text>How many GB does a 7B model take in fp16?</text></questiontext>
    <answer fraction="100"><text>14</text><tolerance>0.14</tolerance></answer>
    <answer fraction="0"><text>28</text><tolerance>0</tolerance><feedback><text>That is fp32.</text></feedback></answer>
    <units><unit><multiplier>1</multiplier><unit_name>GB</unit_name></unit></units>
  </question>
  <question type="matching">
    <name><text>Prefixes</text></name>
    <questiontext format="plain_text"><text>Match each prefix with its power of ten.</text></questiontext>
    <subquestion><text>M</text><answer><text>10^6</text></answer></subquestion>
    <subquestion><text>B</text><answer><text>10^9</text></answer></subquestion>
    <subquestion><text></text><answer><text>10^3</text></answer></subquestion>
  </question>
</quiz>`;

describe("a file built from Moodle's documented format", () => {
  it("imports every type with its answer key, and fills what the schema needs", () => {
    const imp = importMoodle(DOCUMENTED, "en", "units.xml");
    const [single, multiple, numeric, matching] = imp.questions;
    expect(single).toMatchObject({ type: "single", answer: "a", lesson: "units-sizes" });
    expect(single.prompt.en).toBe("How many bytes does one fp16 weight take?");
    expect(single.explanation.en).toBe("16 bits = 2 bytes.");
    expect(multiple).toMatchObject({ type: "multiple", answer: ["a", "b"] });
    expect(numeric).toMatchObject({ type: "numeric", answer: { value: 14, unit: "GB" } });
    if (numeric.type === "numeric") {
      expect(numeric.tolerance).toBeCloseTo(0.01, 6);
      expect(numeric.mistakes).toMatchObject([{ value: 28, rationale: { en: "That is fp32." } }]);
    }
    expect(matching.type).toBe("matching");
    if (matching.type === "matching") {
      expect(matching.right.map((r) => r.text.en)).toEqual(["10^6", "10^9", "10^3"]);
      expect(matching.answer).toEqual({ a: "r1", b: "r2" });
    }
    // Missing hints and rationales are filled from the answer key and listed for review.
    expect(imp.warnings.some((w) => /Bytes per fp16 weight.*filled in.*hints/.test(w))).toBe(true);
    expect(check(imp).errors).toEqual([]);
  });
});
