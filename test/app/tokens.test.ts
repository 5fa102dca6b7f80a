// Token counting must not throw on text that spells a special token: a learner may type
// "<|endoftext|>" into /ask, and the count is needed when a server reports no usage.
import { describe, expect, it } from "vitest";
import { countChatTokens, countTextTokens } from "../../src/app/llm/tokens";

describe("token counts", () => {
  it("count special-token text as ordinary text", () => {
    const plain = countTextTokens("hi there");
    expect(countTextTokens("hi <|endoftext|> there")).toBeGreaterThan(plain);
    expect(countChatTokens([{ role: "user", content: "<|endoftext|>" }])).toBeGreaterThan(7);
  });
});
