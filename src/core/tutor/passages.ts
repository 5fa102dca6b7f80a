// The searchable units of the course: lesson sections, glossary entries and question
// explanations, each bilingual. Explanations are only searchable for questions the learner has
// already answered (the retriever filters them per request), so retrieval never hands the
// tutor the answer to a question still ahead of the learner.
import type { CourseIndex } from "../content/model";
import { sectionKey } from "../content/model";
import type { Bilingual } from "../i18n";
import { bilingualBy, msg } from "../messages/catalogue";

export type PassageKind = "section" | "glossary" | "explanation";

export interface Passage {
  /** Stable id: "l02-parameters#units", "glossary:fp16", "explanation:q-id". */
  id: string;
  kind: PassageKind;
  lessonId?: string;
  /** The section this passage belongs to (what the tutor cites), when known. */
  sectionKey?: string;
  questionId?: string;
  title: Bilingual;
  text: Bilingual;
  /** The title of the lesson it belongs to (a heading the offline answer's ranking looks at). */
  lessonTitle?: Bilingual;
}

export function coursePassages(index: CourseIndex): Passage[] {
  const out: Passage[] = [];
  for (const l of index.course.lessons) {
    for (const s of l.sections) {
      const key = sectionKey(l.id, s.id);
      out.push({
        id: key,
        kind: "section",
        lessonId: l.id,
        sectionKey: key,
        title: s.title,
        text: s.body,
        lessonTitle: l.title,
      });
    }
  }
  for (const g of index.course.glossary) {
    const key = g.lesson && g.section ? sectionKey(g.lesson, g.section) : undefined;
    // Aliases the term already shows ("bf16 (bfloat16)") are not repeated after it.
    const extra = (term: string) =>
      (g.aliases ?? []).filter((a) => !term.toLowerCase().includes(a.toLowerCase()));
    // Others join the term's own brackets: "GLM (General Language Model, ChatGLM)".
    const named = (term: string) => {
      const more = extra(term);
      if (!more.length) return term;
      const m = /^(.*?)\s*[(（]([^)）]*)[)）]\s*$/.exec(term);
      return m ? `${m[1]} (${[m[2], ...more].join(", ")})` : `${term} (${more.join(", ")})`;
    };
    out.push({
      id: `glossary:${g.id}`,
      kind: "glossary",
      lessonId: g.lesson,
      sectionKey: key,
      lessonTitle: g.lesson ? index.lessons.get(g.lesson)?.title : undefined,
      title: g.term,
      text: {
        zh: `${named(g.term.zh)}：${g.definition.zh}`,
        en: `${named(g.term.en)}: ${g.definition.en}`,
      },
    });
  }
  for (const q of index.course.questions) {
    out.push({
      id: `explanation:${q.id}`,
      kind: "explanation",
      lessonId: q.lesson,
      sectionKey: sectionKey(q.lesson, q.section),
      questionId: q.id,
      lessonTitle: index.lessons.get(q.lesson)?.title,
      title: bilingualBy("tutor.passages.explanation", (l) => ({
        // Chinese says as much in fewer characters.
        prompt: q.prompt[l].slice(0, l === "zh" ? 60 : 80),
      })),
      text: {
        zh: `${q.prompt.zh}\n${q.explanation.zh}`,
        en: `${q.prompt.en}\n${q.explanation.en}`,
      },
    });
  }
  return out;
}

/** "L2 · Units for parameter counts" for a section key, in the learner's language. */
export function sectionLabel(index: CourseIndex, key: string, locale: "zh" | "en"): string {
  const [lessonId, sectionId] = key.split("#");
  const lesson = index.lessons.get(lessonId);
  const section = index.section(lessonId, sectionId);
  if (!lesson || !section) return key;
  const n = msg(locale, "common.lessonNo", { order: lesson.order });
  return `${n} · ${section.title[locale]}`;
}
