// A bot with the tutor wired in, on a throwaway database with a fake clock; optionally talking
// to a model and an embeddings endpoint (a fake OpenAI-compatible server, or any LlmPort).
import { loadContent } from "../../src/app/content-files";
import { createOpenAiEmbedder } from "../../src/app/llm/embedder";
import { createOpenAiClient, createOpenAiLlm } from "../../src/app/llm/openai-llm";
import { createBot, type Bot } from "../../src/core/bot";
import { FakeClock } from "../../src/core/clock";
import { tutorFreeText } from "../../src/core/commands/tutor";
import type { Services } from "../../src/core/commands/types";
import type { CourseIndex } from "../../src/core/content/model";
import { DEFAULT_BUDGET, type BudgetConfig } from "../../src/core/tutor/budget";
import type { LlmPort } from "../../src/core/tutor/llm";
import { Retriever, type Embedder } from "../../src/core/tutor/retriever";
import { createTutor, type TutorDeps } from "../../src/core/tutor/service";
import { createStore } from "../../src/db/store";
import { recordingLogger } from "./app";
import type { Config } from "../../src/config";
import { buildTutor } from "../../src/app/tutor-wiring";
import { createTestDb, type TestDb, type TestProvider } from "./db";

let cached: { index: CourseIndex; retriever: Retriever } | undefined;
/** Content and its index are read-only, so tests share one copy. */
export function course() {
  if (!cached) {
    const index = loadContent("content");
    cached = { index, retriever: new Retriever(index) };
  }
  return cached;
}

export interface TutorTestApp {
  bot: Bot;
  services: Services;
  clock: FakeClock;
  testDb: TestDb;
  logger: ReturnType<typeof recordingLogger>;
  close(): Promise<void>;
}

export interface TutorTestOptions {
  llm?: LlmPort;
  /** Shortcut: an OpenAI-compatible server at this URL (fast timeouts, 1 retry). */
  baseURL?: string;
  timeoutMs?: number;
  maxRetries?: number;
  embedder?: Embedder;
  /** With baseURL: embeddings from that server under this model name (hybrid retrieval). */
  embeddingModel?: string;
  budget?: Partial<BudgetConfig>;
  secrets?: string[];
  extra?: Partial<TutorDeps>;
  /** Build the tutor from this configuration, as the app does (src/app/tutor-wiring.ts). */
  config?: Config;
}

export async function createTutorTestApp(
  provider: TestProvider = "sqlite",
  o: TutorTestOptions = {},
): Promise<TutorTestApp> {
  const testDb = await createTestDb(provider);
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  const logger = recordingLogger();
  const { index, retriever } = course();
  const store = createStore(testDb.db.prisma);
  const timeoutMs = o.timeoutMs ?? 2_000;
  const llm =
    o.llm ??
    (o.baseURL
      ? createOpenAiLlm({
          apiKey: "sk-test-key-1234567890",
          baseURL: o.baseURL,
          model: "fake-model",
          timeoutMs,
          maxRetries: o.maxRetries ?? 1,
        })
      : undefined);
  const embedder =
    o.embedder ??
    (o.baseURL && o.embeddingModel
      ? createOpenAiEmbedder(
          createOpenAiClient({ apiKey: "sk-test-key-1234567890", baseURL: o.baseURL, timeoutMs }),
          o.embeddingModel,
          store.tutor,
          o.maxRetries ?? 1,
        )
      : undefined);
  const tutor = o.config
    ? await buildTutor(o.config, index, store, clock, retriever)
    : createTutor({
        store,
        clock,
        retriever,
        llm,
        embedder,
        budget: { ...DEFAULT_BUDGET, ...o.budget },
        secrets: o.secrets ?? ["sk-test-key-1234567890"],
        timeoutMs: timeoutMs * 3 + 1000,
        ...o.extra,
      });
  const services: Services = { index, store, clock, logger, tutor };
  return {
    bot: createBot(services, { onFreeText: tutorFreeText }),
    services,
    clock,
    testDb,
    logger,
    close: () => testDb.drop(),
  };
}
