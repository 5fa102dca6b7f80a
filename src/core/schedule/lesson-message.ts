// The weekly lesson as a chat message: the lesson's summary, each section shortened to a few
// sentences, a "Start this week's quiz" button, an "Ask a question" prompt and references to
// the full notes, all in the subscription's language.
import { ACTION, actionId } from "../commands/action-ids";
import type { CourseIndex, Lesson } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { Button, Reply } from "../reply";

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
  const zh = locale === "zh";
  const sections = lesson.sections.slice(0, MAX_SECTIONS);
  const buttons: Button[] = [
    {
      type: "button",
      id: actionId(ACTION.lessonQuiz, lesson.id),
      label: zh ? "开始本周测验" : "Start this week's quiz",
      style: "primary",
      command: `/quiz topic:${lesson.topics[0].id}`,
    },
    {
      type: "button",
      id: actionId(ACTION.lessonAsk, lesson.id),
      label: zh ? "提个问题" : "Ask a question",
      command: zh ? "/ask <问题>" : "/ask <question>",
    },
  ];
  const refs = sections.map(
    (s) => `• ${tr(s.title, locale)}: ${notesRef(lesson, opts.notesBaseUrl, s.id)}`,
  );
  return {
    title: `${zh ? `第 ${lessonIndex + 1}/${lessons.length} 课` : `Lesson ${lessonIndex + 1} of ${lessons.length}`} · ${tr(lesson.title, locale)}`,
    text: tr(lesson.summary, locale),
    fields: [
      ...sections.map((s) => ({
        name: tr(s.title, locale),
        value: shorten(tr(s.body, locale)),
        inline: false,
      })),
      { name: zh ? "完整笔记" : "Full notes", value: refs.join("\n"), inline: false },
    ],
    footer: opts.textOnly
      ? zh
        ? "有问题？输入 /ask <问题>（或直接输入问题），我会根据笔记回答。"
        : "Questions? Type /ask <question> (or just type your question): I answer from the notes."
      : zh
        ? "有问题？点“提个问题”，或直接把问题发给我，我会根据笔记回答。"
        : "Questions? Press “Ask a question”, or just send me your question: I answer from the notes.",
    tone: "info",
    buttons,
  };
}

/** Shown when "Ask a question" is pressed: how to ask, with the lesson's topics as a starting point. */
export function askPromptReply(lesson: Lesson, locale: Locale): Reply {
  const zh = locale === "zh";
  const topics = lesson.topics.map((t) => tr(t.name, locale)).join(zh ? "、" : ", ");
  return {
    text: zh
      ? `关于“${tr(lesson.title, locale)}”（${topics}），直接输入你的问题即可，例如：“${tr(lesson.sections[0]?.title ?? lesson.title, locale)}是什么意思？”`
      : `Type your question about "${tr(lesson.title, locale)}" (${topics}) as a message, for example: "What does ${tr(lesson.sections[0]?.title ?? lesson.title, locale).toLowerCase()} mean?"`,
    private: true,
  };
}
