// Content files → a checked course: parse, then lint; the index only when nothing is an error.
// One function for every way content arrives (a folder at start-up and in `content:check`, an
// upload, a published version from the database), so all of them give the same messages.
import { lintCourse } from "./lint";
import { CourseIndex } from "./model";
import { parseCourse, type ContentFile, type ContentIssue } from "./parse";

export interface ContentCheck {
  index?: CourseIndex;
  issues: ContentIssue[];
}

export function checkFiles(files: ContentFile[]): ContentCheck {
  const { course, issues } = parseCourse(files);
  if (!course) return { issues };
  const all = [...issues, ...lintCourse(course)];
  return {
    index: all.some((i) => i.severity === "error") ? undefined : new CourseIndex(course),
    issues: all,
  };
}
