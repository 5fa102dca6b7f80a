// Reads the courses' files from disk and builds the validated catalogue. The only place content
// touches the file system; parsing and checks are pure (src/core/content). CONTENT_DIR is a
// folder of courses (one folder each, with course.yaml at its top), or one course folder.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DEFAULT_COURSE_ID } from "../config";
import { courseIdIn, isContentPath } from "../core/content/bundle";
import { Catalogue } from "../core/content/catalogue";
import { checkFiles, type ContentCheck } from "../core/content/check";
import type { CourseIndex } from "../core/content/model";
import { formatIssue, type ContentFile, type ContentIssue } from "../core/content/parse";

export const DEFAULT_CONTENT_DIR = "content";
export { DEFAULT_COURSE_ID };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export function readContentFiles(dir = DEFAULT_CONTENT_DIR): ContentFile[] {
  return walk(dir)
    .filter((p) => /\.(ya?ml|md)$/.test(p) && !/(^|\/)README\.md$/i.test(p))
    .sort()
    .map((p) => ({ path: relative(process.cwd(), p) || p, text: readFileSync(p, "utf8") }));
}

export type { ContentCheck };

/** A course folder's files with paths relative to the folder: how versions are stored. */
export function readCourseBundle(dir: string): ContentFile[] {
  return walk(dir)
    .map((p) => relative(dir, p).split(sep).join("/"))
    .filter(isContentPath)
    .sort()
    .map((p) => ({ path: p, text: readFileSync(join(dir, p), "utf8") }));
}

/** Every course folder's files by course id (course.yaml's id), for publishing's version 0. */
export function readCourseBundles(dir = DEFAULT_CONTENT_DIR): Map<string, ContentFile[]> {
  const out = new Map<string, ContentFile[]>();
  for (const folder of courseFolders(dir)) {
    const files = readCourseBundle(folder);
    const id = courseIdIn(files);
    if (id) out.set(id, files);
  }
  return out;
}

const isCourseFolder = (dir: string) =>
  existsSync(join(dir, "course.yaml")) || existsSync(join(dir, "course.yml"));

/** The course folders under `dir`: itself when it is one course, else its subfolders that are. */
export function courseFolders(dir = DEFAULT_CONTENT_DIR): string[] {
  if (isCourseFolder(dir)) return [dir];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((p) => statSync(p).isDirectory() && isCourseFolder(p))
    .sort();
}

export interface CatalogueCheck {
  catalogue?: Catalogue;
  /** Each course folder's check, in folder order. */
  courses: { dir: string; check: ContentCheck }[];
  issues: ContentIssue[];
}

/** Checks every course under `dir`; the catalogue is there when none has an error. */
export function checkCatalogue(
  dir = DEFAULT_CONTENT_DIR,
  preferred: string = DEFAULT_COURSE_ID,
): CatalogueCheck {
  let folders: string[];
  try {
    folders = courseFolders(dir);
  } catch (e) {
    const message = `cannot read content: ${(e as Error).message}`;
    return { courses: [], issues: [{ file: dir, field: "", message, severity: "error" }] };
  }
  if (folders.length === 0)
    return {
      courses: [],
      issues: [
        {
          file: dir,
          field: "",
          message: "no course here: expected course.yaml, or folders that each have one",
          severity: "error",
        },
      ],
    };
  const courses = folders.map((f) => ({ dir: f, check: checkCourse(f) }));
  const issues = courses.flatMap((c) => c.check.issues);
  const seen = new Map<string, string>();
  for (const { dir: f, check } of courses) {
    const id = check.index?.course.id;
    if (!id) continue;
    if (seen.has(id))
      issues.push({
        file: join(f, "course.yaml"),
        field: "id",
        message: `course id "${id}" is also used by ${seen.get(id)}`,
        severity: "error",
      });
    else seen.set(id, f);
  }
  const ok = !issues.some((i) => i.severity === "error");
  return {
    catalogue: ok
      ? new Catalogue(
          courses.map((c) => c.check.index!),
          preferred,
        )
      : undefined,
    courses,
    issues,
  };
}

/** Checks every course under `dir`; `index` is the default course (the first, or `preferred`). */
export function checkContent(
  dir = DEFAULT_CONTENT_DIR,
  preferred: string = DEFAULT_COURSE_ID,
): ContentCheck {
  const { catalogue, issues } = checkCatalogue(dir, preferred);
  return { index: catalogue?.default, issues };
}

/** Loads every course or throws an error listing every problem, file and field first. */
export function loadCatalogue(
  dir = DEFAULT_CONTENT_DIR,
  preferred: string = DEFAULT_COURSE_ID,
): Catalogue {
  const { catalogue, issues } = checkCatalogue(dir, preferred);
  if (!catalogue) throw new ContentInvalidError(issues.filter((i) => i.severity === "error"));
  return catalogue;
}

/** One course folder. */
export function checkCourse(dir: string): ContentCheck {
  let files: ContentFile[];
  try {
    files = readContentFiles(dir);
  } catch (e) {
    return {
      issues: [
        {
          file: dir,
          field: "",
          message: `cannot read content: ${(e as Error).message}`,
          severity: "error",
        },
      ],
    };
  }
  return checkFiles(files);
}

/** The default course of `dir` (the first course folder, or `preferred`); throws when invalid. */
export function loadContent(
  dir = DEFAULT_CONTENT_DIR,
  preferred: string = DEFAULT_COURSE_ID,
): CourseIndex {
  return loadCatalogue(dir, preferred).default;
}

export class ContentInvalidError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(
      `content is invalid (${issues.length} error${issues.length === 1 ? "" : "s"}):\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`,
    );
    this.name = "ContentInvalidError";
  }
}
