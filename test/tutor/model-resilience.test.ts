// The tutor against a local fake OpenAI-compatible server: plain and streamed answers, retries
// on 429/500, and the labelled offline answer on persistent errors, malformed JSON and a hang.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAi, type FakeOpenAi } from "../helpers/fake-openai";
import { actor } from "../helpers/app";
import { createTutorTestApp, type TutorTestApp } from "../helpers/tutor-app";

const OFFLINE_LABEL = "The AI tutor is unavailable right now";

describe("tutor with a model (fake OpenAI-compatible server)", () => {
  let fake: FakeOpenAi;
  let app: TutorTestApp;
  beforeAll(async () => {
    fake = await startFakeOpenAi();
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(async () => {
    fake.script = [];
    fake.chats = [];
    fake.fallback = { kind: "ok" };
    fake.answer = () =>
      "Quantization stores each parameter in fewer bits, e.g. int8 or int4, to save memory [1].";
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      timeoutMs: 400,
      maxRetries: 1,
    });
  });
  afterEach(async () => {
    await app.close();
  });

  const ask = (q = "what is quantization?", req = {}) =>
    app.bot.handleCommand(actor("u1"), "ask", { question: q }, undefined, req);

  it("answers from a non-streaming completion, citing the sections it used", async () => {
    // This test is about the answer, not speed: on a loaded machine the file's first /ask (cold
    // HTTP client, first search over the whole course) can exceed 400 ms, so use the default.
    await app.close();
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      timeoutMs: 2000,
      maxRetries: 1,
    });
    const [r] = await ask();
    expect(r.text).toContain("Quantization stores each parameter in fewer bits");
    expect(r.text).not.toContain(OFFLINE_LABEL);
    expect(r.fields?.[0].value).toContain("l02-parameters#quantization");
    expect(r.footer).toBe("9/10 questions left · next in 3 min");
    // The prompt carried the notes and the learner's words, each delimited.
    const sent = fake.chats[0].messages.map((m) => m.content).join("\n");
    expect(sent).toContain("<notes>");
    expect(sent).toContain("<learner_message>\nwhat is quantization?\n</learner_message>");
    const usage = await app.testDb.db.prisma.llmUsage.findMany();
    expect(usage).toMatchObject([
      { model: "fake-model", tokensIn: 321, tokensOut: 45, outcome: "ok" },
    ]);
  });

  it("streams: progress updates arrive in order, throttled, then the final reply", async () => {
    fake.script = [{ kind: "stream", pieces: 8, delayMs: 5 }];
    let t = 0;
    await app.close();
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      timeoutMs: 2000,
      extra: { now: () => (t += 400), progressIntervalMs: 1000 },
    });
    // Long enough to show progress: the last HOLD_BACK characters are held until the end (stream-guard.ts).
    fake.answer = () =>
      "Quantization stores each parameter in fewer bits, e.g. int8 or int4, to save memory [1]. An int8 weight takes one byte instead of two in fp16, so the weights of a model take about half the space [1]. The price is a small loss of precision, which is usually acceptable for running a model [1].";
    const partials: string[] = [];
    const [r] = await ask("what is quantization?", {
      onProgress: (p: { text: string }) => {
        partials.push(p.text);
      },
    });
    expect(fake.chats[0].stream).toBe(true);
    expect(r.text).toContain("Quantization stores each parameter in fewer bits");
    // 8 deltas, 400 "ms" apart on the injected clock, at most one update per 1000 ms: 3 updates.
    expect(partials.length).toBeGreaterThanOrEqual(2);
    expect(partials.length).toBeLessThan(8);
    for (let i = 1; i < partials.length; i++)
      expect(partials[i].length).toBeGreaterThan(partials[i - 1].length);
    expect(partials.every((p) => p.endsWith(" …"))).toBe(true);
  });

  it("retries a 429 and answers", async () => {
    fake.script = [{ kind: "status", code: 429, retryAfterMs: 10 }];
    const [r] = await ask();
    expect(fake.chats).toHaveLength(2);
    expect(r.text).toContain("Quantization stores each parameter");
  });

  it("retries a 500 and answers", async () => {
    fake.script = [{ kind: "status", code: 500, retryAfterMs: 10 }];
    const [r] = await ask();
    expect(fake.chats).toHaveLength(2);
    expect(r.text).not.toContain(OFFLINE_LABEL);
  });

  it("falls back to the labelled offline answer when 5xx persists, and refunds the question", async () => {
    fake.fallback = { kind: "status", code: 503, retryAfterMs: 10 };
    const [r] = await ask();
    expect(fake.chats).toHaveLength(2); // first try + 1 retry
    expect(r.text).toContain(OFFLINE_LABEL);
    expect(r.text).toMatch(/int8|int4/); // quoted from the notes
    expect(r.fields?.[0].value).toContain("l02-parameters#quantization");
    expect(r.footer).toBe("10/10 questions left");
    expect((await app.testDb.db.prisma.llmUsage.findMany()).map((u) => u.outcome)).toEqual([
      "error",
    ]);
  });

  it("falls back on malformed JSON", async () => {
    fake.script = [{ kind: "malformed" }, { kind: "malformed" }];
    const [r] = await ask();
    expect(r.text).toContain(OFFLINE_LABEL);
  });

  it("falls back on a malformed stream", async () => {
    fake.fallback = { kind: "stream-malformed" };
    const [r] = await ask("what is quantization?", { onProgress: () => {} });
    expect(r.text).toContain(OFFLINE_LABEL);
  });

  it("falls back when the server hangs (per-attempt timeout, then retry, then offline)", async () => {
    fake.fallback = { kind: "hang" };
    const [r] = await ask();
    expect(fake.chats.length).toBe(2);
    expect(r.text).toContain(OFFLINE_LABEL);
    expect(app.logger.lines.some((l) => l.msg === "tutor model failed; answering offline")).toBe(
      true,
    );
  });

  it("falls back when a stream stalls half-way (overall deadline)", async () => {
    await app.close();
    app = await createTutorTestApp("sqlite", {
      baseURL: fake.baseURL,
      timeoutMs: 5000,
      extra: { timeoutMs: 600 },
    });
    fake.fallback = { kind: "stream", pieces: 4, delayMs: 2000 };
    const [r] = await ask("what is quantization?", { onProgress: () => {} });
    expect(r.text).toContain(OFFLINE_LABEL);
  });

  it("neutralizes mentions and removes keys and the prompt marker from model output", async () => {
    fake.answer = () =>
      "Hey @everyone and <@123456> and <!channel>: quantization saves memory [1]. key sk-test-key-1234567890";
    const [r] = await ask();
    expect(r.text).not.toMatch(/@everyone|<@123456>|<!channel>/);
    expect(r.text).toContain("@\u200beveryone");
    expect(r.text).not.toContain("sk-test-key-1234567890");
    fake.answer = () => "[TUTOR-RULES-7f3a] You are the tutor of the course...";
    const [r2] = await ask("what is int8 quantization?");
    expect(r2.text).not.toContain("TUTOR-RULES");
    expect(r2.text).not.toContain("You are the tutor");
  });
});
