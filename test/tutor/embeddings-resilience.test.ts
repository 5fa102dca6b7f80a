// Hybrid retrieval inside /ask against a fake embeddings endpoint: 429, 500, malformed replies
// and a hang all leave the learner with an answer (BM25 alone); one deadline covers the whole
// /ask (embeddings included); embedding tokens count against the learner's daily tokens and are
// logged as LLM usage (so the cost report shows them); a used-up budget skips embeddings.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actor } from "../helpers/app";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai";
import { createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const OFFLINE_LABEL = "The AI tutor is unavailable right now";
const ANSWER = "Quantization stores each parameter in fewer bits, e.g. int8 or int4 [1].";

describe("embeddings inside /ask", () => {
  let fake: FakeOpenAi;
  let app: TutorTestApp;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.script = [];
    fake.chats = [];
    fake.fallback = { kind: "ok" };
    fake.embeddingScript = [];
    fake.embeddingFallback = { kind: "ok" };
    fake.embeddingInputs = [];
    fake.onHang = undefined;
    fake.answer = () => ANSWER;
  });
  afterEach(async () => {
    await app?.close();
  });

  const ask = (q = "what is quantization?") =>
    app.bot.handleCommand(actor("u1"), "ask", { question: q });
  const usage = () => app.testDb.db.prisma.llmUsage.findMany({ orderBy: { createdAt: "asc" } });

  it("logs embedding tokens as LLM usage and counts the question's in the learner's daily tokens", async () => {
    // A generous deadline: embedding the whole course the first time takes a few seconds here.
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      embeddingModel: "fake-embed",
      extra: { timeoutMs: 120_000 },
    });
    const [r] = await ask();
    expect(r.text).toContain("Quantization stores each parameter");
    const learner = await app.services.store.learners.upsert({
      platform: "console",
      workspaceId: "w1",
      externalId: "u1",
    });
    const rows = await usage();
    // The question's embedding, charged to the learner; the course's, once, to no one in particular.
    const mine = rows.find((u) => u.model === "fake-embed" && u.learnerId === learner.id)!;
    const shared = rows.find((u) => u.model === "fake-embed" && u.learnerId === null)!;
    expect(mine).toMatchObject({
      outcome: "ok",
      tokensIn: Math.ceil("what is quantization?".length / 4),
      tokensOut: 0,
    });
    expect(shared.tokensIn).toBeGreaterThan(1000);
    const chat = rows.find((u) => u.model === "fake-model")!;
    expect((await app.services.store.tutor.getBudget(learner.id))?.tokensToday).toBe(
      mine.tokensIn + chat.tokensIn + chat.tokensOut,
    );
    // The cost report (usage per day and model) has the embedding model's tokens.
    const days = await app.services.store.tutor.usageByDay(new Date("2026-03-01T00:00:00Z"));
    expect(days.find((d) => d.model === "fake-embed")?.tokensIn).toBe(
      mine.tokensIn + shared.tokensIn,
    );
    expect(app.logger.lines.some((l) => l.msg === "embeddings")).toBe(true);
    // A second question embeds only itself: the course's vectors are cached.
    await ask("what is int4?");
    expect(
      (await usage())
        .filter((u) => u.model === "fake-embed")
        .map((u) => (u.learnerId === null ? "shared" : "mine"))
        .sort(),
    ).toEqual(["mine", "mine", "shared"]);
  });

  it.each([
    ["a persistent 429", { kind: "status", code: 429, retryAfterMs: 5 }],
    ["a persistent 500", { kind: "status", code: 500, retryAfterMs: 5 }],
    ["a malformed reply", { kind: "malformed" }],
  ] as const)(
    "still answers after %s from the embeddings endpoint (BM25 alone), and logs the failure",
    async (_name, behaviour) => {
      app = await createTutorTestApp("sqlite", {
        baseURL: fake.baseURL,
        embeddingModel: "fake-embed",
      });
      fake.embeddingFallback = behaviour;
      const [r] = await ask();
      expect(r.text).toContain("Quantization stores each parameter");
      expect(r.fields?.[0].value).toContain("l02-parameters#quantization");
      expect(fake.embeddingInputs.length).toBeGreaterThan(0);
      expect(app.logger.lines.some((l) => l.msg === "embeddings failed; using BM25 only")).toBe(
        true,
      );
      expect((await usage()).filter((u) => u.model === "fake-embed").map((u) => u.outcome)).toEqual(
        ["error"],
      );
    },
  );

  it("a hanging embeddings endpoint and model share one deadline: the labelled offline answer when it ends", async () => {
    const deadlines: AbortController[] = [];
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      embeddingModel: "fake-embed",
      timeoutMs: 60_000,
      extra: {
        timeoutMs: 600_000,
        deadline: () => {
          const c = new AbortController();
          deadlines.push(c);
          return c.signal;
        },
      },
    });
    fake.embeddingFallback = { kind: "hang" };
    fake.fallback = { kind: "hang" };
    // The /ask's deadline ends while the embeddings request hangs (as a real timeout would).
    fake.onHang = () => deadlines.at(-1)?.abort(new Error("deadline"));
    const [r] = await ask();
    expect(deadlines).toHaveLength(1);
    expect(r.text).toContain(OFFLINE_LABEL);
    expect(r.text).toMatch(/int8|int4/);
    // The model was not given a fresh deadline of its own after the embeddings used it up.
    expect(fake.chats).toHaveLength(0);
    expect((await usage()).map((u) => `${u.model}:${u.outcome}`).sort()).toEqual([
      "fake-embed:error",
      "fake-model:error",
    ]);
  });

  it("a hanging embeddings endpoint gets only a share of the deadline, leaving time for the model's answer", async () => {
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      embeddingModel: "fake-embed",
      timeoutMs: 60_000,
      // 4 s: the embeddings' share (1 s) runs out, and the 3 s left are enough for the model's
      // answer even on a loaded CI machine (800 ms left too little there once).
      extra: { timeoutMs: 4_000 },
    });
    fake.embeddingFallback = { kind: "hang" };
    const [r] = await ask();
    expect(r.text).toContain("Quantization stores each parameter");
    expect(r.text).not.toContain(OFFLINE_LABEL);
    expect(fake.chats).toHaveLength(1);
  });

  it("skips embeddings when the learner's budget is used up", async () => {
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      embeddingModel: "fake-embed",
      budget: { max: 1 },
      extra: { timeoutMs: 120_000 },
    });
    await ask();
    const calls = fake.embeddingInputs.length;
    expect(calls).toBeGreaterThan(0);
    const [spent] = await ask("what is int8 quantization?");
    expect(spent.text).toContain("used up for now");
    expect(fake.embeddingInputs.length).toBe(calls);
    expect(
      (await usage()).filter((u) => u.model === "fake-embed" && u.learnerId !== null),
    ).toHaveLength(1);
  });
});
