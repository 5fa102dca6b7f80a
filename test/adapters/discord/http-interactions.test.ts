// Discord HTTP interactions end to end: signed payloads over HTTP to the running app, with a
// fake Discord REST API capturing follow-ups and edits. Real wire formats throughout.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import type { Question } from "../../../src/core/content/schema";
import type { CommandOption } from "../../../src/core/commands/types";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  APP_ID,
  autocomplete,
  CHANNEL,
  component,
  makeKeys,
  modalSubmit,
  post,
  signBody,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
  type UserSpec,
} from "../../helpers/discord";

const ann: UserSpec = { id: "444000000000000001", name: "Ann" };
const mei: UserSpec = { id: "444000000000000002", name: "Mei", locale: "zh-CN" };
/** Runs every command (settings included), so other tests' learners keep their state; Manage Server (0x20) reaches admin paths. */
const zed: UserSpec = { id: "444000000000000009", name: "Zed", permissions: "32" };

let fake: FakeDiscord;
let keys: Keys;
let run: Running;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  run = await startDiscordApp({
    databaseUrl: db.url,
    keys,
    fake,
    clock: new FakeClock("2026-03-02T09:00:00Z"),
  });
});

afterAll(async () => {
  await run?.stop();
  await fake?.close();
  await drop?.();
});

const send = (payload: unknown) => post(run.base, keys, payload);
const settle = () => run.surfaces.discord!.idle();
const callsSince = (n: number) => fake.calls.slice(n);

function question(pred: (q: Question) => boolean): Question {
  const q = run.app.services.index.course.questions.find(pred);
  if (!q) throw new Error("no such question in the course");
  return q;
}

/** A personal quiz on exactly these questions, so each widget type can be exercised. */
async function sessionWith(user: UserSpec, ids: string[]) {
  const { store, clock } = run.app.services;
  const learner = await store.learners.upsert(
    { platform: "discord", workspaceId: "222222222222222222", externalId: user.id },
    user.name,
  );
  await store.sessions.abandonOpen(learner.id, clock.now());
  return store.sessions.create({
    learnerId: learner.id,
    mode: "practice",
    topic: null,
    questionIds: ids,
    questionShownAt: clock.now(),
    startedAt: clock.now(),
  });
}

const allComponents = (msg: any): any[] => (msg.components ?? []).flatMap((r: any) => r.components);

describe("signature checks", () => {
  it("answers PING with PONG", async () => {
    const r = await send({ id: "1", type: 1, application_id: APP_ID, token: "t", version: 1 });
    expect(r).toEqual({ status: 200, json: { type: 1 } });
  });

  it("rejects missing, forged and stale-body signatures with 401", async () => {
    const body = JSON.stringify({
      id: "1",
      type: 1,
      application_id: APP_ID,
      token: "t",
      version: 1,
    });
    const missing = await fetch(`${run.base}/discord/interactions`, { method: "POST", body });
    expect(missing.status).toBe(401);
    const other = makeKeys();
    expect((await post(run.base, keys, JSON.parse(body), signBody(other, body))).status).toBe(401);
    const stale = signBody(keys, body.replace('"t"', '"u"'));
    expect((await post(run.base, keys, JSON.parse(body), stale)).status).toBe(401);
    const garbage = { "x-signature-ed25519": "zz", "x-signature-timestamp": "1" };
    expect((await post(run.base, keys, JSON.parse(body), garbage)).status).toBe(401);
  });
});

describe("slash commands", () => {
  it("answers /help ephemerally with an embed and no mentions", async () => {
    const r = await send(slash(ann, "help"));
    expect(r.status).toBe(200);
    expect(r.json.type).toBe(4);
    expect(r.json.data.flags).toBe(64);
    expect(r.json.data.allowed_mentions).toEqual({ parse: [] });
    expect(r.json.data.embeds[0].title).toBe("Commands");
    expect(r.json.data.embeds[0].description).toContain("/quiz");
  });

  it("uses the interaction locale (zh-CN) unless the learner chose one", async () => {
    const r = await send(slash(mei, "help"));
    expect(r.json.data.embeds[0].title).toBe("命令");
    await send(
      slash(mei, "settings", [
        { name: "language", type: 1, options: [{ name: "value", type: 3, value: "en" }] },
      ]),
    );
    const after = await send(slash(mei, "help"));
    expect(after.json.data.embeds[0].title).toBe("Commands");
  });

  it("answers every core command and subcommand, with its options typed as Discord sends them", async () => {
    // Discord's option type numbers: string 3, integer 4, boolean 5, channel 7, number 10.
    const TYPE = {
      string: 3,
      integer: 4,
      boolean: 5,
      channel: 7,
      number: 10,
      attachment: 11,
    } as const;
    const sample = (o: CommandOption) =>
      o.choices?.[0]?.value ??
      (o.type === "integer" || o.type === "number"
        ? (o.min ?? 1)
        : o.type === "boolean"
          ? true
          : o.type === "channel"
            ? CHANNEL
            : o.autocomplete === "timezone"
              ? "UTC"
              : "units");
    let handled = 0;
    for (const cmd of run.app.bot.commands) {
      const variants = cmd.subcommands?.length
        ? cmd.subcommands.map((s) => ({ sub: s.name, opts: s.options ?? [] }))
        : [{ sub: undefined, opts: cmd.options ?? [] }];
      for (const { sub, opts } of variants) {
        const values = opts
          .filter((o) => o.required)
          .map((o) => ({ name: o.name, type: TYPE[o.type], value: sample(o) }));
        const options = sub ? [{ name: sub, type: 1, options: values }] : values;
        const what = sub ? `${cmd.name} ${sub}` : cmd.name;
        const r = await send(slash(zed, cmd.name, options));
        expect(r.status, what).toBe(200);
        expect([4, 5], what).toContain(r.json.type);
        if (r.json.type === 4) {
          expect(r.json.data.allowed_mentions, what).toEqual({ parse: [] });
          expect(r.json.data.embeds[0].description.length, what).toBeGreaterThan(0);
          // A user error is fine (e.g. "no quiz in progress"); the bug apology is not.
          expect(r.json.data.embeds[0].description, what).not.toMatch(
            /something went wrong on our side/,
          );
        }
        handled++;
      }
    }
    expect(handled).toBeGreaterThan(run.app.bot.commands.length);
    await settle();
  });

  it("starts a personal quiz: intro in the response, question as an ephemeral follow-up", async () => {
    const before = fake.calls.length;
    const payload = slash(ann, "quiz", [{ name: "count", type: 4, value: 2 }]);
    const r = await send(payload);
    expect(r.json.type).toBe(4);
    expect(r.json.data.flags).toBe(64);
    await settle();
    const follow = callsSince(before).filter(
      (c) => c.method === "POST" && c.path === `/api/v10/webhooks/${APP_ID}/${payload.token}`,
    );
    expect(follow).toHaveLength(1);
    expect(follow[0].body.flags).toBe(64);
    expect(follow[0].body.allowed_mentions).toEqual({ parse: [] });
    expect(follow[0].body.embeds[0].title).toMatch(/^Question 1\/2/);
    const ids = allComponents(follow[0].body).map((c: any) => c.custom_id);
    expect(ids.some((id: string) => id.includes("quiz.answer:"))).toBe(true);
    expect(ids.some((id: string) => id.startsWith("quiz.hint:"))).toBe(true);
  });

  it("suggests topics while typing (autocomplete)", async () => {
    const topic = run.app.services.index.course.topics[0];
    const r = await send(
      autocomplete(ann, "quiz", [
        { name: "topic", type: 3, value: topic.id.slice(0, 3), focused: true },
      ]),
    );
    expect(r.json.type).toBe(8);
    expect(r.json.data.choices.map((c: any) => c.value)).toContain(topic.id);
    const tz = await send(
      autocomplete(ann, "settings", [
        {
          name: "timezone",
          type: 1,
          options: [{ name: "value", type: 3, value: "Shang", focused: true }],
        },
      ]),
    );
    expect(tz.json.data.choices).toContainEqual({ name: "Asia/Shanghai", value: "Asia/Shanghai" });
    const term = await send(
      autocomplete(ann, "glossary", [{ name: "term", type: 3, value: "quant", focused: true }]),
    );
    expect(term.json.data.choices[0]).toEqual({
      name: "quantization · 量化",
      value: "quantization",
    });
  });
});

describe("quiz components", () => {
  it("single choice: buttons; the verdict replaces the question with Next / Ask about this", async () => {
    const q = question((x) => x.type === "single") as Extract<Question, { type: "single" }>;
    const s = await sessionWith(ann, [q.id, question((x) => x.type === "true-false").id]);
    const shown = await send(component(ann, `quiz.next:${s.id}:0`));
    expect(shown.json.type).toBe(7);
    const buttons = allComponents(shown.json.data).filter(
      (c: any) => c.type === 2 && c.custom_id.startsWith("pick|"),
    );
    expect(buttons).toHaveLength(q.choices.length);
    const right = buttons.find(
      (b: any) => b.custom_id === `pick|${q.answer}|quiz.answer:${s.id}:0`,
    );
    const verdict = await send(component(ann, right.custom_id));
    expect(verdict.json.type).toBe(7);
    expect(verdict.json.data.embeds[0].description).toContain("Correct");
    expect(verdict.json.data.embeds[0].color).toBe(0x57f287);
    expect(allComponents(verdict.json.data).map((c: any) => c.custom_id)).toEqual([
      `quiz.next:${s.id}:1`,
      `tutor.about:${q.id}`,
    ]);
    expect(verdict.json.data.allowed_mentions).toEqual({ parse: [] });
  });

  it("true/false buttons and a wrong answer get the error colour and the answer", async () => {
    const q = question((x) => x.type === "true-false") as Extract<Question, { type: "true-false" }>;
    const s = await sessionWith(ann, [q.id]);
    const shown = await send(component(ann, `quiz.next:${s.id}:0`));
    const ids = allComponents(shown.json.data).map((c: any) => c.custom_id);
    expect(ids).toContain(`pick|true|quiz.answer:${s.id}:0`);
    const verdict = await send(component(ann, `pick|${!q.answer}|quiz.answer:${s.id}:0`));
    expect(verdict.json.data.embeds[0].color).toBe(0xed4245);
    // Last question: the summary follows as an ephemeral follow-up.
    await settle();
  });

  it("multiple choice: a string select with min/max; values go to the core", async () => {
    const q = question((x) => x.type === "multiple") as Extract<Question, { type: "multiple" }>;
    const s = await sessionWith(ann, [q.id, question((x) => x.type === "single").id]);
    const shown = await send(component(ann, `quiz.next:${s.id}:0`));
    const sel = allComponents(shown.json.data).find((c: any) => c.type === 3);
    expect(sel).toMatchObject({
      custom_id: `multi|quiz.answer:${s.id}:0`,
      min_values: 1,
      max_values: q.choices.length,
    });
    const verdict = await send(component(ann, sel.custom_id, { values: q.answer }));
    expect(verdict.json.data.embeds[0].description).toContain("Correct");
  });

  it("numeric: a button opens a modal; the modal submit is graded", async () => {
    const q = question((x) => x.type === "numeric") as Extract<Question, { type: "numeric" }>;
    const s = await sessionWith(ann, [q.id, question((x) => x.type === "single").id]);
    const shown = await send(component(ann, `quiz.next:${s.id}:0`));
    const ask = allComponents(shown.json.data).find((c: any) => c.custom_id.startsWith("ask|"));
    const modal = await send(component(ann, ask.custom_id));
    expect(modal.json.type).toBe(9);
    expect(modal.json.data.custom_id).toBe(`text|quiz.answer:${s.id}:0`);
    expect(modal.json.data.components[0].components[0].type).toBe(4);
    const malformed = await send(
      modalSubmit(ann, modal.json.data.custom_id, "lots", { id: "5", flags: 64 }),
    );
    expect(malformed.json.type).toBe(4); // an error notice is a new ephemeral message; the question stays
    expect(malformed.json.data.flags).toBe(64);
    const verdict = await send(
      modalSubmit(ann, modal.json.data.custom_id, `${q.answer.value}${q.answer.unit}`, {
        id: "5",
        flags: 64,
      }),
    );
    expect(verdict.json.type).toBe(7);
    expect(verdict.json.data.embeds[0].description).toContain("Correct");
  });

  it("ordering: one select per position kept in the message, then Submit", async () => {
    const q = question((x) => x.type === "ordering" && x.items.length <= 4) as Extract<
      Question,
      { type: "ordering" }
    >;
    const s = await sessionWith(ann, [q.id, question((x) => x.type === "single").id]);
    const shown = await send(component(ann, `quiz.next:${s.id}:0`));
    let components = shown.json.data.components;
    const slots = allComponents(shown.json.data).filter((c: any) =>
      c.custom_id.startsWith("oslot|"),
    );
    expect(slots).toHaveLength(q.items.length);
    for (const [i, id] of q.answer.entries()) {
      const upd = await send(
        component(ann, slots[i].custom_id, { values: [id], message: { components } }),
      );
      expect(upd.json.type).toBe(7);
      components = upd.json.data.components;
    }
    const chosen = components
      .flatMap((r: any) => r.components)
      .filter((c: any) => c.type === 3)
      .map((c: any) => c.options.find((o: any) => o.default)?.value);
    expect(chosen).toEqual(q.answer);
    const verdict = await send(
      component(ann, `submit|quiz.answer:${s.id}:0`, { message: { components } }),
    );
    expect(verdict.json.data.embeds[0].description).toContain("Correct");
  });

  it("matching: one select per left item kept in the message, then Submit", async () => {
    const q = question((x) => x.type === "matching" && x.left.length <= 4) as Extract<
      Question,
      { type: "matching" }
    >;
    const s = await sessionWith(ann, [q.id, question((x) => x.type === "single").id]);
    const shown = await send(component(ann, `quiz.next:${s.id}:0`));
    let components = shown.json.data.components;
    const slots = allComponents(shown.json.data).filter((c: any) =>
      c.custom_id.startsWith("mslot|"),
    );
    expect(slots).toHaveLength(q.left.length);
    for (const slot of slots) {
      const left = slot.custom_id.split("|")[1];
      // Each select offers the right-hand column.
      const pick = slot.options.find((o: any) => o.value === q.answer[left]);
      expect(pick, `option for ${left}`).toBeDefined();
      const upd = await send(
        component(ann, slot.custom_id, { values: [pick.value], message: { components } }),
      );
      expect(upd.json.type).toBe(7);
      components = upd.json.data.components;
    }
    const verdict = await send(
      component(ann, `submit|quiz.answer:${s.id}:0`, { message: { components } }),
    );
    expect(verdict.json.data.embeds[0].description).toContain("Correct");
    const answers = await run.app.services.store.answers.listBySession(s.id);
    expect(answers).toHaveLength(1);
    expect(answers[0].correct).toBe(true);
  });

  it("Ask about this opens a modal when threads are not available; no quiz answer is recorded from it", async () => {
    const q = question((x) => x.type === "single");
    const r = await send(component(ann, `tutor.about:${q.id}`));
    expect(r.json.type).toBe(9);
    expect(r.json.data.custom_id).toBe(`tutorq|${q.id}`);
    const s = await sessionWith(ann, [q.id]);
    const sub = await send(
      modalSubmit(ann, r.json.data.custom_id, "Why is that the answer?", { id: "6", flags: 64 }),
    );
    expect([4, 7]).toContain(sub.json.type);
    expect(sub.json.data.flags).toBe(64);
    const after = await run.app.services.store.sessions.get(s.id);
    expect(after?.position).toBe(0);
  });
});

describe("rate limits and attachments", () => {
  it("retries a follow-up Discord rate-limited (429)", async () => {
    fake.rateLimitNext = 1;
    const before = fake.calls.length;
    const payload = slash(ann, "quiz", [{ name: "count", type: 4, value: 1 }]);
    await send(payload);
    await settle();
    const hooks = callsSince(before).filter(
      (c) => c.path === `/api/v10/webhooks/${APP_ID}/${payload.token}`,
    );
    expect(hooks.map((h) => !!h.body._rateLimited)).toEqual([true, false]);
    expect(hooks[1].body.embeds[0].title).toMatch(/^Question 1\/1/);
  });
});
