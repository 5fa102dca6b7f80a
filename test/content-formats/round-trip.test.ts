// Round trips of the shipped course: exported to GIFT, Moodle XML and CSV and imported back, every
// question a format can hold comes back the same (texts, ids, answer keys, grading rules); the
// course folder an import writes (both languages, in two runs) passes content:check.
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { lintCourse } from "../../src/core/content/lint";
import { parseCourse } from "../../src/core/content/parse";
import type { Question } from "../../src/core/content/schema";
import { buildCourseFolder } from "../../src/content-formats/course-folder";
import { exportCsv } from "../../src/content-formats/csv-export";
import { importCsv } from "../../src/content-formats/csv-import";
import { exportGift } from "../../src/content-formats/gift-export";
import { importGift } from "../../src/content-formats/gift-import";
import { exportMoodle } from "../../src/content-formats/moodle-export";
import { importMoodle } from "../../src/content-formats/moodle-import";
import type { ImportedQuestions, Lang } from "../../src/content-formats/portable";
import { course, inOneLanguage } from "./helpers";

const shipped = course();
const plain = (v: unknown) => JSON.parse(JSON.stringify(v));

/** Ids of questions that did not come back identical (in `lang`). */
function differences(back: Question[], lang: Lang, holds: (q: Question) => boolean): string[] {
  const byId = new Map(back.map((q) => [q.id, q]));
  return shipped.questions
    .filter(holds)
    .filter((q) => !isDeepStrictEqual(plain(inOneLanguage(q, lang)), plain(byId.get(q.id) ?? null)))
    .map((q) => q.id);
}

/** The shipped question without its glossary links (no format carries the glossary). */
const unlinked = (q: Question) => {
  const { glossary: _links, ...rest } = q;
  return plain(rest);
};

/** Imports each language into one folder (the second run adds its language), then checks it. */
function folderFrom(imports: ImportedQuestions[]) {
  let files = buildCourseFolder(imports[0], shipped.id, "export", []);
  for (const imp of imports.slice(1)) files = buildCourseFolder(imp, shipped.id, "export", files);
  const { course: back, issues } = parseCourse(files.map((f) => ({ ...f, path: `out/${f.path}` })));
  const errors = [...issues, ...(back ? lintCourse(back) : [])].filter(
    (i) => i.severity === "error",
  );
  return { back, errors };
}

const types = (qs: Question[]) => new Set(qs.map((q) => q.type));

describe("GIFT", () => {
  const holds = (q: Question) => q.type !== "ordering";
  for (const lang of ["zh", "en"] as const)
    it(`gives back every non-ordering question unchanged (${lang})`, () => {
      const gift = exportGift(shipped, lang);
      expect(gift.skipped).toEqual(shipped.questions.filter((q) => !holds(q)).map((q) => q.id));
      const back = importGift(gift.text, lang, "course.gift");
      expect(back.questions).toHaveLength(shipped.questions.filter(holds).length);
      expect(types(back.questions)).toEqual(
        new Set(["single", "multiple", "true-false", "numeric", "matching"]),
      );
      expect(differences(back.questions, lang, holds)).toEqual([]);
    });

  it("reads the answer keys from GIFT itself, not only from our metadata comment", () => {
    const text = exportGift(shipped, "en").text.replace(/^\/\/ coursebot: .*$/gm, "");
    const back = importGift(text, "en");
    const original = shipped.questions.filter((q) => q.type !== "ordering");
    expect(back.questions).toHaveLength(original.length);
    back.questions.forEach((q, i) => {
      const o = original[i];
      expect(q.type).toBe(o.type);
      expect(q.prompt.en).toBe(o.prompt.en);
      if (q.type === "single" && o.type === "single")
        expect(q.choices[o.choices.findIndex((c) => c.id === o.answer)].id).toBe(q.answer);
      if (q.type === "true-false" && o.type === "true-false") expect(q.answer).toBe(o.answer);
      if (q.type === "numeric" && o.type === "numeric")
        expect(q.answer.value).toBeCloseTo(o.answer.value, 9);
      if (q.type === "multiple" && o.type === "multiple")
        expect(q.answer).toEqual(
          o.choices.flatMap((c, k) => (o.answer.includes(c.id) ? [q.choices[k].id] : [])),
        );
    });
  });

  it("two languages imported in two runs make the shipped questions again", () => {
    const [zh, en] = (["zh", "en"] as const).map((l) => importGift(exportGift(shipped, l).text, l));
    const { back, errors } = folderFrom([zh, en]);
    expect(errors).toEqual([]);
    const want = shipped.questions.filter((q) => q.type !== "ordering").map(unlinked);
    expect(back!.questions.map(plain)).toEqual(want);
  });
});

describe("Moodle XML", () => {
  for (const lang of ["zh", "en"] as const)
    it(`gives back every question unchanged (${lang})`, () => {
      const back = importMoodle(exportMoodle(shipped, lang), lang, "course.xml");
      expect(back.questions).toHaveLength(shipped.questions.length);
      expect(types(back.questions)).toEqual(types(shipped.questions));
      expect(back.warnings).toEqual([]);
      expect(differences(back.questions, lang, () => true)).toEqual([]);
    });

  it("two languages imported in two runs make the shipped questions again", () => {
    const [en, zh] = (["en", "zh"] as const).map((l) => importMoodle(exportMoodle(shipped, l), l));
    const { back, errors } = folderFrom([en, zh]);
    expect(errors).toEqual([]);
    expect(back!.languages).toEqual(["en", "zh"]);
    expect(back!.questions.map(plain)).toEqual(shipped.questions.map(unlinked));
    expect(back!.lessons.map((l) => l.title)).toEqual(shipped.lessons.map((l) => l.title));
  });
});

describe("CSV", () => {
  it("holds both languages and gives back every question unchanged", () => {
    const csv = exportCsv(shipped, ["zh", "en"]);
    const imports = importCsv(csv, undefined, "course.csv");
    expect(imports.map((i) => i.lang)).toEqual(["zh", "en"]);
    const { back, errors } = folderFrom(imports);
    expect(errors).toEqual([]);
    expect(back!.questions.map(plain)).toEqual(shipped.questions.map(unlinked));
  });

  it("--lang picks one language's columns", () => {
    const [only] = importCsv(exportCsv(shipped, ["zh", "en"]), "en");
    expect(only.lang).toBe("en");
    expect(differences(only.questions, "en", () => true)).toEqual([]);
  });
});
