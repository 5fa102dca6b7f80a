// The offline answer to a follow-up ("why?", "为什么？") about a quiz question the learner just
// answered. The verdict already showed that question's explanation, the why-wrong of the
// learner's choice and its source, so quoting the explanation again would repeat it word for
// word. This answer adds what the verdict did not show: the lesson section the question is
// built on (the sentences about its prompt and its correct answer) and the glossary entries it
// names, each cited.
import type { Question } from "../content/schema";
import type { Locale } from "../i18n";
import type { Vocabulary } from "./coverage";
import { extractiveAnswer } from "./offline";
import type { Retrieved, Retriever } from "./retriever";

export function answeredFollowUp(o: {
  question: Question;
  /** The question's correct answer in words. */
  answer: string;
  /** What the learner typed ("why?"). */
  asked: string;
  retriever: Retriever;
  locale: Locale;
  vocab?: Vocabulary;
}): { text: string; used: Retrieved[] } | undefined {
  const q = o.question;
  const ids = [`${q.lesson}#${q.section}`, ...(q.glossary ?? []).map((g) => `glossary:${g}`)];
  const passages = ids
    .map((id) => o.retriever.passage(id))
    .filter((p) => !!p)
    .map((p, i) => ({ ...p!, score: ids.length - i }));
  if (!passages.length) return undefined;
  // Search the notes with the question and its answer: "why?" alone names nothing.
  const query = `${o.asked} ${q.prompt[o.locale]} ${o.answer}`;
  const ex = extractiveAnswer(query, passages, o.locale, 2, o.vocab);
  return ex.used.length ? ex : undefined;
}
