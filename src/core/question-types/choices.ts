// What single and multiple choice share: options shuffled per session, the option texts and
// rationales lint checks, the answer-among-choices checks, the leak forms of the correct
// choices (their texts, letters and distinctive words) and the guess check on option labels
// and texts. Each of the two modules passes its answer ids in.
import type { choiceSchema } from "../content/schema";
import type { z } from "zod";
import { LETTERS, shuffle, type Option } from "../grading/seeded-shuffle";
import type { Bilingual } from "../i18n";
import { CUE, bare, labelMentioned, textMentioned, type GuessShape } from "../tutor/guess-cues";
import { bothForms, distinctTerms, normalize, type LeakForms } from "../tutor/leak-text";
import type { LintSink } from "./module";

type Choice = z.infer<typeof choiceSchema>;
export interface ChoiceQuestion {
  id: string;
  prompt: Bilingual;
  choices: Choice[];
}

export const choiceOptions = (q: ChoiceQuestion, seed: string): Option[] =>
  shuffle(q.choices, `${seed}:${q.id}`);

/** "B. 0.175T" for an option id, as displayed with this seed. */
export function choiceLabel(q: ChoiceQuestion, seed: string, id: string, lang: "zh" | "en") {
  const opts = choiceOptions(q, seed);
  const i = opts.findIndex((o) => o.id === id);
  return i < 0 ? id : `${LETTERS[i]}. ${opts[i].text[lang]}`;
}

export function choiceTexts(q: ChoiceQuestion): [string, Bilingual | undefined][] {
  return q.choices.flatMap((c, i): [string, Bilingual | undefined][] => [
    [`choices[${i}].text`, c.text],
    [`choices[${i}].rationale`, c.rationale],
  ]);
}

function includesAnswer(prompt: Bilingual, answer: Bilingual): boolean {
  return (["zh", "en"] as const).some((l) => {
    const a = answer[l].trim().toLowerCase();
    return a.length >= 3 && prompt[l].toLowerCase().includes(a);
  });
}

export function lintChoices(q: ChoiceQuestion, answers: string[], sink: LintSink): void {
  const ids = q.choices.map((c) => c.id);
  if (new Set(ids).size !== ids.length) sink.error("choices", "duplicate choice id");
  for (const a of answers)
    if (!ids.includes(a)) sink.error("answer", `answer "${a}" is not among the choices`);
  if (new Set(answers).size !== answers.length) sink.error("answer", "an answer is listed twice");
  q.choices.forEach((c, i) => {
    if (!answers.includes(c.id) && !c.rationale)
      sink.error(`choices[${i}].rationale`, `wrong choice "${c.id}" needs a rationale`);
    if (answers.includes(c.id) && includesAnswer(q.prompt, c.text))
      sink.error("prompt", `the prompt gives away the answer ("${c.text.en}")`);
  });
}

export const correctChoiceTexts = (q: ChoiceQuestion, answers: string[]): Bilingual[] =>
  q.choices.filter((c) => answers.includes(c.id)).map((c) => c.text);

export function choiceLeakForms(
  q: ChoiceQuestion,
  answers: string[],
  seed: string,
  forms: LeakForms,
): void {
  const opts = choiceOptions(q, seed);
  const right = new Set(answers);
  opts.forEach((o, i) => {
    if (!right.has(o.id)) return;
    forms.texts.push(...bothForms(o.text));
    forms.labels.push(LETTERS[i], String(i + 1));
  });
  const rightAt = opts.flatMap((o, i) => (right.has(o.id) ? [i] : []));
  forms.options = {
    count: opts.length,
    right: rightAt,
    wrong: opts.flatMap((o, i) => (right.has(o.id) ? [] : [i])),
  };
  // Distinctive: the words of a correct choice that no wrong choice uses too.
  for (const lang of ["en", "zh"] as const) {
    const others = new Set(
      opts.filter((o) => !right.has(o.id)).flatMap((o) => distinctTerms(o.text[lang])),
    );
    for (const i of rightAt)
      forms.choiceTerms.push(distinctTerms(opts[i].text[lang]).filter((t) => !others.has(t)));
  }
}

export function choiceGuessShape(text: string, q: ChoiceQuestion): GuessShape {
  const cue = CUE.test(text);
  const labels = labelMentioned(text, q.choices.length);
  if (labels && (cue || bare(text, /\b[A-J]\b|\d/g))) return { guess: true, reason: "label" };
  const texts = q.choices.map((c) => c.text);
  // An option's text with a check word, or quoted back with little else ("<option>?").
  if (
    textMentioned(text, texts) &&
    (cue ||
      texts.some((o) =>
        [o.zh, o.en].some(
          (x) =>
            normalize(text).includes(normalize(x)) &&
            normalize(text).length <= normalize(x).length + 20,
        ),
      ))
  )
    return { guess: true, reason: "option-text" };
  return { guess: false };
}

/** The parts single and multiple choice share, given how a question lists its right answers. */
export function choiceParts<Q extends ChoiceQuestion>(answersOf: (q: Q) => string[]) {
  return {
    numbered: false,
    options: choiceOptions,
    texts: choiceTexts,
    lint: (q: Q, sink: LintSink) => lintChoices(q, answersOf(q), sink),
    answerTexts: (q: Q) => correctChoiceTexts(q, answersOf(q)),
    leakForms: (q: Q, seed: string, forms: LeakForms) =>
      choiceLeakForms(q, answersOf(q), seed, forms),
    guessShape: choiceGuessShape,
  };
}
