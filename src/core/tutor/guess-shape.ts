// Whether a learner's message is shaped like a guess about an open question: it names one of
// the question's candidate answers (an option by label, position, phonetic name or text; a
// true/false word or the statement itself; an item order or a pair; a number in the question's
// dimension, or a sum to work one out) in the form of a proposal or a check ("I'm leaning
// towards C", "is it 0.175T?", "我觉得是对的", "3 1 4 2?", "what is 6 × 70B × 2T?").
// Decided from the message's form and the question's candidate space only, never from the
// answer key: every candidate is treated the same way, so a refusal says nothing about which
// candidate is right (issue 12: the old check refused only right guesses, an oracle). The cues
// are in guess-cues.ts; which cues count for a type is the type's module's guessShape.
import type { Question } from "../content/schema";
import { moduleFor } from "../question-types/registry";
import { guessText, type GuessShape } from "./guess-cues";

export type { GuessShape } from "./guess-cues";

/** Whether `raw` is a guess-shaped message about the open question `q` (see the header). */
export function guessShape(raw: string, q: Question): GuessShape {
  return moduleFor(q.type).guessShape(guessText(raw), q);
}
