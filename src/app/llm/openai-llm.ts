// The LlmPort over the `openai` package, for any OpenAI-compatible server (OpenAI, Ollama,
// vLLM, LM Studio). Retries (429/5xx/timeouts, honouring Retry-After) are made here, up to
// `maxRetries`, and never past the /ask's deadline (retry.ts); the client's own are off.
// `timeoutMs` bounds each attempt. A malformed response is an error, which the tutor turns into
// its labelled offline answer.
import OpenAI from "openai";
import { withRetries } from "./retry";
import type { ChatMessage, CompleteOptions, LlmPort, LlmResult } from "../../core/tutor/llm";
import { countChatTokens, countTextTokens } from "./tokens";

export interface OpenAiLlmOptions {
  apiKey?: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  maxOutputTokens?: number;
}

export function createOpenAiClient(o: {
  apiKey?: string;
  baseURL?: string;
  timeoutMs: number;
}): OpenAI {
  // Local servers (Ollama, vLLM) need no key, but the client insists on one. maxRetries 0: the
  // client's retry sleeps ignore the abort signal (see retry.ts).
  return new OpenAI({
    apiKey: o.apiKey || "no-key",
    baseURL: o.baseURL,
    timeout: o.timeoutMs,
    maxRetries: 0,
  });
}

export function createOpenAiLlm(o: OpenAiLlmOptions, client = createOpenAiClient(o)): LlmPort {
  const base = { model: o.model, temperature: 0.2, max_tokens: o.maxOutputTokens ?? 600 };
  return {
    model: o.model,
    async complete(messages: ChatMessage[], opts: CompleteOptions = {}): Promise<LlmResult> {
      const retry = { maxRetries: o.maxRetries, signal: opts.signal, deadlineAt: opts.deadlineAt };
      if (!opts.stream) {
        const r = await withRetries(
          () => client.chat.completions.create({ ...base, messages }, { signal: opts.signal }),
          retry,
        );
        const text = r?.choices?.[0]?.message?.content;
        if (typeof text !== "string") throw new Error("malformed completion: no message content");
        return {
          text,
          model: r.model || o.model,
          tokensIn: r.usage?.prompt_tokens ?? countChatTokens(messages),
          tokensOut: r.usage?.completion_tokens ?? countTextTokens(text),
        };
      }
      // Retried until the first byte only: once text has been shown, a retry would show it twice.
      const stream = await withRetries(
        () =>
          client.chat.completions.create(
            { ...base, messages, stream: true, stream_options: { include_usage: true } },
            { signal: opts.signal },
          ),
        retry,
      );
      let text = "";
      let model = o.model;
      let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
      for await (const chunk of stream) {
        if (chunk.model) model = chunk.model;
        if (chunk.usage) usage = chunk.usage;
        const delta = chunk.choices?.[0]?.delta?.content;
        if (delta) {
          text += delta;
          opts.onDelta?.(text);
        }
      }
      // The client ends an aborted stream quietly; a cut-off answer must not pass as complete.
      if (opts.signal?.aborted) throw new Error("stream aborted (deadline)");
      if (!text) throw new Error("empty streamed completion");
      return {
        text,
        model,
        tokensIn: usage?.prompt_tokens ?? countChatTokens(messages),
        tokensOut: usage?.completion_tokens ?? countTextTokens(text),
      };
    },
  };
}
