// Deferred responses: with deferAfterMs 0 every command and component is deferred (type 5/6)
// and the real answer arrives as an edit of @original or a follow-up, with the right visibility.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  APP_ID,
  component,
  makeKeys,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
} from "../../helpers/discord";

const ann = { id: "666000000000000001", name: "Ann" };
let fake: FakeDiscord, keys: Keys, run: Running, drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  run = await startDiscordApp({
    databaseUrl: db.url,
    keys,
    fake,
    clock: new FakeClock(),
    discord: { deferAfterMs: 0 },
  });
});
afterAll(async () => {
  await run?.stop();
  await fake?.close();
  await drop?.();
});

const hook = (token: string) => `/api/v10/webhooks/${APP_ID}/${token}`;

describe("deferred interactions", () => {
  it("defers a private command ephemerally, then edits @original", async () => {
    const p = slash(ann, "help");
    const r = await post(run.base, keys, p);
    expect(r.json).toEqual({ type: 5, data: { flags: 64 } });
    await run.surfaces.discord!.idle();
    const edit = fake.calls.find(
      (c) => c.method === "PATCH" && c.path === `${hook(p.token)}/messages/@original`,
    );
    expect(edit?.body.embeds[0].title).toBe("Commands");
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("replaces a private placeholder with a public follow-up for a channel round", async () => {
    const p = slash(ann, "quiz", [
      { name: "mode", type: 3, value: "channel" },
      { name: "count", type: 4, value: 1 },
    ]);
    const r = await post(run.base, keys, p);
    expect(r.json.type).toBe(5);
    await run.surfaces.discord!.idle();
    const calls = fake.calls.filter((c) => c.path.startsWith(hook(p.token)));
    expect(calls.map((c) => c.method)).toEqual(["DELETE", "POST"]);
    expect(calls[1].body.flags).toBeUndefined();
    expect(calls[1].body.embeds[0].title).toBe("Channel round · 1/1");
  });

  it("defers a component update (type 6) and edits the message in place", async () => {
    const q = run.app.services.index.course.questions.find((x) => x.type === "single")!;
    const { store, clock } = run.app.services;
    const learner = await store.learners.upsert(
      { platform: "discord", workspaceId: "222222222222222222", externalId: ann.id },
      "Ann",
    );
    const s = await store.sessions.create({
      learnerId: learner.id,
      mode: "practice",
      topic: null,
      questionIds: [q.id],
      questionShownAt: clock.now(),
      startedAt: clock.now(),
    });
    const p = component(ann, `quiz.next:${s.id}:0`);
    const r = await post(run.base, keys, p);
    expect(r.json).toEqual({ type: 6 });
    await run.surfaces.discord!.idle();
    const edit = fake.calls.find(
      (c) => c.method === "PATCH" && c.path === `${hook(p.token)}/messages/@original`,
    );
    expect(edit?.body.embeds[0].title).toMatch(/^Question 1\/1/);
    expect(edit?.body.components.length).toBeGreaterThan(0);
  });

  it("/progress sends the mastery chart as a file the embed shows", async () => {
    const q = run.app.services.index.course.questions.find((x) => x.type === "single")! as {
      id: string;
      answer: string;
    };
    const { store, clock } = run.app.services;
    const learner = await store.learners.upsert(
      { platform: "discord", workspaceId: "222222222222222222", externalId: ann.id },
      "Ann",
    );
    await store.sessions.abandonOpen(learner.id, clock.now());
    const s = await store.sessions.create({
      learnerId: learner.id,
      mode: "practice",
      topic: null,
      questionIds: [q.id],
      questionShownAt: clock.now(),
      startedAt: clock.now(),
    });
    await post(run.base, keys, component(ann, `pick|${q.answer}|quiz.answer:${s.id}:0`));
    await run.surfaces.discord!.idle();
    const p = slash(ann, "progress");
    expect((await post(run.base, keys, p)).json).toEqual({ type: 5, data: { flags: 64 } });
    await run.surfaces.discord!.idle();
    const edit = fake.calls.find(
      (c) => c.method === "PATCH" && c.path === `${hook(p.token)}/messages/@original`,
    );
    expect(edit?.contentType).toMatch(/^multipart\/form-data/);
    expect(edit?.body._files).toEqual(["mastery.png"]);
    expect(edit?.body.embeds[0].image).toEqual({ url: "attachment://mastery.png" });
    expect(edit?.body.attachments).toMatchObject([{ id: 0, filename: "mastery.png" }]);
    expect(edit?.body.allowed_mentions).toEqual({ parse: [] });
  });
});
