// A learner whose language the course does not have reads the course's first language (the
// loader filled it in, see content/languages.ts); they are told so once per course, in one line
// above their first reply in that course, not on every message.
import type { Ctx } from "../commands/types";
import type { Reply } from "../reply";
import { bilingual } from "../messages/catalogue";

const NAMES = {
  zh: bilingual("courses.language-notice.chinese"),
  en: bilingual("courses.language-notice.english"),
} as const;

export async function withLanguageNotice(
  ctx: Ctx,
  replies: Reply[],
  told: Set<string>,
): Promise<Reply[]> {
  const course = ctx.index.course;
  if (course.languages.includes(ctx.locale) || replies.length === 0) return replies;
  const key = `${ctx.learner.id}|${course.id}`;
  if (told.has(key)) return replies;
  const first = await ctx.store.courses.noticeOnce(ctx.learner.id, course.id);
  told.add(key);
  if (!first) return replies;
  const lang = NAMES[course.languages[0]];
  const note = ctx.msg("courses.language-notice.thisCourseIsIn", {
    langZh: lang.zh,
    langEn: lang.en,
  });
  const [head, ...rest] = replies;
  return [{ ...head, text: `${note}\n${head.text ?? ""}`.trimEnd() }, ...rest];
}
