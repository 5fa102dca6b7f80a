// Turns imported questions into a course folder that `content:check` accepts (course.yaml with
// `languages`, lessons/, questions/, glossary/), or adds a second language to a folder an earlier
// import wrote: questions are matched by id, else by position, and must have the same shape
// (type, choice ids, answer key); their texts in the new language are added. Pure: the CLI reads
// the existing folder and writes what this returns.
import matter from "gray-matter";
import { CORE_SCHEMA, dump, load } from "js-yaml";
import type { ContentFile } from "../core/content/parse";
import type { Question } from "../core/content/schema";
import { FormatError, type ImportedQuestions, type Lang } from "./portable";

type Raw = Record<string, unknown>;

interface LessonDraft {
  id: string;
  title: Raw;
  summary: Raw;
  sources: string[];
}

interface Folder {
  course: Raw;
  lessons: LessonDraft[];
  /** Questions as written in YAML ({en: …} texts), in lesson order. */
  questions: Raw[];
}

const isTexts = (v: unknown): v is { zh: string; en: string } =>
  !!v &&
  typeof v === "object" &&
  !Array.isArray(v) &&
  Object.keys(v).length === 2 &&
  "zh" in v &&
  "en" in v;

/** A question as YAML writes it: each text keeps only the languages it has. */
function compact(v: unknown): unknown {
  if (isTexts(v)) return Object.fromEntries(Object.entries(v).filter(([, t]) => t.trim()));
  if (Array.isArray(v)) return v.map(compact);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, compact(x)]));
  return v;
}

/** "paper-numbers" → "Paper numbers": a readable name for an id the file gave no title for. */
const humanize = (id: string) => (id.charAt(0).toUpperCase() + id.slice(1)).replace(/-/g, " ");

const yaml = (v: unknown) => dump(v, { lineWidth: -1, noRefs: true, quotingType: '"' });

/** Keys kept from the first import when a second language is added (never compared). */
const KEEP_FIRST = new Set([
  "lesson",
  "section",
  "topic",
  "source",
  "difficulty",
  "errata",
  "tolerance",
  "unitKind",
  "scoring",
]);

/**
 * Copies the new language's texts from `add` into `into` (a question read back from YAML).
 * Everything that is not text must agree, or the two files do not hold the same question.
 */
function mergeTexts(into: unknown, add: unknown, lang: Lang, path: string): void {
  if (isTexts(add)) {
    if (!add[lang].trim()) return;
    if (!into || typeof into !== "object" || Array.isArray(into) || "same" in into) return;
    const text = into as Raw;
    // The same words in both files (a name, code, a file name): say so, as an author would.
    const other = Object.entries(text).find(([l]) => l !== lang)?.[1];
    if (other === add[lang] && Object.keys(text).length === 1) {
      for (const k of Object.keys(text)) delete text[k];
      text.same = add[lang];
    } else text[lang] = add[lang];
    return;
  }
  if (Array.isArray(add)) {
    if (!Array.isArray(into) || into.length !== add.length)
      throw new FormatError(
        path,
        `has ${Array.isArray(into) ? into.length : 0} entries in the course, ${add.length} here`,
      );
    add.forEach((x, i) => mergeTexts(into[i], x, lang, `${path}[${i}]`));
    return;
  }
  if (add && typeof add === "object") {
    for (const [k, x] of Object.entries(add)) {
      if (KEEP_FIRST.has(k) || (k === "id" && !path.includes("."))) continue;
      if (k === "answer" && JSON.stringify(x) !== JSON.stringify((into as Raw)[k]))
        throw new FormatError(`${path}.answer`, "the answer key differs from the course's");
      mergeTexts((into as Raw)?.[k], x, lang, `${path}.${k}`);
    }
    return;
  }
  if (add !== into)
    throw new FormatError(path, `is ${String(add)} here, ${String(into)} in the course`);
}

function readFolder(files: ContentFile[]): Folder | undefined {
  const courseFile = files.find((f) => /(^|\/)course\.ya?ml$/.test(f.path));
  if (!courseFile) return undefined;
  const course = load(courseFile.text, { schema: CORE_SCHEMA }) as Raw;
  const lessons = files
    .filter((f) => /(^|\/)lessons\/[^/]+\.md$/.test(f.path))
    .map((f) => matter(f.text).data as Raw & { order: number })
    .sort((a, b) => a.order - b.order)
    .map((d) => ({
      id: String(d.id),
      title: d.title as Raw,
      summary: d.summary as Raw,
      sources: d.sources as string[],
    }));
  const order = new Map(lessons.map((l, i) => [l.id, i]));
  const questions = files
    .filter((f) => /(^|\/)questions\/[^/]+\.ya?ml$/.test(f.path))
    .flatMap((f) => (load(f.text, { schema: CORE_SCHEMA }) as Raw[] | null) ?? [])
    .sort((a, b) => (order.get(String(a.lesson)) ?? 0) - (order.get(String(b.lesson)) ?? 0));
  return { course, lessons, questions };
}

function firstImport(imp: ImportedQuestions, courseId: string, fileName: string): Folder {
  const { lang } = imp;
  return {
    course: {
      id: courseId,
      languages: [lang],
      title: { [lang]: courseId },
      description: {
        [lang]:
          lang === "zh" ? `从 ${fileName} 导入的题目。` : `Questions imported from ${fileName}.`,
      },
    },
    lessons: [...imp.lessons].map(([id, title]) => ({
      id,
      title: { [lang]: title },
      summary: { [lang]: title },
      sources: [fileName],
    })),
    // id and type first, as an author writes them.
    questions: imp.questions.map((q) => {
      const { id, type, ...rest } = q;
      return compact({ id, type, ...rest }) as Raw;
    }),
  };
}

function addLanguage(folder: Folder, imp: ImportedQuestions): void {
  const { lang } = imp;
  if (imp.questions.length !== folder.questions.length)
    throw new FormatError(
      "questions",
      `this file has ${imp.questions.length} questions the course can hold, the course ${folder.questions.length}: they must be the same questions`,
    );
  const byId = new Map(folder.questions.map((q) => [String(q.id), q]));
  const lessonOf = new Map<string, string>();
  imp.questions.forEach((q, i) => {
    const target = byId.get(q.id) ?? folder.questions[i];
    const where = `question ${i + 1} (${q.id})`;
    if (target.type !== q.type)
      throw new FormatError(where, `is ${q.type} here but ${String(target.type)} in the course`);
    mergeTexts(target, q, lang, where);
    lessonOf.set(q.lesson, String(target.lesson));
  });
  for (const [importedId, title] of imp.lessons) {
    const lesson = folder.lessons.find((l) => l.id === (lessonOf.get(importedId) ?? importedId));
    if (lesson) {
      lesson.title[lang] ??= title;
      lesson.summary[lang] ??= title;
    }
  }
  const course = folder.course;
  const languages = (course.languages as Lang[] | undefined) ?? ["zh", "en"];
  if (!languages.includes(lang)) course.languages = [...languages, lang];
  const first = languages[0];
  (course.title as Raw)[lang] ??= (course.title as Raw)[first];
  (course.description as Raw)[lang] ??= lang === "zh" ? "导入的题目。" : "Imported questions.";
}

/** One section per section id the lesson's questions use; its notes are their explanations. */
function lessonMarkdown(
  lesson: LessonDraft,
  order: number,
  questions: Raw[],
  langs: Lang[],
): string {
  const own = questions.filter((q) => q.lesson === lesson.id);
  const topics = [...new Set(own.map((q) => String(q.topic)))].map((id) => ({
    id,
    name: id === lesson.id ? lesson.title : { same: humanize(id) },
  }));
  const front = yaml({
    id: lesson.id,
    order,
    title: lesson.title,
    summary: lesson.summary,
    topics,
    sources: lesson.sources,
  });
  const sections = [...new Set(own.map((q) => String(q.section)))].map((section, n) => {
    const parts = langs.map((l) => {
      const notes = own
        .filter((q) => q.section === section)
        .map((q) => {
          const text = (t: unknown) =>
            (t as Raw | undefined)?.[l] ?? (t as Raw | undefined)?.same ?? "";
          return `**${text(q.prompt)}**\n\n${text(q.explanation)}`;
        })
        .join("\n\n");
      // The file named no sections: "main" takes the lesson's title, others their number.
      const title =
        section === "main"
          ? String(lesson.title[l] ?? lesson.id)
          : l === "zh"
            ? `第 ${n + 1} 节`
            : humanize(section);
      return `### ${l}: ${title}\n${notes}\n`;
    });
    return `## section: ${section}\n${parts.join("\n")}`;
  });
  return `---\n${front}---\n\n${sections.join("\n")}`;
}

/**
 * The course folder's files (paths relative to the folder). `existing` is what the folder holds
 * now (empty for a new folder): with a course.yaml in it, the import adds its language.
 */
export function buildCourseFolder(
  imp: ImportedQuestions,
  courseId: string,
  fileName: string,
  existing: ContentFile[],
): ContentFile[] {
  const found = readFolder(existing);
  if (found && found.course.id !== courseId)
    throw new FormatError(
      "course.yaml",
      `the folder holds course "${String(found.course.id)}", not "${courseId}"`,
    );
  const folder = found ?? firstImport(imp, courseId, fileName);
  if (found) addLanguage(found, imp);
  const langs = folder.course.languages as Lang[];
  const files: ContentFile[] = [
    {
      path: "course.yaml",
      text: `# Written by \`content import\` from ${fileName}.\n${yaml(folder.course)}`,
    },
  ];
  folder.lessons.forEach((lesson, i) => {
    files.push({
      path: `lessons/${lesson.id}.md`,
      text: lessonMarkdown(lesson, i + 1, folder.questions, langs),
    });
    const own = folder.questions.filter((q) => q.lesson === lesson.id);
    files.push({
      path: `questions/${lesson.id}.yaml`,
      text: `# Questions of lesson ${lesson.id}, imported from ${fileName}.\n${yaml(own)}`,
    });
    files.push({
      path: `glossary/${lesson.id}.yaml`,
      text: `# Glossary terms of lesson ${lesson.id} (the imported file had none).\n[]\n`,
    });
  });
  return files;
}

export type { Question };
