// What would give away the answer to an open question: the correct choice texts, the letter or
// number it is displayed under in this session, every equivalent form of a numeric answer
// (175B = 1750亿 = 0.175T), the true/false value, the correct order or pairs, and long stretches
// of the explanation. Used to check model output before it is shown. The explanation is common
// to every type; the rest comes from the question type's module (question-types/*.ts).
import type { Question } from "../content/schema";
import { moduleFor } from "../question-types/registry";
import { bothForms, type LeakForms } from "./leak-text";

export { distinctTerms, normalize, statementOf, type LeakForms } from "./leak-text";

export function leakForms(q: Question, sessionId: string): LeakForms {
  const forms: LeakForms = {
    texts: [],
    numbers: [],
    labels: [],
    explanation: bothForms(q.explanation),
    choiceTerms: [],
  };
  moduleFor(q.type).leakForms(q, sessionId, forms);
  return forms;
}
