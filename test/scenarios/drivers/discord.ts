// The scenario driven on Discord: Ed25519-signed interactions POSTed to /discord/interactions,
// replies read from the interaction responses and from the bot's REST calls to the fake Discord
// API (follow-ups, @original edits, channel posts). Widgets are found by their labels, and
// their custom ids are sent back opaque, exactly as Discord would.
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  CHANNEL,
  component,
  makeKeys,
  modalSubmit,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
  type UserSpec,
} from "../../helpers/discord";
import type { FakeOpenAi } from "../../helpers/fake-openai";
import {
  keyOf,
  labelledLines,
  matchFor,
  parseLabel,
  pickedTexts,
  typedAnswer,
  type AnswerValue,
  type FixtureCourse,
  type FixtureQuestion,
} from "./common";
import type { Learner, PlatformDriver, Shown } from "./driver";
import { lessonSlot, ROUND_SECONDS, ROUND_TIME_UP_MS, scenarioEnv, SCENARIO_START } from "./setup";

type Component = {
  type: number;
  custom_id?: string;
  label?: string;
  placeholder?: string;
  options?: { label: string; value: string; default?: boolean }[];
};
type Body = {
  embeds?: {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
    footer?: { text: string };
  }[];
  components?: { components: Component[] }[];
  flags?: number;
};

const EPHEMERAL = 64;
const widgets = (b: Body): Component[] => (b.components ?? []).flatMap((r) => r.components);
const byLabel = (b: Body, re: RegExp) => {
  const c = widgets(b).find((w) => w.label && re.test(w.label));
  if (!c) throw new Error(`no ${re} widget on: ${JSON.stringify(b).slice(0, 400)}`);
  return c;
};

export function shownOf(b: Body): Shown {
  const e = b.embeds?.[0] ?? {};
  const fields = (e.fields ?? []).flatMap((f) => [f.name, f.value]);
  return {
    text: [e.title ?? "", e.description ?? "", ...fields, e.footer?.text ?? ""].join("\n"),
    labels: widgets(b).map((w) => w.label ?? w.placeholder ?? ""),
    visibility: (b.flags ?? 0) & EPHEMERAL ? "private" : "public",
  };
}

/** What one interaction did on Discord: the message it replaced, the messages it added. */
interface Outcome {
  response: { type: number; data?: Body & { custom_id?: string } };
  updates: Body[];
  added: Body[];
}

export function discordDriver(llm: () => FakeOpenAi): PlatformDriver {
  const clock = new FakeClock(SCENARIO_START);
  const learners: [Learner, Learner] = [
    { id: "600000000000000001", name: "Ann" },
    { id: "600000000000000002", name: "Bo" },
  ];
  const spec = (who: Learner): UserSpec => ({
    id: who.id,
    name: who.name,
    permissions: who === learners[0] ? "16" : "1024", // Manage Channels: may subscribe
  });
  let fake: FakeDiscord, keys: Keys, run: Running, drop: () => Promise<void>;
  /** The message each learner is looking at (the one with their quiz widgets). */
  const screen = new Map<string, Body>();
  let round: { body: Body; token: string } | undefined;

  /** Sends one interaction; `on` is the message a component was used on (its flags carry
   *  over to edits of it: Discord keeps a message ephemeral when it is updated). */
  async function interact(payload: { token: string }, on?: Body): Promise<Outcome> {
    const before = fake.calls.length;
    const r = await post(run.base, keys, payload);
    if (r.status !== 200) throw new Error(`interactions endpoint answered ${r.status}`);
    await run.surfaces.discord!.idle();
    const mine = fake.calls.slice(before).filter((c) => c.path.includes(`/${payload.token}`));
    // @original is the pressed message (update, type 6/7) or the command's own reply (4/5).
    const original = r.json.type === 6 || r.json.type === 7 ? on?.flags : r.json.data?.flags;
    const edit = (b: Body) => ({ ...b, flags: original });
    const isOriginal = (path: string) => path.endsWith("/messages/@original");
    const updates = mine
      .filter((c) => c.method === "PATCH" && isOriginal(c.path))
      .map((c) => edit(c.body));
    const added = mine.filter((c) => c.method === "POST").map((c) => c.body as Body);
    if (r.json.type === 7) updates.unshift(edit(r.json.data));
    if (r.json.type === 4) added.unshift(r.json.data);
    return { response: r.json, updates, added };
  }
  const latest = (o: Outcome) => {
    const b = o.updates.at(-1) ?? o.added.at(-1);
    if (!b) throw new Error(`nothing shown; response ${JSON.stringify(o.response)}`);
    return b;
  };
  const press = (who: Learner, c: Component, message: Body, values?: string[]) =>
    interact(
      component(spec(who), c.custom_id!, {
        values,
        message: { flags: message.flags ?? 0, components: message.components ?? [] },
      }),
      message,
    );

  /** Answers on a message with its widgets: buttons, selects, slot selects, or the form. */
  async function answerOn(who: Learner, msg: Body, q: FixtureQuestion, value: AnswerValue) {
    const texts = pickedTexts(q, value);
    const buttons = widgets(msg).flatMap((w) => {
      const l = w.type === 2 && w.label ? parseLabel(w.label) : undefined;
      return l ? [{ ...l, w }] : [];
    });
    const slots = widgets(msg).filter((w) => w.type === 3);
    if ((q.type === "single" || q.type === "true-false") && buttons.length) {
      const key = keyOf(buttons, texts[0], "letter");
      return press(who, buttons.find((b) => b.key === key)!.w, msg);
    }
    if (q.type === "multiple" && slots.length === 1) {
      const opts = slots[0].options!.map((o) => ({ ...parseLabel(o.label)!, value: o.value }));
      const keys = texts.map((t) => keyOf(opts, t, "letter"));
      return press(
        who,
        slots[0],
        msg,
        opts.filter((o) => keys.includes(o.key)).map((o) => o.value),
      );
    }
    if ((q.type === "ordering" || q.type === "matching") && slots.length > 1) {
      let current = msg;
      for (const [i, slot] of slots.entries()) {
        // Matching: the slot's placeholder is its left-hand item; ordering: position i.
        const want = q.type === "ordering" ? texts[i] : matchFor(q, value, slot.placeholder!);
        const opts = slot.options!.map((o) => ({ ...parseLabel(o.label)!, value: o.value }));
        const key = keyOf(opts, want, q.type === "matching" ? "letter" : "number");
        const picked = await press(who, slot, current, [opts.find((o) => o.key === key)!.value]);
        current = { ...current, components: latest(picked).components };
      }
      return press(who, byLabel(current, /^Submit$/), current);
    }
    // Numbers (and anything the widgets above do not cover): "Type answer" opens a form.
    const form = await press(who, byLabel(msg, /^Type answer$/), msg);
    if (form.response.type !== 9) throw new Error("Type answer did not open a form");
    const typed = typedAnswer(q, value, labelledLines(shownOf(msg).text));
    return interact(
      modalSubmit(spec(who), form.response.data!.custom_id!, typed, {
        flags: msg.flags ?? 0,
        components: msg.components ?? [],
      }),
      msg,
    );
  }

  return {
    name: "discord",
    caps: { streaming: true, channels: true },
    learners,
    async start(course: FixtureCourse) {
      fake = await startFakeDiscord();
      keys = makeKeys();
      const db = await createTestDatabaseUrl("sqlite");
      drop = db.drop;
      run = await startDiscordApp({
        databaseUrl: db.url,
        keys,
        fake,
        clock,
        // Lessons are bot messages (a token), but no gateway: everything arrives over HTTP.
        discord: { gateway: false },
        env: { ...scenarioEnv(course, llm()), DISCORD_TOKEN: "scenario-bot-token" },
      });
    },
    async stop() {
      await run?.stop();
      await fake?.close();
      await drop?.();
    },
    async startQuiz(who, count) {
      const o = await interact(
        slash(spec(who), "quiz", [{ name: "count", type: 4, value: count }]),
      );
      const q = latest(o);
      screen.set(who.id, q);
      return shownOf(q);
    },
    async answer(who, q, value) {
      const o = await answerOn(who, screen.get(who.id)!, q, value);
      const verdict = latest(o);
      screen.set(who.id, verdict);
      const next = widgets(verdict).find((w) => w.label && /^Next/.test(w.label));
      // The last verdict has no Next: the summary follows as a new message.
      const added = o.added.at(-1);
      if (!next) return { verdict: shownOf(verdict), next: added && shownOf(added) };
      const after = latest(await press(who, next, verdict));
      screen.set(who.id, after);
      return { verdict: shownOf(verdict), next: shownOf(after) };
    },
    async hint(who) {
      const msg = screen.get(who.id)!;
      return shownOf(latest(await press(who, byLabel(msg, /^Hint/), msg)));
    },
    async skip(who) {
      const msg = screen.get(who.id)!;
      const shown = latest(await press(who, byLabel(msg, /^Skip/), msg));
      screen.set(who.id, shown);
      return shownOf(shown);
    },
    async ask(who, question) {
      const o = await interact(
        slash(spec(who), "ask", [{ name: "question", type: 3, value: question }]),
      );
      const versions = [...o.added, ...o.updates].map((b) => shownOf(b).text);
      return { versions, final: shownOf(latest(o)) };
    },
    async startRound(who, count) {
      const p = slash(spec(who), "quiz", [
        { name: "mode", type: 3, value: "channel" },
        { name: "count", type: 4, value: count },
        { name: "seconds", type: 4, value: ROUND_SECONDS },
      ]);
      const body = latest(await interact(p));
      round = { body, token: p.token };
      return shownOf(body);
    },
    async answerRound(who, q, value) {
      return shownOf(latest(await answerOn(who, round!.body, q, value)));
    },
    async timeUp() {
      const before = fake.calls.length;
      clock.advance(ROUND_TIME_UP_MS);
      await run.surfaces.discord!.tick();
      await run.surfaces.discord!.idle();
      // Posted through the round's interaction webhook or as the bot, in the channel.
      const posts = fake.calls
        .slice(before)
        .filter(
          (c) =>
            c.method === "POST" &&
            (c.path.includes(`/${round!.token}`) ||
              c.path.endsWith(`/channels/${CHANNEL}/messages`)),
        )
        .map((c) => c.body as Body);
      const next = posts.findLast((b) => widgets(b).length > 0);
      if (next) round = { ...round!, body: next };
      return posts.map(shownOf);
    },
    async deliverLesson() {
      const slot = lessonSlot(clock.now());
      const sub = slash(spec(learners[0]), "lesson", [
        {
          name: "subscribe",
          type: 1,
          options: [
            { name: "day", type: 3, value: slot.day },
            { name: "time", type: 3, value: slot.time },
            { name: "timezone", type: 3, value: "UTC" },
          ],
        },
      ]);
      await interact(sub);
      clock.set(slot.due);
      // Lessons are bot posts: in the channel, or in a DM channel the bot opened.
      const where = new Set<string>();
      const posted = async () => {
        const before = fake.calls.length;
        await run.surfaces.scheduler!.tick();
        return fake.calls
          .slice(before)
          .filter((c) => c.method === "POST" && /\/channels\/[^/]+\/messages$/.test(c.path))
          .map((c) => {
            where.add(c.path.includes(`/channels/${CHANNEL}/`) ? "channel" : "dm");
            return shownOf(c.body);
          });
      };
      const first = await posted();
      const second = await posted();
      return { first, second, where: where.has("dm") ? "dm" : "channel" };
    },
    async progress(who) {
      return shownOf(latest(await interact(slash(spec(who), "progress"))));
    },
  };
}
