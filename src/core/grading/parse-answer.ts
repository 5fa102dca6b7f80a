// Reads a learner's answer: typed text ("2", "B", "1,3", "175B", "3 1 2", "1-b 2-a") or the ids a
// button/menu sent. Malformed input raises a UserError with a plain explanation; nothing is graded.
// The checks every answer gets (empty, too long, nothing selected) are here; reading the answer
// itself is the question type's module's parse (question-types/*.ts).
import type { Question } from "../content/schema";
import { moduleFor, type Given } from "../question-types/registry";
import { malformed, tokens, type StructuredAnswer } from "./answer-tokens";
import { displayOptions } from "./present";

export type { Given, StructuredAnswer };

export const MAX_ANSWER_LENGTH = 500;

export function parseAnswer(q: Question, input: string | StructuredAnswer, seed: string): Given {
  const structured = typeof input !== "string";
  const text = structured ? "" : input.normalize("NFKC").trim();
  if (!structured) {
    if (!text)
      malformed(
        "答案是空的，请输入你的答案（或 /hint 获取提示、/skip 跳过）。",
        "That answer is empty. Type your answer (or /hint for a hint, /skip to skip).",
      );
    if (input.length > MAX_ANSWER_LENGTH)
      malformed(
        `答案太长了（最多 ${MAX_ANSWER_LENGTH} 个字符）。`,
        `That answer is too long (at most ${MAX_ANSWER_LENGTH} characters).`,
      );
  }
  const ids = structured ? input.ids.map((s) => String(s).slice(0, 100)) : tokens(text);
  if (structured && ids.length === 0) malformed("没有选择任何选项。", "Nothing was selected.");
  const options = displayOptions(q, seed);
  return moduleFor(q.type).parse(q, { input, text, ids, structured, options, seed });
}
