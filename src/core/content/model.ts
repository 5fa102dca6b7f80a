// The loaded course: lessons with their sections, topics, questions and glossary, indexed for lookup.
import type { Bilingual, Locale } from "../i18n";
import type { CourseFile, GlossaryEntry, LessonFrontMatter, Question } from "./schema";

export interface Section {
  id: string;
  lessonId: string;
  title: Bilingual;
  body: Bilingual;
}

export interface Lesson extends LessonFrontMatter {
  sections: Section[];
  file: string;
}

export interface Topic {
  id: string;
  name: Bilingual;
  lesson: string;
}

export interface Course {
  id: string;
  /** The languages the course is written in (course.yaml); the first one is its default. */
  languages: Locale[];
  title: Bilingual;
  description: Bilingual;
  /** Ordered by each lesson's `order`. */
  lessons: Lesson[];
  /** Every lesson's topics, tagged with the lesson that declares them. */
  topics: Topic[];
  questions: Question[];
  glossary: GlossaryEntry[];
  /** Where each question and glossary entry was declared, for error messages. */
  questionFile: Map<string, string>;
  glossaryFile: Map<string, string>;
}

/** Lookups over a course, built once after loading. */
export class CourseIndex {
  readonly questions = new Map<string, Question>();
  readonly lessons = new Map<string, Lesson>();
  readonly sections = new Map<string, Section>();
  readonly topics = new Map<string, Topic>();
  readonly glossary = new Map<string, GlossaryEntry>();

  constructor(readonly course: Course) {
    for (const q of course.questions) this.questions.set(q.id, q);
    for (const l of course.lessons) {
      this.lessons.set(l.id, l);
      for (const s of l.sections) this.sections.set(sectionKey(l.id, s.id), s);
    }
    for (const t of course.topics) this.topics.set(t.id, t);
    for (const g of course.glossary) this.glossary.set(g.id, g);
  }

  question(id: string): Question | undefined {
    return this.questions.get(id);
  }
  /** A question's glossary terms, skipping ids the course does not define (lint reports those). */
  termsOf(q: Question): GlossaryEntry[] {
    return (q.glossary ?? []).flatMap((id) => this.glossary.get(id) ?? []);
  }
  section(lessonId: string, sectionId: string): Section | undefined {
    return this.sections.get(sectionKey(lessonId, sectionId));
  }
  questionsForTopic(topic: string): Question[] {
    return this.course.questions.filter((q) => q.topic === topic);
  }
  questionsForLesson(lesson: string): Question[] {
    return this.course.questions.filter((q) => q.lesson === lesson);
  }

  /** Finds a topic by id, by lesson id, or by a (case-insensitive) name in either language. */
  findTopic(text: string): Topic | undefined {
    const needle = text.trim().toLowerCase();
    if (!needle) return undefined;
    return (
      this.topics.get(needle) ??
      this.course.topics.find(
        (t) =>
          t.name.en.toLowerCase() === needle || t.name.zh === text.trim() || t.lesson === needle,
      )
    );
  }
}

export function sectionKey(lessonId: string, sectionId: string): string {
  return `${lessonId}#${sectionId}`;
}

export type { CourseFile, GlossaryEntry, Question };
