// Token counts with gpt-tokenizer (o200k), used when a server does not report usage, and by the
// benchmark to size prompts.
import { countTokens } from "gpt-tokenizer";
import type { ChatMessage } from "../../core/tutor/llm";

export const countTextTokens = (text: string): number => countTokens(text);

/** Content tokens plus the ~4 tokens of framing each chat message costs. */
export function countChatTokens(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + 4 + countTokens(m.content), 3);
}
