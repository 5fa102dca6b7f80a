// What one question type must provide, in one place: its schema, how it is shown (options, the
// platform-neutral input widget, how to type an answer), how an answer is read and graded, what
// content lint checks, what a hint must not contain, and what the tutor must not say or confirm
// while such a question is open. The registry (registry.ts) holds one module per type, so the
// compiler flags a type with a missing part, and nothing else in the code base switches on type.
import type { z } from "zod";
import type { StructuredAnswer } from "../grading/answer-tokens";
import type { Option } from "../grading/seeded-shuffle";
import type { Bilingual, Locale } from "../i18n";
import type { GuessShape } from "../tutor/guess-cues";
import type { LeakForms } from "../tutor/leak-text";

/**
 * The input widget a platform should offer, described without naming a platform. Adapters
 * render each kind generically (Discord components, Slack blocks, the console's typed answer):
 * - choice: one button per option (multi: a multi-select of the options);
 * - text: typed text (a modal or a "type answer" button), e.g. numbers;
 * - order: one select per position, each offering every option;
 * - pairs: one select per option (left column), each offering the right column.
 * Every kind also accepts the typed answer described by `howToAnswer`.
 */
export type WidgetDescriptor =
  | { kind: "choice"; multi: boolean }
  | { kind: "text" }
  | { kind: "order" }
  | { kind: "pairs" };

/** What a learner sent: typed text, or the option ids a button/menu sent. */
export type AnswerInput = string | StructuredAnswer;

/** How a module reads an answer: the checked raw input plus what the learner was shown. */
export interface ParseContext {
  /** The answer as sent (typed text is not yet trimmed or normalised). */
  input: AnswerInput;
  /** Typed text, NFKC-normalised and trimmed; "" for structured input. */
  text: string;
  /** Typed text split into tokens ("A C", "3 1 2"), or the structured ids. */
  ids: string[];
  structured: boolean;
  /** The options in display order (what "1" or "B" refers to). */
  options: Option[];
  seed: string;
}

/** Where a module reports content mistakes; `field` is relative to the question ("answer"). */
export interface LintSink {
  error(field: string, message: string): void;
  warning(field: string, message: string): void;
}

/** The type-specific part of a grade; the registry's caller adds verdict and explanation. */
export interface TypeGrade {
  /** 0–1 (clamped by the caller). */
  score: number;
  /** Why the learner's specific wrong picks are wrong. */
  feedback: Bilingual[];
}

export interface QuestionTypeModule<
  Q extends { type: string } = { type: string },
  G extends { type: string } = { type: string },
> {
  readonly type: Q["type"];
  /** The question's zod object schema (shared `common` fields spread in, `type` a literal). */
  readonly schema: z.ZodType<Q>;
  /** The format's name on the question's title line ("单选" / "Single choice"). */
  readonly label: Bilingual;
  /** Pace: slow formats come last and make up at most a third of a quiz (planner.ts). */
  readonly slow: boolean;
  /** Order among formats of the same difficulty in a quiz (lower first). */
  readonly rank: number;
  /** Seconds a typical learner needs; FSRS rates a right answer slower than 2× this as Hard. */
  readonly expectedSeconds: number;

  /** The options shown, in display order, stable for one seed ("B" means the same everywhere). */
  options(q: Q, seed: string): Option[];
  /** A second column (matching's right-hand side), in display order. */
  right?(q: Q, seed: string): Option[];
  /** Options are labelled with numbers ("1.") instead of letters ("A."). */
  readonly numbered: boolean;
  /** The unit a typed answer may carry (numeric), shown under the prompt. */
  unit?(q: Q): string;
  widget(q: Q): WidgetDescriptor;
  /** How to type an answer on a text-only surface; `n` is the number of options shown. */
  howTo(q: Q, locale: Locale, n: number): string;

  /** Reads an answer; malformed input throws a UserError (see answer-tokens.ts `malformed`). */
  parse(q: Q, ctx: ParseContext): G;
  grade(q: Q, given: G): TypeGrade;
  /** The correct answer as the learner would read it, e.g. "B. 0.175T" or "1. x → C. y". */
  correctAnswer(q: Q, seed: string): Bilingual;
  /** The correct answer in words, without display letters (they differ between sessions). */
  answerWords?(q: Q): Bilingual;
  /** Analytics: the wrong picks in one (wrong) answer, as labels ("b", "false", "1=c"). */
  wrongPicks(q: Q, given: G): string[];

  /** The type's own bilingual texts, for content lint (prompt, hints, explanation are common). */
  texts(q: Q): [string, Bilingual | undefined][];
  /** The type's own consistency checks (answer among the choices, units known, …). */
  lint(q: Q, sink: LintSink): void;
  /** Texts a hint must not contain in each language (a correct option's text, the answer). */
  answerTexts(q: Q, seed: string): Bilingual[];
  /** Extra candidate answers inside a hint for the grader to try (numeric: each number). */
  hintCandidates?(q: Q, hint: string): string[];

  /** Adds what would give the answer away to `forms` (see leak-text.ts for each field). */
  leakForms(q: Q, seed: string, forms: LeakForms): void;
  /** Whether a learner's message is shaped like a guess about an open question of this type. */
  guessShape(text: string, q: Q): GuessShape;
}

/** A question's type-checked module: helps inference of Q and G at the definition site. */
export function defineQuestionType<Q extends { type: string }, G extends { type: string }>(
  m: QuestionTypeModule<Q, G>,
): QuestionTypeModule<Q, G> {
  return m;
}
