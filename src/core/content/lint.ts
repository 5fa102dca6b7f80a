// Checks a parsed course for mistakes a schema cannot see: references to missing lessons,
// sections or topics; answers that are not among the choices; answers given away in the prompt;
// untranslated text; wrong choices without a rationale. Every issue names the file and field.
// The checks particular to one question type are its module's lint (question-types/*.ts).
import { normaliseTerm } from "./glossary";
import type { Bilingual, Locale } from "../i18n";
import { isSameInEveryLanguage } from "./languages";
import type { Course } from "./model";
import { sectionKey } from "./model";
import type { ContentIssue } from "./parse";
import type { Question } from "./schema";
import { moduleFor } from "../question-types/registry";

const HAS_CJK = /[\u3400-\u9fff]/;

/**
 * A word that reads the same in Chinese and English text: a file name or code identifier
 * (config.json, `auto_map`, [gMASK], <|user|>, model-00001-of-00007.safetensors) or a model or
 * product name (GPT-3, U-Net, CArena, Llama 2 70B): it has a capital, a digit or code punctuation.
 */
const NAME_WORD = /^(`[^`]+`|.*[A-Z0-9._/\\[\]<>|()=:+·-].*)$/;

/**
 * Identical zh and en text is a missing translation unless it is only names (at most four words,
 * each name-like): Chinese writes "config.json", not "config.json 文件", in a list of files.
 */
export function sameInBothLanguages(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.length <= 4 && words.every((w) => NAME_WORD.test(w));
}

function untranslated(text: Bilingual): string | undefined {
  if (
    text.zh.trim() === text.en.trim() &&
    /[a-z]{4,}/i.test(text.en) &&
    !sameInBothLanguages(text.en)
  )
    return "zh and en are identical: missing translation";
  if (!HAS_CJK.test(text.zh) && /[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}/i.test(text.zh))
    return "zh text has no Chinese: missing translation";
  return undefined;
}

/**
 * Translation checks apply to a course in two languages only (a one-language course has nothing
 * to translate), and never to a text its author marked `{same: …}`.
 */
function checkText(
  languages: readonly Locale[],
  file: string,
  field: string,
  text: Bilingual | undefined,
  out: ContentIssue[],
): void {
  if (!text || languages.length < 2 || isSameInEveryLanguage(text)) return;
  const problem = untranslated(text);
  if (problem) out.push({ file, field, message: problem, severity: "error" });
}

/** Every bilingual text of a question: the common ones, then its type's own (choices, items…). */
function questionTexts(q: Question): [string, Bilingual | undefined][] {
  const list: [string, Bilingual | undefined][] = [
    ["prompt", q.prompt],
    ["explanation", q.explanation],
  ];
  q.hints.forEach((h, i) => list.push([`hints[${i}]`, h]));
  return [...list, ...moduleFor(q.type).texts(q)];
}

function lintQuestion(
  q: Question,
  course: Course,
  sections: Set<string>,
  file: string,
  out: ContentIssue[],
): void {
  const err = (field: string, message: string) =>
    out.push({ file, field: `${q.id}.${field}`, message, severity: "error" });
  if (!course.lessons.some((l) => l.id === q.lesson))
    err("lesson", `lesson "${q.lesson}" does not exist`);
  else if (!sections.has(sectionKey(q.lesson, q.section)))
    err("section", `section "${q.section}" does not exist in lesson "${q.lesson}"`);
  if (!course.topics.some((t) => t.id === q.topic))
    err("topic", `topic "${q.topic}" is not declared by any lesson`);
  for (const g of q.glossary ?? [])
    if (!course.glossary.some((e) => e.id === g))
      err("glossary", `glossary term "${g}" does not exist`);
  for (const [field, text] of questionTexts(q))
    checkText(course.languages, file, `${q.id}.${field}`, text, out);

  moduleFor(q.type).lint(q, {
    error: err,
    warning: (field, message) =>
      out.push({ file, field: `${q.id}.${field}`, message, severity: "warning" }),
  });
}

export function lintCourse(course: Course): ContentIssue[] {
  const out: ContentIssue[] = [];
  const sections = new Set<string>();
  const lessonIds = new Set<string>();
  for (const l of course.lessons) {
    if (lessonIds.has(l.id))
      out.push({
        file: l.file,
        field: "id",
        message: `duplicate lesson id "${l.id}"`,
        severity: "error",
      });
    lessonIds.add(l.id);
    checkText(course.languages, l.file, "title", l.title, out);
    checkText(course.languages, l.file, "summary", l.summary, out);
    for (const s of l.sections) {
      const key = sectionKey(l.id, s.id);
      if (sections.has(key))
        out.push({
          file: l.file,
          field: `sections.${s.id}`,
          message: "duplicate section id",
          severity: "error",
        });
      sections.add(key);
      checkText(course.languages, l.file, `sections.${s.id}.title`, s.title, out);
    }
  }
  const orders = new Map<number, string>();
  for (const l of course.lessons) {
    if (orders.has(l.order))
      out.push({
        file: l.file,
        field: "order",
        message: `order ${l.order} is also used by lesson "${orders.get(l.order)}"`,
        severity: "error",
      });
    orders.set(l.order, l.id);
  }
  const topicLesson = new Map<string, string>();
  for (const t of course.topics) {
    if (topicLesson.has(t.id))
      out.push({
        file: course.lessons.find((l) => l.id === t.lesson)!.file,
        field: "topics",
        message: `topic "${t.id}" is also declared by lesson "${topicLesson.get(t.id)}"`,
        severity: "error",
      });
    topicLesson.set(t.id, t.lesson);
    checkText(
      course.languages,
      course.lessons.find((l) => l.id === t.lesson)!.file,
      `topics.${t.id}.name`,
      t.name,
      out,
    );
  }
  lintGlossary(course, lessonIds, sections, out);
  for (const q of course.questions)
    lintQuestion(q, course, sections, course.questionFile.get(q.id) ?? "content/questions", out);
  return out;
}

/**
 * Glossary entries: unique ids, real lessons and sections, and names that find one entry only:
 * a name or alias shared by two entries, or a see-also name that is also an alias, would make a
 * lookup return a card that defines something else.
 */
function lintGlossary(
  course: Course,
  lessonIds: Set<string>,
  sections: Set<string>,
  out: ContentIssue[],
): void {
  const glossaryIds = new Set<string>();
  const owner = new Map<string, string>();
  course.glossary.forEach((g, i) => {
    const file = course.glossaryFile.get(g.id) ?? "content/glossary.yaml";
    if (glossaryIds.has(g.id))
      out.push({
        file,
        field: `[${i}].id`,
        message: `duplicate glossary id "${g.id}"`,
        severity: "error",
      });
    glossaryIds.add(g.id);
    checkText(course.languages, file, `${g.id}.definition`, g.definition, out);
    if (g.lesson && !lessonIds.has(g.lesson))
      out.push({
        file,
        field: `${g.id}.lesson`,
        message: `lesson "${g.lesson}" does not exist`,
        severity: "error",
      });
    else if (g.lesson && g.section && !sections.has(sectionKey(g.lesson, g.section)))
      out.push({
        file,
        field: `${g.id}.section`,
        message: `section "${g.section}" does not exist`,
        severity: "error",
      });
    const names = new Set([g.term.zh, g.term.en, ...(g.aliases ?? [])].map(normaliseTerm));
    for (const n of names) {
      const other = owner.get(n);
      if (other && other !== g.id)
        out.push({
          file,
          field: `${g.id}.aliases`,
          message: `"${n}" also names glossary term "${other}"`,
          severity: "error",
        });
      else owner.set(n, g.id);
    }
    for (const s of g.seeAlso ?? [])
      if (names.has(normaliseTerm(s)))
        out.push({
          file,
          field: `${g.id}.seeAlso`,
          message: `"${s}" is listed both as an alias and as see-also`,
          severity: "error",
        });
  });
}
