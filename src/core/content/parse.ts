// Turns content file texts into a Course, or a list of issues that name the file and field.
// Pure: the caller reads the files (src/app/content-files.ts) and passes {path, text} pairs.
import matter from "gray-matter";
import { CORE_SCHEMA, load } from "js-yaml";
import type { z } from "zod";
import type { Locale } from "../i18n";
import { fillLanguages, fillText } from "./languages";
import type { Course, Lesson, Section } from "./model";
import { contentErrorMap, courseSchema, glossarySchema, lessonFrontMatterSchema } from "./schema";
import { questionFileSchema } from "../question-types/registry";

/** Plain messages for enums and ranges (see contentErrorMap). */
const plain = { error: contentErrorMap };

export interface ContentFile {
  path: string;
  text: string;
}
export interface ContentIssue {
  file: string;
  field: string;
  message: string;
  severity: "error" | "warning";
}

export function formatIssue(i: ContentIssue): string {
  return `${i.file}: ${i.field ? `${i.field}: ` : ""}${i.message}`;
}

function zodIssues(file: string, error: z.ZodError, prefix = ""): ContentIssue[] {
  return error.issues.map((i) => ({
    file,
    field:
      prefix +
      i.path
        .map((p, n) => (typeof p === "number" ? `[${p}]` : `${n ? "." : ""}${String(p)}`))
        .join(""),
    message: i.message,
    severity: "error" as const,
  }));
}

function yamlOf(file: ContentFile, issues: ContentIssue[]): unknown {
  try {
    // js-yaml parses the course about four times faster than the yaml package (start-up time).
    return load(file.text, { schema: CORE_SCHEMA, filename: file.path });
  } catch (e) {
    issues.push({
      file: file.path,
      field: "",
      message: `not valid YAML: ${(e as Error).message.split("\n")[0]}`,
      severity: "error",
    });
    return undefined;
  }
}

const SECTION_RE = /^## section:\s*(\S+)\s*$/;
const LANG_RE = /^### (zh|en):\s*(.+?)\s*$/;

/**
 * Splits a lesson body into sections: `## section: id`, then `### zh: title` and `### en: title`
 * (one heading per language the course declares).
 */
export function parseSections(
  file: string,
  lessonId: string,
  body: string,
  issues: ContentIssue[],
  languages: readonly Locale[] = ["zh", "en"],
): Section[] {
  const sections: Section[] = [];
  let current:
    | { id: string; parts: Partial<Record<"zh" | "en", { title: string; lines: string[] }>> }
    | undefined;
  let lang: "zh" | "en" | undefined;
  const flush = () => {
    if (!current) return;
    const { zh, en } = current.parts;
    const field = `sections.${current.id}`;
    const missing = languages.filter((l) => !current!.parts[l]);
    if (missing.length > 0)
      issues.push({
        file,
        field,
        message: `missing ${missing.join(" and ")} translation`,
        severity: "error",
      });
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(current.id))
      issues.push({
        file,
        field,
        message: "section id must be a lowercase slug",
        severity: "error",
      });
    const text = (p?: { lines: string[] }) => (p?.lines.join("\n") ?? "").trim();
    for (const l of ["zh", "en"] as const) {
      if (current.parts[l] && !text(current.parts[l]))
        issues.push({
          file,
          field: `${field}.${l}`,
          message: "section text is empty",
          severity: "error",
        });
    }
    const section = {
      id: current.id,
      lessonId,
      title: { zh: zh?.title ?? "", en: en?.title ?? "" },
      body: { zh: text(zh), en: text(en) },
    };
    // Missing declared languages were reported above; fill the undeclared ones.
    if (missing.length === 0) {
      fillText(section.title, languages, file, `${field}.title`, []);
      fillText(section.body, languages, file, `${field}.body`, []);
    }
    sections.push(section);
  };
  for (const line of body.split(/\r?\n/)) {
    const s = SECTION_RE.exec(line);
    if (s) {
      flush();
      current = { id: s[1], parts: {} };
      lang = undefined;
      continue;
    }
    const l = LANG_RE.exec(line);
    if (l && current) {
      lang = l[1] as "zh" | "en";
      if (current.parts[lang])
        issues.push({
          file,
          field: `sections.${current.id}.${lang}`,
          message: "language given twice",
          severity: "error",
        });
      current.parts[lang] = { title: l[2], lines: [] };
      continue;
    }
    if (current && lang) current.parts[lang]!.lines.push(line);
    else if (line.trim() && !current)
      issues.push({
        file,
        field: "body",
        message: "text before the first `## section: <id>` heading",
        severity: "error",
      });
  }
  flush();
  if (sections.length === 0)
    issues.push({
      file,
      field: "sections",
      message: "a lesson needs at least one `## section: <id>`",
      severity: "error",
    });
  return sections;
}

function parseLesson(
  file: ContentFile,
  issues: ContentIssue[],
  languages: readonly Locale[],
): Lesson | undefined {
  let fm: { data: unknown; content: string };
  try {
    fm = matter(file.text);
  } catch (e) {
    issues.push({
      file: file.path,
      field: "front matter",
      message: `not valid YAML: ${(e as Error).message.split("\n")[0]}`,
      severity: "error",
    });
    return undefined;
  }
  const meta = lessonFrontMatterSchema.safeParse(fm.data, plain);
  if (!meta.success) {
    issues.push(...zodIssues(file.path, meta.error));
    return undefined;
  }
  fillLanguages(meta.data, languages, file.path, "", issues);
  const sections = parseSections(file.path, meta.data.id, fm.content, issues, languages);
  return { ...meta.data, sections, file: file.path };
}

/** Builds the course from its files; returns issues instead of throwing. */
export function parseCourse(files: ContentFile[]): { course?: Course; issues: ContentIssue[] } {
  const issues: ContentIssue[] = [];
  const courseFile = files.find((f) => /(^|\/)course\.ya?ml$/.test(f.path));
  if (!courseFile)
    return {
      issues: [
        { file: "content/course.yaml", field: "", message: "file is missing", severity: "error" },
      ],
    };
  const rawCourse = yamlOf(courseFile, issues);
  const courseData = courseSchema.safeParse(rawCourse, plain);
  if (!courseData.success) {
    issues.push(...zodIssues(courseFile.path, courseData.error));
  }
  // Lessons, questions and glossary are checked against the declared languages; when course.yaml
  // itself is broken, against its `languages` if those are readable, else both (the errors above
  // say why it did not load), so one typo there does not bury the real errors under others.
  const languages: Locale[] = courseData.success
    ? courseData.data.languages
    : (courseSchema.shape.languages.safeParse(
        (rawCourse as { languages?: unknown } | undefined)?.languages,
      ).data ?? ["zh", "en"]);
  if (courseData.success) fillLanguages(courseData.data, languages, courseFile.path, "", issues);

  const lessons: Lesson[] = [];
  for (const f of files.filter((f) => f.path.endsWith(".md") && /(^|\/)lessons\//.test(f.path))) {
    const lesson = parseLesson(f, issues, languages);
    if (lesson) lessons.push(lesson);
  }
  const questionFile = new Map<string, string>();
  const questions: Course["questions"] = [];
  for (const f of files.filter((f) => /(^|\/)questions\/.+\.ya?ml$/.test(f.path))) {
    const parsed = questionFileSchema.safeParse(yamlOf(f, issues), plain);
    if (!parsed.success) {
      const raw = yamlOf(f, []);
      issues.push(...zodIssues(f.path, parsed.error).map((i) => withQuestionId(i, raw)));
      continue;
    }
    for (const q of parsed.data) {
      fillLanguages(q, languages, f.path, q.id, issues);
      if (questionFile.has(q.id))
        issues.push({
          file: f.path,
          field: `${q.id}.id`,
          message: `duplicate question id (also in ${questionFile.get(q.id)})`,
          severity: "error",
        });
      else questionFile.set(q.id, f.path);
      questions.push(q);
    }
  }
  // The glossary may be one file (content/glossary.yaml) or several (content/glossary/*.yaml).
  const glossary: Course["glossary"] = [];
  const glossaryFile = new Map<string, string>();
  for (const f of files.filter((f) => /(^|\/)glossary(\/[^/]+)?\.ya?ml$/.test(f.path))) {
    const g = glossarySchema.safeParse(yamlOf(f, issues), plain);
    if (!g.success) {
      issues.push(...zodIssues(f.path, g.error));
      continue;
    }
    for (const e of g.data) {
      fillLanguages(e, languages, f.path, e.id, issues);
      if (glossaryFile.has(e.id))
        issues.push({
          file: f.path,
          field: `${e.id}.id`,
          message: `duplicate glossary id (also in ${glossaryFile.get(e.id)})`,
          severity: "error",
        });
      glossaryFile.set(e.id, f.path);
      glossary.push(e);
    }
  }
  if (!courseData.success) return { issues };
  if (lessons.length === 0)
    issues.push({
      file: "content/lessons",
      field: "",
      message: "the course has no lessons",
      severity: "error",
    });
  lessons.sort((a, b) => a.order - b.order);
  const topics = lessons.flatMap((l) => l.topics.map((t) => ({ ...t, lesson: l.id })));
  const course: Course = {
    ...courseData.data,
    lessons,
    topics,
    questions,
    glossary,
    questionFile,
    glossaryFile,
  };
  return { course, issues };
}

/** Prefixes a question-file issue with the question's id, so "[3].answer" reads "gpt3-params.answer". */
function withQuestionId(issue: ContentIssue, raw: unknown): ContentIssue {
  const m = /^\[(\d+)\](.*)$/.exec(issue.field);
  if (!m || !Array.isArray(raw)) return issue;
  const id = (raw[Number(m[1])] as { id?: unknown } | undefined)?.id;
  return typeof id === "string"
    ? { ...issue, field: `${id}${m[2].startsWith(".") ? "" : "."}${m[2]}`.replace(/\.$/, "") }
    : issue;
}
