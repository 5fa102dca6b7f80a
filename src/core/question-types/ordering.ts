// Ordering: put 3–8 items in the right order. Shown shuffled (never already solved); scored by
// the share of items in their right place.
import { z } from "zod";
import { bilingual, common, itemSchema, slug } from "../content/schema";
import { malformed, resolveAll } from "../grading/answer-tokens";
import { shuffle } from "../grading/seeded-shuffle";
import type { Bilingual } from "../i18n";
import { CUE, named, usesPrompt } from "../tutor/guess-cues";
import { normalize } from "../tutor/leak-text";
import { defineQuestionType } from "./module";
import { bilingual as uiText, msg } from "../messages/catalogue";

export const orderingSchema = z
  .object({
    ...common,
    type: z.literal("ordering"),
    items: z.array(itemSchema).min(3).max(8),
    /** Item ids in the correct order. */
    answer: z.array(slug).min(3),
    wrongRationale: bilingual,
  })
  .strict();
export type OrderingQuestion = z.infer<typeof orderingSchema>;
export type OrderingGiven = { type: "ordering"; order: string[] };

const countdown = (n: number) =>
  Array.from({ length: n }, (_, i) => i + 1)
    .reverse()
    .join(" ");

function options(q: OrderingQuestion, seed: string) {
  // Never show an ordering question already solved.
  let order = shuffle(q.items, `${seed}:${q.id}`);
  if (order.every((it, i) => it.id === q.answer[i])) order = [...order.slice(1), order[0]];
  return order;
}

function correctAnswer(q: OrderingQuestion): Bilingual {
  const text = (l: "zh" | "en") =>
    q.answer.map((id) => q.items.find((it) => it.id === id)?.text[l] ?? id).join(" → ");
  return { zh: text("zh"), en: text("en") };
}

export const ordering = defineQuestionType<OrderingQuestion, OrderingGiven>({
  type: "ordering",
  schema: orderingSchema,
  label: uiText("question-types.ordering.putInOrder"),
  slow: true,
  rank: 4,
  expectedSeconds: 45,
  numbered: true,
  options,
  widget: () => ({ kind: "order" }),
  howTo: (_q, l, n) =>
    msg(l, "question-types.ordering.typeTheNumbersIn", { countdown: countdown(n) }),

  parse(q, { ids, options: shown, structured }) {
    const order = resolveAll(ids, shown, structured);
    if (order.length !== q.items.length || new Set(order).size !== order.length) {
      const example = shown.map((_, i) => i + 1).join(" ");
      malformed(
        `请把全部 ${q.items.length} 项各排一次，例如 “${example}”。`,
        `Put all ${q.items.length} items in order, each once, e.g. "${example}".`,
      );
    }
    return { type: "ordering", order };
  },
  grade(q, g) {
    const score = g.order.filter((id, i) => q.answer[i] === id).length / q.answer.length;
    return { score, feedback: score < 1 ? [q.wrongRationale] : [] };
  },
  correctAnswer,
  wrongPicks: () => [], // an ordering has no single "choice"

  texts: (q) => [
    ...q.items.map((c, i): [string, Bilingual] => [`items[${i}].text`, c.text]),
    ["wrongRationale", q.wrongRationale],
  ],
  lint(q, sink) {
    const ids = q.items.map((i) => i.id);
    if (q.answer.length !== ids.length || !ids.every((id) => q.answer.includes(id)))
      sink.error("answer", "answer must list every item id exactly once");
  },
  answerTexts: (q) => [correctAnswer(q)],
  leakForms(q, seed, forms) {
    const text = new Map(q.items.map((it) => [it.id, it.text]));
    forms.sequence = (["en", "zh"] as const).map((l) =>
      q.answer.map((id) => normalize(text.get(id)?.[l] ?? id)),
    );
    // The display numbers in the right order, e.g. "3 1 4 2".
    const pos = new Map(options(q, seed).map((o, i) => [o.id, i + 1]));
    forms.labels.push(q.answer.map((id) => pos.get(id)).join(" "));
    forms.order = q.answer.map((id) => String(pos.get(id)));
  },
  guessShape(text, q) {
    const n = named(
      text,
      q.items.map((i) => i.text),
    );
    if (n >= 2) return { guess: true, reason: "order" };
    // Display numbers in a row ("3 1 4 2", "3>1"), not a name like "chatglm3-6b".
    if (
      /(?<![\p{L}\d.])\d(?:\s*(?:[-,，、>→\s]|->|then|before|after)\s*\d)+(?![\p{L}\d.])/u.test(
        text,
      )
    )
      return { guess: true, reason: "order-labels" };
    // One item with a check word, an order word, or the question's own criterion ("when was T5 published?").
    if (
      n >= 1 &&
      (CUE.test(text) ||
        usesPrompt(text, q) ||
        /\b(before|after|first|last|earliest|latest|then|when|year|date|order)\b|之前|之后|最早|最晚|先|后|哪年|什么时候|时间|顺序/i.test(
          text,
        ))
    )
      return { guess: true, reason: "order" };
    return { guess: false };
  },
});
