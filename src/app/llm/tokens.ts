// Token counts with gpt-tokenizer (o200k), used when a server does not report usage, and by the
// benchmark to size prompts.
import { countTokens } from "gpt-tokenizer";
import type { ChatMessage } from "../../core/tutor/llm";

/**
 * Text that spells a special token ("<|endoftext|>", typed by a learner or quoted in the notes) is
 * counted as ordinary text: by default gpt-tokenizer throws on it.
 */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

export const countTextTokens = (text: string): number => countTokens(text, AS_TEXT);

/** Content tokens plus the ~4 tokens of framing each chat message costs. */
export function countChatTokens(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + 4 + countTokens(m.content, AS_TEXT), 3);
}
