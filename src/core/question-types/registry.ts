// The question types: one module per type (./single.ts … ./matching.ts), registered here. The
// built-in table is a Record over the type names, so a type with a missing part does not
// compile; everything that depends on a question's type (schema, display, widget, parsing,
// grading, lint, hint and tutor leak checks, pace) asks `moduleFor(q.type)`. A type defined
// outside the code base (a test fixture) joins at run time through `registerQuestionType`.
import { z } from "zod";
import { matching, type MatchingQuestion } from "./matching";
import type { QuestionTypeModule } from "./module";
import { multiple, type MultipleChoiceQuestion } from "./multiple";
import { numeric, type NumericQuestion } from "./numeric";
import { ordering, type OrderingQuestion } from "./ordering";
import { single, type SingleChoiceQuestion } from "./single";
import { trueFalse, type TrueFalseQuestion } from "./true-false";

export type {
  MatchingQuestion,
  MultipleChoiceQuestion,
  NumericQuestion,
  OrderingQuestion,
  SingleChoiceQuestion,
  TrueFalseQuestion,
};

const BUILT_IN = {
  single,
  multiple,
  "true-false": trueFalse,
  numeric,
  ordering,
  matching,
} as const;

type BuiltIn = typeof BUILT_IN;
type QuestionOf<M> = M extends QuestionTypeModule<infer Q, infer _G> ? Q : never;

/** A question of any built-in type (the discriminated union of the modules' schemas). */
export type Question = { [K in keyof BuiltIn]: QuestionOf<BuiltIn[K]> }[keyof BuiltIn];
export type QuestionType = Question["type"];
type GivenOf<M> = M extends QuestionTypeModule<infer _Q, infer G> ? G : never;
/** A parsed answer: each type's own shape, tagged with the type. Stored with each attempt. */
export type Given = { [K in keyof BuiltIn]: GivenOf<BuiltIn[K]> }[keyof BuiltIn];

// Each built-in module is registered under its own type's name: one registered under another
// name is a compile error here (a missing part already fails at defineQuestionType).
type NamedRight = {
  [K in keyof BuiltIn]: [QuestionOf<BuiltIn[K]>["type"]] extends [K] ? true : false;
}[keyof BuiltIn];
type Assert<T extends true> = T;
export type RegistryIsConsistent = Assert<false extends NamedRight ? false : true>;

/** The built-in type names, in the order a course's statistics list them. */
export const QUESTION_TYPES = Object.keys(BUILT_IN) as QuestionType[];

// Any module, built-in or registered: the union is erased to the common shape at this boundary.
type AnyModule = QuestionTypeModule<Question, Given>;
const modules = new Map<string, AnyModule>(
  Object.values(BUILT_IN).map((m) => [m.type, m as unknown as AnyModule]),
);

/** The module of a question type; an unknown type is a bug (content is validated on load). */
export function moduleFor(type: string): AnyModule {
  const m = modules.get(type);
  if (!m) throw new Error(`no question type module for "${type}"`);
  return m;
}

/** Every type a course may use now: the built-ins, then any registered at run time. */
export function questionTypes(): string[] {
  return [...modules.keys()];
}

/**
 * Adds a question type defined outside this folder (e.g. a test fixture). Its questions then
 * load, render, grade and are guarded like any other; returns a function that removes it.
 */
export function registerQuestionType<Q extends { type: string }, G extends { type: string }>(
  m: QuestionTypeModule<Q, G>,
): () => void {
  if (modules.has(m.type)) throw new Error(`question type "${m.type}" is already registered`);
  modules.set(m.type, m as unknown as AnyModule);
  union = undefined;
  return () => {
    if (m.type in BUILT_IN) return;
    modules.delete(m.type);
    union = undefined;
  };
}

let union: z.ZodType | undefined;
function currentUnion(): z.ZodType {
  // zod wants object schemas with a literal `type`; each module's schema is one (module.ts).
  const schemas = [...modules.values()].map((m) => m.schema) as unknown as Parameters<
    typeof z.discriminatedUnion
  >[1];
  union ??= z.discriminatedUnion("type", schemas);
  return union;
}

/** One question of any registered type; its `type` picks the schema. */
export const questionSchema: z.ZodType<Question> = z.lazy(
  () => currentUnion() as z.ZodType<Question>,
);

export const questionFileSchema = z
  .array(questionSchema)
  .min(1, "a question file needs at least one question");
