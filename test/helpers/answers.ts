// A well-formed answer (right or wrong) for whatever question a reply shows, as a platform
// component would send it; tests use it to drive quizzes without caring which question came up.
import type { QuestionView, Reply } from "../../src/core/reply";

export const questionOf = (rs: Reply[]) => rs.find((r) => r.question)?.question;

export function answerFor(q: QuestionView): { values?: string[]; text?: string } {
  switch (q.widget.kind) {
    case "text":
      return { text: `12${q.unit ?? ""}` };
    case "order":
      return { values: q.options.map((o) => o.id) };
    case "pairs":
      return { values: q.options.map((o, i) => `${o.id}=${q.right![i].id}`) };
    case "choice":
      return { values: [q.options[0].id] };
  }
}
