// The port the tutor talks to a language model through. The OpenAI-compatible implementation
// lives in src/app/llm; tests pass fakes. `onDelta` receives the text so far as tokens arrive.
export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface LlmResult {
  text: string;
  tokensIn: number;
  tokensOut: number;
  model: string;
}

export interface CompleteOptions {
  stream?: boolean;
  onDelta?: (textSoFar: string) => void;
  /** Aborts the request (the /ask's one deadline). */
  signal?: AbortSignal;
  /** When that deadline falls (epoch ms): a retry whose wait would pass it is not made. */
  deadlineAt?: number;
}

export interface LlmPort {
  readonly model: string;
  /** Resolves with the whole answer; rejects when retries are exhausted or the deadline passes. */
  complete(messages: ChatMessage[], opts?: CompleteOptions): Promise<LlmResult>;
}
