// Exam mode: what the tutor does while a quiz or round question is open (docs/tutor.md, "Exam
// mode"). One decision per message, made in code before any model call:
// - a guess-shaped message about an open question (guess-shape.ts) or a request for its answer
//   (classify.ts) gets one refusal, the same words whichever candidate it names;
// - a message that names the question answered before ("why is B wrong in the previous
//   question?", "上一题为什么选C") is about that question: answered, with the open question's
//   texts and numbers still checked in the output but not its letters (they name the earlier
//   question's options there);
// - anything else is conceptual help, from passages with the answer-bearing sentences removed
//   (exam-redact.ts), and the output is checked on every streamed prefix and at the end.
import type { Locale } from "../i18n";
import { guessShape } from "./guess-shape";
import type { LeakForms } from "./leak-text";
import type { OpenQuestion } from "./open-questions";
import { msg } from "../messages/catalogue";

/** Words naming the question answered before (not the one open now). */
const PREVIOUS =
  /\b(previous|last|earlier|prior|former|preceding|other) (question|one|quiz question|problem)\b|\bquestion (?:i|we) (?:just |already )?answered\b|\b(my|the) (last|previous) answer\b|上一(道|个)?题|上道题|上个问题|上一个问题|前一(道|个)?题|刚才(那|的|那道|那个)?(道|个)?题|之前(那|的)(道|个)?题|刚答的/i;

export const refersToPrevious = (text: string) => PREVIOUS.test(text);

export interface ExamDecision {
  /** Refuse with openRefusal (a guess or an answer request about an open question). */
  refuse: boolean;
  /** The message is about the question answered before; the open question is not its subject. */
  aboutPrevious: boolean;
  reason?: string;
}

/** Guess-shaped about any open question; `answeredBefore` says an earlier question exists to be "previous". */
export function examDecision(
  text: string,
  open: readonly OpenQuestion[],
  answeredBefore: boolean,
): ExamDecision {
  if (!open.length) return { refuse: false, aboutPrevious: false };
  if (answeredBefore && refersToPrevious(text)) return { refuse: false, aboutPrevious: true };
  for (const o of open) {
    const g = guessShape(text, o.question);
    if (g.guess) return { refuse: true, aboutPrevious: false, reason: g.reason };
  }
  return { refuse: false, aboutPrevious: false };
}

/** The forms the output is checked against: all of them, or without labels when the letters name the previous question's options. */
export function outputForms(
  open: readonly OpenQuestion[],
  aboutPrevious: boolean,
): LeakForms[] | undefined {
  if (!open.length) return undefined;
  return open.map((o) =>
    aboutPrevious
      ? { ...o.forms, labels: [], options: undefined, pairLabels: undefined, order: undefined }
      : o.forms,
  );
}

/** The one refusal while a question is open: the same words for every guess, right or wrong. */
export function openRefusal(sectionLabel: string, locale: Locale): string {
  return msg(locale, "tutor.exam-mode.thatQuestionIsStill", { sectionLabel });
}
