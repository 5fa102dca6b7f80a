// One deadline for /ask: with TUTOR_TIMEOUT_SECONDS=2 (the app's own wiring, TUTOR_MAX_RETRIES=2),
// every fault of the model's server ends in the labelled offline answer within the timeout plus
// one second: a 429 asking to retry after 60 s, persistent 500s, a hang, a stream that stalls
// half-way, a first byte that comes after 60 s. The server's own delays are all far longer than
// the bound, so finishing within it shows the tutor stopped waiting, not that the server was quick.
import { performance } from "node:perf_hooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { actor } from "../helpers/app";
import { startFakeOpenAi, type Behaviour, type FakeOpenAi } from "../helpers/fake-openai";
import { createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const OFFLINE_LABEL = "The AI tutor is unavailable right now";
const TIMEOUT_SECONDS = 2;

describe(`every model fault ends within TUTOR_TIMEOUT_SECONDS (${TIMEOUT_SECONDS} s) + 1 s`, () => {
  let fake: FakeOpenAi;
  let app: TutorTestApp | undefined;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
    // Warm up (module loading, the first query's JIT) so the deadline is spent on the fault alone.
    const warm = await createTutorTestApp("sqlite", {
      config: loadConfig({
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: "sk-x-123456789",
        TUTOR_TIMEOUT_SECONDS: "30",
      }),
    });
    await warm.bot.handleCommand(
      actor("u1"),
      "ask",
      { question: "what is quantization?" },
      undefined,
      { onProgress: () => {} },
    );
    await warm.close();
  }, 60_000);
  afterAll(async () => {
    await fake.close();
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const FAULTS: [string, Behaviour, boolean][] = [
    ["a 429 with Retry-After: 60", { kind: "status", code: 429, retryAfter: "60" }, false],
    ["persistent 500s", { kind: "status", code: 500 }, false],
    ["a server that hangs", { kind: "hang" }, false],
    ["a stream that stalls half-way", { kind: "stream", pieces: 6, stallAfter: 2 }, true],
    ["a first byte after 60 s", { kind: "slow", firstByteMs: 60_000 }, false],
    ["a streamed first byte after 60 s", { kind: "slow", firstByteMs: 60_000 }, true],
  ];

  it.each(FAULTS)(
    "%s",
    async (_name, behaviour, streamed) => {
      const config = loadConfig({
        OPENAI_BASE_URL: fake.baseURL,
        OPENAI_API_KEY: "sk-test-key-1234567890",
        TUTOR_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
        TUTOR_MAX_RETRIES: "2",
      });
      app = await createTutorTestApp("sqlite", { config });
      fake.script = [];
      fake.fallback = behaviour;
      fake.answer = () =>
        "Quantization stores each parameter in fewer bits [1]. It saves memory [1].";
      const chatsBefore = fake.chats.length;
      const started = performance.now();
      const [r] = await app.bot.handleCommand(
        actor("u1"),
        "ask",
        { question: "what is quantization?" },
        undefined,
        streamed ? { onProgress: () => {} } : {},
      );
      const elapsed = performance.now() - started;
      expect(r.text).toContain(OFFLINE_LABEL);
      expect(fake.chats.length).toBeGreaterThan(chatsBefore);
      expect(elapsed).toBeLessThan((TIMEOUT_SECONDS + 1) * 1000);
      // The question is not charged: the learner got no model answer.
      expect(r.footer).toBe("10/10 questions left");
    },
    20_000,
  );

  it("does not wait for a Retry-After that ends past the deadline: one request, no retry", async () => {
    const config = loadConfig({
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: "sk-x-123456789",
      TUTOR_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
      TUTOR_MAX_RETRIES: "5",
    });
    app = await createTutorTestApp("sqlite", { config });
    fake.fallback = { kind: "status", code: 429, retryAfter: "60" };
    const before = fake.chats.length;
    const [r] = await app.bot.handleCommand(actor("u1"), "ask", {
      question: "what is quantization?",
    });
    expect(r.text).toContain(OFFLINE_LABEL);
    expect(fake.chats.length - before).toBe(1);
  }, 20_000);

  it("still retries a short Retry-After within the deadline and answers", async () => {
    const config = loadConfig({
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: "sk-x-123456789",
      TUTOR_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
      TUTOR_MAX_RETRIES: "2",
    });
    app = await createTutorTestApp("sqlite", { config });
    fake.fallback = { kind: "ok" };
    fake.script = [{ kind: "status", code: 429, retryAfter: "0" }];
    fake.answer = () => "Quantization stores each parameter in fewer bits [1].";
    const [r] = await app.bot.handleCommand(actor("u1"), "ask", {
      question: "what is quantization?",
    });
    expect(r.text).toContain("fewer bits");
    expect(r.text).not.toContain(OFFLINE_LABEL);
  }, 20_000);
});
