// Builds the tutor from the configuration: the retriever over the course, the OpenAI-compatible
// model when OPENAI_API_KEY or OPENAI_BASE_URL is set (offline extractive answers otherwise),
// embeddings when OPENAI_EMBEDDING_MODEL is also set, and the budget limits.
import type { Clock } from "../core/clock";
import type { CourseIndex } from "../core/content/model";
import type { Store } from "../core/ports/store";
import type { BudgetConfig } from "../core/tutor/budget";
import { Retriever } from "../core/tutor/retriever";
import { createTutor, type TutorService } from "../core/tutor/service";
import { platformsConfigured, secretValues, type Config } from "../config";

export function budgetConfig(c: Config): BudgetConfig {
  return {
    max: c.TUTOR_BUDGET_MAX,
    refillSeconds: c.TUTOR_BUDGET_REFILL_SECONDS,
    dailyTokens: c.TUTOR_DAILY_TOKENS,
  };
}

export async function buildTutor(
  config: Config,
  index: CourseIndex,
  store: Store,
  clock: Clock,
  retriever = new Retriever(index),
): Promise<TutorService> {
  const timeoutMs = config.TUTOR_TIMEOUT_SECONDS * 1000;
  const online = platformsConfigured(config).llm;
  // The openai package is loaded only when a model is configured (start-up time of offline bots).
  const { createOpenAiClient, createOpenAiLlm } = online
    ? await import("./llm/openai-llm")
    : ({} as typeof import("./llm/openai-llm"));
  const { createOpenAiEmbedder } =
    online && config.OPENAI_EMBEDDING_MODEL
      ? await import("./llm/embedder")
      : ({} as typeof import("./llm/embedder"));
  const client = online
    ? createOpenAiClient({
        apiKey: config.OPENAI_API_KEY,
        baseURL: config.OPENAI_BASE_URL,
        timeoutMs,
      })
    : undefined;
  return createTutor({
    store,
    clock,
    retriever,
    llm: client
      ? createOpenAiLlm(
          { model: config.OPENAI_MODEL, timeoutMs, maxRetries: config.TUTOR_MAX_RETRIES },
          client,
        )
      : undefined,
    embedder:
      client && config.OPENAI_EMBEDDING_MODEL
        ? createOpenAiEmbedder(
            client,
            config.OPENAI_EMBEDDING_MODEL,
            store.tutor,
            config.TUTOR_MAX_RETRIES,
          )
        : undefined,
    budget: budgetConfig(config),
    secrets: secretValues(config),
    // One deadline for the whole /ask, retries and Retry-After waits included (app/llm/retry.ts).
    timeoutMs,
  });
}
