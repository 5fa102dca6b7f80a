// The weekly lesson as a chat message: the lesson's summary, each section shortened to a few
// sentences, a "Start this week's quiz" button, an "Ask a question" prompt and references to
// the full notes, all in the subscription's language.
import { ACTION, actionId } from "../commands/action-ids";
import type { CourseIndex, Lesson } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { Button, Reply } from "../reply";
import { msg } from "../messages/catalogue";

/** Chat platforms cap field values (Discord: 1024); a digest should be much shorter anyway. */
export const SECTION_CHARS = 280;
export const MAX_SECTIONS = 8;

/** Markdown body → plain first paragraph(s), cut at a sentence or word boundary. */
export function shorten(markdown: string, max = SECTION_CHARS): string {
  const plain = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s*\|.*\|\s*$/gm, "")
    .replace(/^#+\s*/gm, "")
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, "")
    .replace(/\*\*|__|`/g, "")
    .replace(/(^|[^*\w])\*([^*\n]+)\*/g, "$1$2")
    .replace(/\s*\n\s*\n\s*/g, "\n")
    .trim();
  const first = plain
    .split("\n")
    .filter((p) => p.trim())
    .slice(0, 2)
    .join(" ")
    .replace(/\s+/g, " ");
  if (first.length <= max) return first;
  const cut = first.slice(0, max);
  const sentence = Math.max(...["。", "！", "？", ". ", "! ", "? "].map((s) => cut.lastIndexOf(s)));
  if (sentence > max * 0.5) return cut.slice(0, sentence + 1).trim();
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trim()}…`;
}

export function notesRef(lesson: Lesson, notesBaseUrl?: string, sectionId?: string): string {
  const path = lesson.file.replace(/\\/g, "/");
  if (!notesBaseUrl) return sectionId ? `${path} § ${sectionId}` : path;
  return `${notesBaseUrl.replace(/\/+$/, "")}/${path.replace(/^content\//, "")}${sectionId ? `#${sectionId}` : ""}`;
}

export interface LessonMessageOptions {
  notesBaseUrl?: string;
  /** The surface has no buttons to press (the terminal): say what to type instead. */
  textOnly?: boolean;
}

export function lessonReply(
  index: CourseIndex,
  lessonIndex: number,
  locale: Locale,
  opts: LessonMessageOptions = {},
): Reply {
  const lessons = index.course.lessons;
  const lesson = lessons[lessonIndex];
  const sections = lesson.sections.slice(0, MAX_SECTIONS);
  const buttons: Button[] = [
    {
      type: "button",
      id: actionId(ACTION.lessonQuiz, lesson.id),
      label: msg(locale, "schedule.lesson-message.startThisWeeksQuiz"),
      style: "primary",
      command: `/quiz topic:${lesson.topics[0].id}`,
    },
    {
      type: "button",
      id: actionId(ACTION.lessonAsk, lesson.id),
      label: msg(locale, "schedule.lesson-message.askAQuestion"),
      command: msg(locale, "schedule.lesson-message.askQuestion"),
    },
  ];
  const refs = sections.map(
    (s) => `• ${tr(s.title, locale)}: ${notesRef(lesson, opts.notesBaseUrl, s.id)}`,
  );
  return {
    title: `${msg(locale, "schedule.lesson-message.lessonOf", { value: lessonIndex + 1, lessonsCount: lessons.length })} · ${tr(lesson.title, locale)}`,
    text: tr(lesson.summary, locale),
    fields: [
      ...sections.map((s) => ({
        name: tr(s.title, locale),
        value: shorten(tr(s.body, locale)),
        inline: false,
      })),
      {
        name: msg(locale, "schedule.lesson-message.fullNotes"),
        value: refs.join("\n"),
        inline: false,
      },
    ],
    footer: opts.textOnly
      ? msg(locale, "schedule.lesson-message.questionsTypeAskQuestion")
      : msg(locale, "schedule.lesson-message.questionsPressAskA"),
    tone: "info",
    buttons,
  };
}

/** Shown when "Ask a question" is pressed: how to ask, with the lesson's topics as a starting point. */
export function askPromptReply(lesson: Lesson, locale: Locale): Reply {
  const topics = lesson.topics.map((t) => tr(t.name, locale)).join(msg(locale, "common.enumJoin"));
  const example = tr(lesson.sections[0]?.title ?? lesson.title, locale);
  return {
    text: msg(locale, "schedule.lesson-message.typeYourQuestionAbout", {
      title: tr(lesson.title, locale),
      topics,
      // Mid-sentence in English the section title is lower-cased; Chinese has no case.
      example: locale === "zh" ? example : example.toLowerCase(),
    }),
    private: true,
  };
}
