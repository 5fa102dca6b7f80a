// What publishing a new version of a course changes: questions added, changed (and whether the
// change touches how answers are graded: the answer key) and removed, plus whether anything else
// (lessons, glossary, course text) differs. Pure: counts of affected learners come from storage.
import type { Course } from "./model";
import type { Question } from "./schema";

export interface QuestionChange {
  id: string;
  /** The answer, type or grading rules changed: past answers may now grade differently. */
  answerKey: boolean;
}

export interface CourseDiff {
  added: string[];
  changed: QuestionChange[];
  removed: string[];
  lessonsChanged: string[];
  glossaryChanged: number;
  courseChanged: boolean;
}

/** JSON with sorted keys, so reordered YAML keys are not a change. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/** The fields grading reads (grading/grade.ts): a change in one of them is an answer-key change. */
function gradingKey(q: Question): string {
  const r = q as Record<string, unknown>;
  return canonical({
    type: q.type,
    answer: r.answer,
    tolerance: r.tolerance,
    unitKind: r.unitKind,
    scoring: r.scoring,
  });
}

export function diffCourses(before: Course, after: Course): CourseDiff {
  const old = new Map(before.questions.map((q) => [q.id, q]));
  const next = new Map(after.questions.map((q) => [q.id, q]));
  const changed: QuestionChange[] = [];
  for (const [id, q] of next) {
    const was = old.get(id);
    if (was && canonical(was) !== canonical(q))
      changed.push({ id, answerKey: gradingKey(was) !== gradingKey(q) });
  }
  const lessonText = (c: Course) =>
    new Map(c.lessons.map((l) => [l.id, canonical({ ...l, file: undefined })]));
  const [la, lb] = [lessonText(before), lessonText(after)];
  const glossaryText = (c: Course) => new Map(c.glossary.map((g) => [g.id, canonical(g)]));
  const [ga, gb] = [glossaryText(before), glossaryText(after)];
  return {
    added: [...next.keys()].filter((id) => !old.has(id)),
    changed,
    removed: [...old.keys()].filter((id) => !next.has(id)),
    lessonsChanged: [...new Set([...la.keys(), ...lb.keys()])].filter(
      (id) => la.get(id) !== lb.get(id),
    ),
    glossaryChanged: [...new Set([...ga.keys(), ...gb.keys()])].filter(
      (id) => ga.get(id) !== gb.get(id),
    ).length,
    courseChanged:
      canonical({ t: before.title, d: before.description }) !==
      canonical({ t: after.title, d: after.description }),
  };
}

export const isEmptyDiff = (d: CourseDiff) =>
  !d.added.length &&
  !d.changed.length &&
  !d.removed.length &&
  !d.lessonsChanged.length &&
  !d.glossaryChanged &&
  !d.courseChanged;
