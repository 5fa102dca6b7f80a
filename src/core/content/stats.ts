// Coverage figures computed from the loaded course (per lesson, per type, per difficulty, errata).
import type { Course } from "./model";
import { questionTypes } from "../question-types/registry";

export interface CourseStats {
  lessons: {
    id: string;
    order: number;
    sections: number;
    questions: number;
    byType: Record<string, number>;
    byDifficulty: Record<string, number>;
  }[];
  totals: {
    lessons: number;
    sections: number;
    questions: number;
    glossary: number;
    byType: Record<string, number>;
    byDifficulty: Record<string, number>;
  };
  errataCovered: number[];
  /** Questions tagged with a FACTS.md errata row (those that exist to refute the source text). */
  errataTagged: number;
}

const count = <T>(items: T[], key: (t: T) => string | number, keys: readonly (string | number)[]) =>
  Object.fromEntries(keys.map((k) => [String(k), items.filter((i) => key(i) === k).length]));

export function courseStats(course: Course): CourseStats {
  const types = questionTypes();
  const lessons = course.lessons.map((l) => {
    const qs = course.questions.filter((q) => q.lesson === l.id);
    return {
      id: l.id,
      order: l.order,
      sections: l.sections.length,
      questions: qs.length,
      byType: count(qs, (q) => q.type, types),
      byDifficulty: count(qs, (q) => q.difficulty, [1, 2, 3]),
    };
  });
  const errata = new Set(course.questions.flatMap((q) => q.errata ?? []));
  return {
    lessons,
    totals: {
      lessons: course.lessons.length,
      sections: lessons.reduce((n, l) => n + l.sections, 0),
      questions: course.questions.length,
      glossary: course.glossary.length,
      byType: count(course.questions, (q) => q.type, types),
      byDifficulty: count(course.questions, (q) => q.difficulty, [1, 2, 3]),
    },
    errataCovered: [...errata].sort((a, b) => a - b),
    errataTagged: course.questions.filter((q) => (q.errata ?? []).length > 0).length,
  };
}
