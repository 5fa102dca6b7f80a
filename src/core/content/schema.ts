// The content schema: what a course, a lesson's front matter, a question and a glossary entry
// must contain. Parsing errors from these schemas name the field; the loader adds the file.
import { z } from "zod";

export const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lowercase slug (a-z, 0-9, dashes)");

export const nonBlank = z.string().trim().min(1, "must not be empty");

/** The languages a course may declare (course.yaml `languages`), in order of preference. */
export const LANGUAGES = ["zh", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Marks a text written as `{same: …}`: the author says it reads the same in every language (a
 * name, code, a file name), so the translation lint leaves it alone. A symbol, not a field, so
 * the loaded model keeps its plain `{zh, en}` shape.
 */
export const SAME_IN_EVERY_LANGUAGE: unique symbol = Symbol("same-in-every-language");

/**
 * A learner-facing text in the course's languages: `{zh, en}` (either may be left out when the
 * course does not declare it), `{same: "config.json"}` for text that reads the same in every
 * language, or a plain string (the same text for every language; in a two-language course the
 * lint still asks for a translation unless the string is only names). The parsed value is
 * always `{zh, en}`: a language left out is "" here, and the loader (fillLanguages in
 * languages.ts) reports it when the course declares it and fills it from the course's first
 * language otherwise.
 */
export const bilingual = z
  .preprocess(
    (t) => (typeof t === "string" ? { zh: t, en: t } : t),
    z
      .object({ zh: nonBlank.optional(), en: nonBlank.optional(), same: nonBlank.optional() })
      .strict()
      .superRefine((t, ctx) => {
        if (t.same !== undefined && (t.zh !== undefined || t.en !== undefined))
          ctx.addIssue({ code: "custom", message: "give `same` alone, or zh/en, not both" });
        else if (t.same === undefined && t.zh === undefined && t.en === undefined)
          ctx.addIssue({ code: "custom", message: "give the text (zh, en, or same)" });
      }),
  )
  .transform((t): { zh: string; en: string } => {
    if (t.same !== undefined) {
      const out = { zh: t.same, en: t.same };
      Object.defineProperty(out, SAME_IN_EVERY_LANGUAGE, { value: true });
      return out;
    }
    return { zh: t.zh ?? "", en: t.en ?? "" };
  });
export type BilingualText = z.infer<typeof bilingual>;

/** A topic is declared by the lesson that teaches it; quizzes and mastery are grouped by topic. */
export const topicSchema = z.object({ id: slug, name: bilingual }).strict();

/** content/course.yaml. Lessons are ordered by their own `order` field, so adding a lesson touches no shared file. */
export const courseSchema = z
  .object({
    id: slug,
    /** The languages the course is written in; the first is shown to learners of any other. */
    languages: z
      .array(z.enum(LANGUAGES))
      .min(1)
      .refine((l) => new Set(l).size === l.length, "a language is listed twice")
      .default(["zh", "en"]),
    title: bilingual,
    description: bilingual,
  })
  .strict();

export const lessonFrontMatterSchema = z
  .object({
    id: slug,
    order: z.number().int().positive(),
    title: bilingual,
    summary: bilingual,
    topics: z.array(topicSchema).min(1, "a lesson declares at least one topic"),
    sources: z.array(nonBlank).min(1, "a lesson must name at least one source"),
  })
  .strict();

/** An option of a choice question; a wrong one carries why it is wrong. */
export const choiceSchema = z
  .object({ id: slug, text: bilingual, rationale: bilingual.optional() })
  .strict();
/** An item of an ordering or matching question. */
export const itemSchema = z.object({ id: slug, text: bilingual }).strict();

/** Fields every question has, whatever its type (question-types/*.ts spread them in). */
export const common = {
  id: slug,
  lesson: slug,
  section: slug,
  topic: slug,
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  prompt: bilingual,
  explanation: bilingual,
  hints: z.array(bilingual).min(1, "give at least one hint"),
  source: nonBlank,
  /** Errata rows of FACTS.md this question teaches as a misconception. */
  errata: z.array(z.number().int().positive()).optional(),
  glossary: z.array(slug).optional(),
};

export const glossaryEntrySchema = z
  .object({
    id: slug,
    term: bilingual,
    definition: bilingual,
    lesson: slug.optional(),
    section: slug.optional(),
    /** Other names for the same thing: a lookup by any of them finds this entry. */
    aliases: z.array(nonBlank).optional(),
    /**
     * Related terms that are NOT synonyms ("ChatGLM" for GLM, "Stable Diffusion" for latent
     * diffusion): shown with the entry, never used to find it. A glossary id or a plain name.
     */
    seeAlso: z.array(nonBlank).optional(),
  })
  .strict();
export const glossarySchema = z.array(glossaryEntrySchema);

export type CourseFile = z.infer<typeof courseSchema>;
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>;
export type GlossaryEntry = z.infer<typeof glossaryEntrySchema>;

// The question schema and types are built from the question-type modules (one per type):
// see src/core/question-types/registry.ts. Re-exported here as types only, so the modules can
// import the shared parts above without a cycle.
export type {
  Question,
  QuestionType,
  SingleChoiceQuestion,
  MultipleChoiceQuestion,
  TrueFalseQuestion,
  NumericQuestion,
  OrderingQuestion,
  MatchingQuestion,
} from "../question-types/registry";

/** "1, 2 or 3" / "params, bytes or plain". */
function oneOf(values: readonly unknown[]): string {
  const shown = values.map((v) => String(v));
  return shown.length <= 1
    ? shown.join("")
    : `${shown.slice(0, -1).join(", ")} or ${shown[shown.length - 1]}`;
}

function got(input: unknown): string {
  if (input === undefined) return "";
  if (typeof input === "number" || typeof input === "boolean") return ` (got ${input})`;
  if (typeof input === "string")
    return ` (got "${input.length > 40 ? `${input.slice(0, 39)}…` : input}")`;
  return "";
}

type Issue = { code?: string; path?: PropertyKey[]; input?: unknown; [k: string]: unknown };

/**
 * Plain messages for the content schema's enums, literals and ranges (zod's defaults say
 * "Invalid input" for a union of literals such as difficulty). Messages set on a schema (e.g.
 * "give at least one hint") still win; anything not handled here keeps zod's message.
 */
export function contentErrorMap(iss: Issue): string | undefined {
  const key = [...(iss.path ?? [])].reverse().find((p) => typeof p === "string");
  const name = typeof key === "string" ? key : "value";
  switch (iss.code) {
    case "invalid_value":
      return `${name} must be ${(iss.values as unknown[]).length > 2 ? "one of " : ""}${oneOf(iss.values as unknown[])}${got(iss.input)}`;
    case "invalid_union": {
      if (Array.isArray(iss.options) && iss.discriminator)
        return `${name} must be one of ${oneOf(iss.options as unknown[])}${got(iss.input)}`;
      // A union of literals (difficulty: 1 | 2 | 3): list every accepted value.
      const branches =
        (iss.errors as { code: string; values?: unknown[]; path: unknown[] }[][] | undefined) ?? [];
      const literal =
        branches.length > 0 &&
        branches.every(
          (b) => b.length === 1 && b[0].code === "invalid_value" && b[0].path.length === 0,
        );
      return literal
        ? `${name} must be ${oneOf(branches.flatMap((b) => b[0].values ?? []))}${got(iss.input)}`
        : undefined;
    }
    case "too_small":
    case "too_big": {
      const small = iss.code === "too_small";
      const bound = (small ? iss.minimum : iss.maximum) as number | bigint;
      const word = small
        ? iss.inclusive
          ? "at least"
          : "more than"
        : iss.inclusive
          ? "at most"
          : "less than";
      if (iss.origin === "number") return `${name} must be ${word} ${bound}${got(iss.input)}`;
      if (iss.origin === "array")
        return `${name} needs ${word} ${bound} item${Number(bound) === 1 ? "" : "s"}`;
      if (iss.origin === "string")
        return `${name} must be ${word} ${bound} character${Number(bound) === 1 ? "" : "s"} long`;
      return undefined;
    }
    case "invalid_type":
      if (iss.expected === "int") return `${name} must be a whole number${got(iss.input)}`;
      return undefined;
    default:
      return undefined;
  }
}
