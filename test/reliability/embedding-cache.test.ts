// The in-memory embedding cache is bounded: 400 distinct questions (as many learners asking
// different things) go through hybrid retrieval against a local fake of the embeddings endpoint,
// with a cache bound of 64 KB. The cache never holds more than its bound, the oldest questions
// are evicted, and the course's passages, used by every question, stay cached: each is embedded
// once, so the bound costs no extra calls for them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenAiEmbedder } from "../../src/app/llm/embedder";
import { createOpenAiClient } from "../../src/app/llm/openai-llm";
import { createStore } from "../../src/db/store";
import { createTestDb, type TestDb } from "../helpers/db";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai";
import { course } from "../helpers/tutor-app";

const QUESTIONS = 400;
const BOUND = 64 * 1024;

let fake: FakeOpenAi;
let db: TestDb;
beforeAll(async () => {
  fake = await startFakeOpenAi();
  db = await createTestDb("sqlite");
});
afterAll(async () => {
  await fake?.close();
  await db?.drop();
});

describe("embedding cache", () => {
  it(`stays within its bound over ${QUESTIONS} distinct questions and keeps the passages`, async () => {
    const client = createOpenAiClient({ apiKey: "k", baseURL: fake.baseURL, timeoutMs: 5000 });
    const embedder = createOpenAiEmbedder(
      client,
      "fake-embed",
      createStore(db.db.prisma).tutor,
      0,
      { cacheBytes: BOUND },
    );
    const retriever = course().retriever;
    await retriever.retrieveHybrid("what is safetensors", embedder, { k: 3 });
    const passages = fake.embeddingInputs.flat().length - 1;
    let peak = 0;
    for (let n = 0; n < QUESTIONS; n++) {
      await retriever.retrieveHybrid(
        `question ${n}: how many parameters does model ${n} have?`,
        embedder,
        { k: 3 },
      );
      peak = Math.max(peak, embedder.cached().bytes);
    }
    const { entries, bytes } = embedder.cached();
    expect(peak).toBeLessThanOrEqual(BOUND);
    expect(bytes).toBeLessThanOrEqual(BOUND);
    expect(entries).toBeLessThan(QUESTIONS);
    expect(entries).toBeGreaterThan(passages); // the passages plus the most recent questions
    // One call input per new question; no passage was embedded a second time.
    expect(fake.embeddingInputs.flat().length).toBe(passages + 1 + QUESTIONS);
  }, 300_000);
});
