// A well-formed answer (right or wrong) for whatever question a reply shows, as a platform
// component would send it; tests use it to drive quizzes without caring which question came up.
import type { QuestionView, Reply } from "../../src/core/reply";

export const questionOf = (rs: Reply[]) => rs.find((r) => r.question)?.question;

export function answerFor(q: QuestionView): { values?: string[]; text?: string } {
  if (q.type === "true-false") return { values: ["true"] };
  if (q.type === "numeric") return { text: `12${q.unit ?? ""}` };
  if (q.type === "ordering") return { values: q.options.map((o) => o.id) };
  if (q.type === "matching")
    return { values: q.options.map((o, i) => `${o.id}=${q.right![i].id}`) };
  return { values: [q.options[0].id] };
}
