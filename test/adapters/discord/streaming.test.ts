// Streamed tutor answers on Discord, against the fake OpenAI-compatible server: /ask defers and
// edits @original with partial answers, then with the final one; a question typed in a tutor
// thread (gateway mode) is posted at its first partial and edited to the final answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DISCORD } from "../../../src/adapters/discord/identity";
import { createDiscordRest } from "../../../src/adapters/discord/rest";
import { identityFields } from "../../../src/adapters/platform/contract";
import { answerInThread } from "../../../src/adapters/discord/thread-replies";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  APP_ID,
  GUILD,
  makeKeys,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
} from "../../helpers/discord";
import { startFakeOpenAi, type FakeOpenAi } from "../../helpers/fake-openai";

const ann = { id: "777000000000000001", name: "Ann" };
const ANSWER =
  "Quantization stores each parameter in fewer bits, for example int8 or int4, which saves memory at a small cost in quality [1].";

let fake: FakeDiscord, llm: FakeOpenAi, keys: Keys, run: Running, drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  llm = await startFakeOpenAi();
  llm.fallback = { kind: "stream", pieces: 6 };
  llm.answer = () => ANSWER;
  keys = makeKeys();
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  run = await startDiscordApp({
    databaseUrl: db.url,
    keys,
    fake,
    clock: new FakeClock("2026-03-02T09:00:00Z"),
    env: { OPENAI_BASE_URL: llm.baseURL, OPENAI_API_KEY: "sk-test-stream-123456" },
  });
});
afterAll(async () => {
  await run?.stop();
  await fake?.close();
  await llm?.close();
  await drop?.();
});

describe("streaming tutor answers on Discord", () => {
  it("/ask defers, edits @original with a partial answer, then with the final answer", async () => {
    const p = slash(ann, "ask", [{ name: "question", type: 3, value: "what is quantization?" }]);
    const r = await post(run.base, keys, p);
    // The first partial arrives long before the 10 s the test app waits: the answer was deferred.
    expect(r.json).toEqual({ type: 5, data: { flags: 64 } });
    await run.surfaces.discord!.idle();
    expect(llm.chats.at(-1)?.stream).toBe(true);
    const edits = fake.calls.filter(
      (c) =>
        c.method === "PATCH" &&
        c.path === `/api/v10/webhooks/${APP_ID}/${p.token}/messages/@original`,
    );
    expect(edits.length).toBeGreaterThanOrEqual(2);
    const texts = edits.map((e) => e.body.embeds[0].description as string);
    const [partials, final] = [texts.slice(0, -1), texts.at(-1)!];
    expect(partials.every((t) => t.endsWith(" …"))).toBe(true);
    expect(partials[0].length).toBeLessThan(final.length);
    expect(final).toContain(ANSWER.replace(" [1].", ""));
    expect(final.endsWith(" …")).toBe(false);
    expect(edits.at(-1)!.body.embeds[0].fields?.length).toBeGreaterThan(0); // the cited sources
    expect(edits.every((e) => e.body.allowed_mentions?.parse?.length === 0)).toBe(true);
    // Nothing else was posted for this interaction.
    expect(fake.calls.filter((c) => c.path.includes(p.token) && c.method !== "PATCH")).toHaveLength(
      0,
    );
  });

  it("a question typed in a tutor thread is posted at its first partial, then edited to the final answer", async () => {
    const thread = "888000000000000001";
    const rest = createDiscordRest({ applicationId: APP_ID, token: "bot-token", apiUrl: fake.url });
    const before = fake.calls.length;
    await answerInThread(
      { bot: run.app.bot, rest, logger: run.logger },
      {
        ...identityFields(DISCORD),
        workspaceId: GUILD,
        userId: ann.id,
        displayName: "Ann",
        channelId: thread,
        threadId: thread,
        isAdmin: false,
        isDirectMessage: false,
      },
      "and what is quantization?",
      { channelId: thread, messageId: "999" },
    );
    const calls = fake.calls
      .slice(before)
      .filter((c) => c.path.startsWith(`/api/v10/channels/${thread}/messages`));
    expect(calls[0].method).toBe("POST");
    expect(calls[0].body.embeds[0].description.endsWith(" …")).toBe(true);
    expect(calls[0].body.message_reference).toEqual({
      message_id: "999",
      fail_if_not_exists: false,
    });
    const posted = calls.filter((c) => c.method === "POST");
    expect(posted).toHaveLength(1); // one message, edited in place
    const last = calls.at(-1)!;
    expect(last.method).toBe("PATCH");
    expect(last.path).toMatch(/\/messages\/\d+$/);
    expect(last.body.embeds[0].description).toContain(ANSWER.replace(" [1].", ""));
    expect(last.body.embeds[0].description.endsWith(" …")).toBe(false);
  });
});
