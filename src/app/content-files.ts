// Reads the course's files from disk and builds the validated course. The only place content
// touches the file system; parsing and checks are pure (src/core/content).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { isContentPath } from "../core/content/bundle";
import { checkFiles, type ContentCheck } from "../core/content/check";
import type { CourseIndex } from "../core/content/model";
import { formatIssue, type ContentFile, type ContentIssue } from "../core/content/parse";

export const DEFAULT_CONTENT_DIR = "content";

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

/** The course folder's files with paths relative to the folder: how versions are stored. */
export function readCourseBundle(dir = DEFAULT_CONTENT_DIR): ContentFile[] {
  return walk(dir)
    .map((p) => relative(dir, p).split(sep).join("/"))
    .filter(isContentPath)
    .sort()
    .map((p) => ({ path: p, text: readFileSync(join(dir, p), "utf8") }));
}

export function checkContent(dir = DEFAULT_CONTENT_DIR): ContentCheck {
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

/** Loads the course or throws an error listing every problem, file and field first. */
export function loadContent(dir = DEFAULT_CONTENT_DIR): CourseIndex {
  const { index, issues } = checkContent(dir);
  if (!index) {
    const errors = issues.filter((i) => i.severity === "error");
    throw new ContentInvalidError(errors);
  }
  return index;
}

export class ContentInvalidError extends Error {
  constructor(readonly issues: ContentIssue[]) {
    super(
      `content is invalid (${issues.length} error${issues.length === 1 ? "" : "s"}):\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}`,
    );
    this.name = "ContentInvalidError";
  }
}
