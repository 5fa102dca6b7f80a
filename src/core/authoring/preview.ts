// Step one of publishing: check an upload and work out what it would change against the latest
// published version (or the files on disk when nothing was published), with how many learners'
// review cards each changed or removed question touches and how many learners answered each
// question whose answer key changed. Shared by /content upload and `npm run cli -- content diff`.
import { checkFiles } from "../content/check";
import { diffCourses, type CourseDiff } from "../content/diff";
import type { CourseIndex } from "../content/model";
import type { ContentFile, ContentIssue } from "../content/parse";
import type { CourseVersionRepo } from "../ports/course-versions";
import type { LiveCourse } from "./course-source";

export interface Base {
  version: number;
  index: CourseIndex;
  files: ContentFile[];
}

export type Preview =
  | { ok: false; issues: ContentIssue[] }
  | {
      ok: true;
      index: CourseIndex;
      files: ContentFile[];
      base: Base;
      diff: CourseDiff;
      /** Learners with a review card, per changed or removed question. */
      cards: Map<string, number>;
      /** Learners who answered, per question whose answer key changed. */
      answered: Map<string, number>;
      /** Distinct learners a regrade would touch (answered any question whose key changed). */
      regradeLearners: number;
      warnings: ContentIssue[];
    };

/** The version new uploads are compared with: the newest published one, else what is served. */
export async function baseOf(repo: CourseVersionRepo, live: LiveCourse): Promise<Base> {
  const courseId = live.index.course.id;
  const head = await repo.head(courseId);
  if (!head || head.version === live.version) return { ...live };
  const latest = await repo.latest(courseId);
  const checked = latest && checkFiles(latest.files);
  // A stored version always passed the check when it was published; fall back to what is served.
  if (!latest || !checked?.index) return { ...live };
  return { version: latest.version, index: checked.index, files: latest.files };
}

/** Checks `files` and compares them with `base` (see baseOf). */
export async function previewFiles(
  repo: CourseVersionRepo,
  base: Base,
  files: ContentFile[],
): Promise<Preview> {
  const { index, issues } = checkFiles(files);
  if (!index) return { ok: false, issues: issues.filter((i) => i.severity === "error") };
  const courseId = base.index.course.id;
  if (index.course.id !== courseId)
    return {
      ok: false,
      issues: [
        {
          file: "course.yaml",
          field: "id",
          message: `is "${index.course.id}", but this is the course "${courseId}" (a course keeps its id)`,
          severity: "error",
        },
      ],
    };
  const diff = diffCourses(base.index.course, index.course);
  const keyChanged = diff.changed.filter((c) => c.answerKey).map((c) => c.id);
  const [cards, answered, regradeLearners] = await Promise.all([
    repo.cardLearners(courseId, [...diff.changed.map((c) => c.id), ...diff.removed]),
    repo.answerLearners(courseId, keyChanged),
    repo.learnersWhoAnswered(courseId, keyChanged),
  ]);
  return {
    ok: true,
    index,
    files,
    base,
    diff,
    cards,
    answered,
    regradeLearners,
    warnings: issues.filter((i) => i.severity === "warning"),
  };
}
