// English UI text: the source of every message key (zh.ts and any other language follow it).
// Placeholders are `{name}`; a `{ one, other }` pair is chosen by `{count}`. Course content
// (lessons, questions, glossary) is not here: it is data in content/.
export const en = {
  "common.count.answer": { one: "{count} answer", other: "{count} answers" },
} as const;
