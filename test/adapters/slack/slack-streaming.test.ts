// Streaming tutor answers on Slack: /ask shows a placeholder through the response_url and
// replaces it with partial answers, then the final one; a thread follow-up posts a placeholder
// in the thread and edits it with chat.update. The model is the fake OpenAI server, streaming.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeOpenAi, type FakeOpenAi } from "../../helpers/fake-openai";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../../helpers/fake-slack";
import { respondedAt, startSlackTestApp, textOf, type SlackTestApp } from "../../helpers/slack-app";

// Longer than the 80 characters a stream holds back while no quiz question is open (stream-guard.ts).
const FINAL =
  "Quantization stores each parameter in fewer bits, for example int8 or int4 instead of fp16, which shrinks the model file [1].";
let fake: FakeSlack;
let llm: FakeOpenAi;
let t: SlackTestApp;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeSlack();
  llm = await startFakeOpenAi();
  llm.fallback = { kind: "stream", text: FINAL, pieces: 6 };
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  t = await startSlackTestApp(fake, db.url, new FakeClock("2026-03-02T09:00:00Z"), {
    OPENAI_API_KEY: "sk-test-key-1234567890",
    OPENAI_BASE_URL: llm.baseURL,
    OPENAI_MODEL: "fake-model",
  });
});

afterAll(async () => {
  await t?.stop();
  await llm?.close();
  await fake?.close();
  await drop?.();
});

const isFinal = (c: SlackCall) =>
  textOf(c).includes("shrinks the model file") && !textOf(c).includes(" …");
const isPartial = (c: SlackCall) => textOf(c).includes(" …");

describe("streamed tutor answers on Slack", () => {
  it("/ask: placeholder, at least one partial, then the final answer, all in the same message", async () => {
    const url = await t.command("ask", "what is quantization?", { user: "US", channel: "C1" });
    const final = await fake.waitFor((c) => respondedAt(url)(c) && isFinal(c), "final answer");
    const calls = fake.calls.filter(respondedAt(url));
    expect(llm.chats.at(-1)?.stream).toBe(true);
    expect(calls[0].body.text).toBe("💭 Thinking…");
    expect(calls[0].body.replace_original).toBe(false);
    const partials = calls.filter(isPartial);
    expect(partials.length).toBeGreaterThanOrEqual(1);
    expect(partials.length).toBeLessThanOrEqual(2); // a response_url takes 5 uses at most
    for (const p of partials) expect(p.body.replace_original).toBe(true);
    expect(calls.indexOf(partials[0])).toBeLessThan(calls.indexOf(final));
    expect(final).toBe(calls.at(-1));
    expect(final.body.replace_original).toBe(true);
    expect(final.body.response_type).toBe("in_channel");
    expect(calls.length).toBeLessThanOrEqual(5);
  });

  it("a thread follow-up: placeholder in the thread, chat.update with partials, then the final answer", async () => {
    const thread = "1700000777.000100";
    await t.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "US",
      text: "and why does that save memory?",
      ts: "1700000778.000100",
      thread_ts: thread,
      parent_user_id: "UBOT",
    });
    const placeholder = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.thread_ts === thread,
      "placeholder",
    );
    expect(textOf(placeholder)).toContain("Thinking");
    const final = await fake.waitFor(
      (c) => c.method === "chat.update" && isFinal(c),
      "final update",
    );
    const updates = fake.calls.filter(
      (c) =>
        c.method === "chat.update" &&
        c.body.channel === "C1" &&
        fake.calls.indexOf(c) > fake.calls.indexOf(placeholder),
    );
    const partial = updates.find(isPartial);
    expect(partial).toBeDefined();
    expect(updates.indexOf(partial!)).toBeLessThan(updates.indexOf(final));
    // Every edit targets the one placeholder message.
    expect(new Set(updates.map((u) => u.body.ts)).size).toBe(1);
    expect(updates[0].body.ts).toMatch(/^\d+\.\d+$/);
    // Only the placeholder was posted; the answer replaced it.
    expect(
      fake.calls.filter((c) => c.method === "chat.postMessage" && c.body.thread_ts === thread),
    ).toHaveLength(1);
  });
});
