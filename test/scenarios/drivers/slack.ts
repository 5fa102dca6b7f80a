// The scenario driven on Slack: signed slash commands, block actions and view submissions into
// Bolt's HTTP receiver at /slack/events; what learners see read from the Web API calls and
// response_url posts the fake Slack API records. Widgets are found by their labels, their
// action ids and values sent back opaque, as Slack would.
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import type { FakeOpenAi } from "../../helpers/fake-openai";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../../helpers/fake-slack";
import {
  submitView,
  startSlackTestApp,
  type ActionOpts,
  type SlackTestApp,
} from "../../helpers/slack-app";
import {
  keyOf,
  labelledLines,
  matchFor,
  parseLabel,
  pickedTexts,
  turn,
  typedAnswer,
  type AnswerValue,
  type FixtureCourse,
  type FixtureQuestion,
} from "./common";
import type { Learner, PlatformDriver, Shown } from "./driver";
import { lessonSlot, ROUND_SECONDS, ROUND_TIME_UP_MS, scenarioEnv, SCENARIO_START } from "./setup";

const CHANNEL = "CSCENARIO";
type Text = { text?: string };
type Element = { type: string; action_id: string; value?: string; text?: Text } & {
  options?: { text: Text; value: string }[];
};
type Block = { block_id?: string; text?: Text; elements?: Element[]; accessory?: Element };
/** A message as the learner has it: its blocks, who sees it, and where it is. */
interface Msg {
  blocks: Block[];
  text: string;
  visibility: Shown["visibility"];
  /** Posted over the message acted on (response_url with replace_original). */
  replaced?: boolean;
}

/** Every text in a message, in order (headers, sections, context, button labels). */
function textsOf(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) textsOf(n, out);
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node))
      if (k === "text" && typeof v === "string") out.push(v);
      else if (k !== "options") textsOf(v, out);
  return out;
}
const elements = (m: Msg) =>
  m.blocks.flatMap((b) => [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])]);
const shownOf = (m: Msg): Shown => ({
  text: m.text,
  labels: elements(m).map((e) => e.text?.text ?? ""),
  visibility: m.visibility,
});
const byLabel = (m: Msg, re: RegExp) => {
  const e = elements(m).find((x) => x.text?.text && re.test(x.text.text));
  if (!e) throw new Error(`no ${re} widget on: ${m.text.slice(0, 300)}`);
  return e;
};
const blockOf = (m: Msg, e: Element) =>
  m.blocks.find((b) => b.accessory === e || (b.elements ?? []).includes(e))!;

export function slackDriver(llm: () => FakeOpenAi): PlatformDriver {
  const clock = new FakeClock(SCENARIO_START);
  const learners: [Learner, Learner] = [
    { id: "UANN", name: "Ann" },
    { id: "UBO", name: "Bo" },
  ];
  let fake: FakeSlack, t: SlackTestApp, drop: () => Promise<void>;
  const screen = new Map<string, Msg>();
  let round: Msg | undefined;

  /** Waits until the app has finished the work Slack's requests started (it acks first). */
  async function settle() {
    while (t.surfaces.slack!.inFlight() > 0) await turn();
  }
  /** Runs a request; returns what it showed, in order. `on`: the message acted on (a replaced
   *  message keeps who may see it). */
  async function run(send: () => Promise<unknown>, on?: Msg): Promise<Msg[]> {
    const before = fake.calls.length;
    await send();
    await settle();
    return fake.calls.slice(before).flatMap((c) => msgOf(c, on) ?? []);
  }
  function msgOf(c: SlackCall, on?: Msg): Msg | undefined {
    const b = c.body;
    // What a person sees is the blocks; `text` is only the notification fallback then.
    const blocks = (b.blocks ?? []) as Block[];
    const base = {
      blocks,
      text: blocks.length ? textsOf(blocks).join("\n") : String(b.text ?? ""),
    };
    if (c.method === "respond") {
      const replaced = b.replace_original === true || b.replace_original === "true";
      const visibility =
        b.response_type === "in_channel" ? "public" : replaced && on ? on.visibility : "private";
      return { ...base, visibility, replaced };
    }
    if (c.method === "chat.postEphemeral") return { ...base, visibility: "private" };
    if (c.method === "chat.postMessage" || c.method === "chat.update")
      return { ...base, visibility: String(b.channel).startsWith("D") ? "private" : "public" };
    return undefined;
  }
  const last = (msgs: Msg[]) => {
    const m = msgs.at(-1);
    if (!m) throw new Error("Slack was shown nothing");
    return m;
  };
  /** The verdict (or skip) that replaced the question message. */
  const replacement = (msgs: Msg[]) => {
    const m = msgs.findLast((x) => x.replaced);
    if (!m) throw new Error(`nothing replaced the question; shown: ${msgs.map((x) => x.text)}`);
    return m;
  };
  const opts = (who: Learner, on: Msg): ActionOpts => ({
    user: who.id,
    channel: CHANNEL,
    ephemeral: on.visibility === "private",
    messageTs: "1700000555.000100",
  });
  const press = (who: Learner, on: Msg, e: Element, state?: object) => {
    const block = blockOf(on, e);
    return run(() => t.action({ ...e, block_id: block.block_id }, { ...opts(who, on), state }), on);
  };

  /** Fills the select(s) and presses Submit, with the picks in the message's state. */
  function submitPicks(who: Learner, on: Msg, picks: Map<Element, Element["options"]>) {
    const values: Record<string, object> = {};
    for (const [e, chosen] of picks)
      values[blockOf(on, e).block_id!] = {
        [e.action_id]:
          e.type === "multi_static_select"
            ? { type: e.type, selected_options: chosen }
            : { type: e.type, selected_option: chosen![0] },
      };
    return press(who, on, byLabel(on, /^Submit$/), { values });
  }

  async function answerOn(who: Learner, on: Msg, q: FixtureQuestion, value: AnswerValue) {
    const texts = pickedTexts(q, value);
    const selects = elements(on).filter((e) => e.type.endsWith("static_select"));
    const optionsOf = (e: Element) => e.options!.map((o) => ({ ...parseLabel(o.text.text!)!, o }));
    if (q.type === "single" || q.type === "true-false") {
      const buttons = elements(on).flatMap((e) => {
        const l = e.type === "button" ? parseLabel(e.text?.text ?? "") : undefined;
        return l ? [{ ...l, e }] : [];
      });
      const key = keyOf(buttons, texts[0], "letter");
      return press(who, on, buttons.find((b) => b.key === key)!.e);
    }
    if (q.type === "multiple" || q.type === "ordering" || q.type === "matching") {
      const picks = new Map<Element, Element["options"]>();
      selects.forEach((e, i) => {
        const opts = optionsOf(e);
        // Matching: a slot is its left-hand item (the block's text); ordering: position i.
        const wanted =
          q.type === "multiple"
            ? texts
            : q.type === "ordering"
              ? [texts[i]]
              : [matchFor(q, value, blockOf(on, e).text?.text ?? "")];
        const kind = q.type === "ordering" ? "number" : "letter";
        const keys = wanted.map((w) => keyOf(opts, w, kind));
        picks.set(
          e,
          opts.filter((x) => keys.includes(x.key)).map((x) => x.o),
        );
      });
      return submitPicks(who, on, picks);
    }
    // Numbers: the answer button opens a form (views.open); the typed answer is submitted.
    const before = fake.calls.length;
    const pressed = await press(who, on, elements(on).find((e) => e.action_id === "slack.type")!);
    const opened = fake.calls.slice(before).find((c) => c.method === "views.open");
    if (!opened) throw new Error("the answer button opened no form");
    const typed = typedAnswer(q, value, labelledLines(on.text));
    const submitted = await run(() => submitView(t.endpoint, opened.body.view, who.id, typed), on);
    return [...pressed, ...submitted];
  }

  const command = (who: Learner, name: string, text: string) =>
    run(() => t.command(name, text, { user: who.id, channel: CHANNEL }));

  return {
    name: "slack",
    caps: { streaming: true, channels: true },
    learners,
    async start(course: FixtureCourse) {
      fake = await startFakeSlack();
      fake.users.UANN = { name: "Ann", is_admin: true };
      fake.users.UBO = { name: "Bo" };
      const db = await createTestDatabaseUrl("sqlite");
      drop = db.drop;
      t = await startSlackTestApp(fake, db.url, clock, scenarioEnv(course, llm()));
    },
    async stop() {
      await t?.stop();
      await fake?.close();
      await drop?.();
    },
    async startQuiz(who, count) {
      const q = last(await command(who, "quiz", `count:${count}`));
      screen.set(who.id, q);
      return shownOf(q);
    },
    async answer(who, q, value) {
      const shown = await answerOn(who, screen.get(who.id)!, q, value);
      const verdict = replacement(shown);
      screen.set(who.id, verdict);
      const next = elements(verdict).find((e) => /^Next/.test(e.text?.text ?? ""));
      // The last verdict has no Next: the summary follows as a new message.
      const summary = shown.slice(shown.indexOf(verdict) + 1).at(-1);
      if (!next) return { verdict: shownOf(verdict), next: summary && shownOf(summary) };
      const after = last(await press(who, verdict, next));
      screen.set(who.id, after);
      return { verdict: shownOf(verdict), next: shownOf(after) };
    },
    async hint(who) {
      const on = screen.get(who.id)!;
      return shownOf(last(await press(who, on, byLabel(on, /^Hint/))));
    },
    async skip(who) {
      const on = screen.get(who.id)!;
      const shown = replacement(await press(who, on, byLabel(on, /^Skip/)));
      screen.set(who.id, shown);
      return shownOf(shown);
    },
    async ask(who, question) {
      const shown = await command(who, "ask", question);
      return { versions: shown.map((m) => m.text), final: shownOf(last(shown)) };
    },
    async startRound(who, count) {
      const options = `mode:channel count:${count} seconds:${ROUND_SECONDS}`;
      round = last(await command(who, "quiz", options));
      return shownOf(round);
    },
    async answerRound(who, q, value) {
      return shownOf(last(await answerOn(who, round!, q, value)));
    },
    async timeUp() {
      clock.advance(ROUND_TIME_UP_MS);
      const posts = await run(() => t.surfaces.slack!.tick());
      const next = posts.findLast((m) => elements(m).length > 0);
      if (next) round = next;
      return posts.map(shownOf);
    },
    async deliverLesson() {
      const slot = lessonSlot(clock.now());
      await command(
        learners[0],
        "lesson",
        `subscribe day:${slot.day} time:${slot.time} timezone:UTC`,
      );
      clock.set(slot.due);
      // Lessons are bot posts: in the channel (public) or in the learner's DM (private).
      const posted = async () => (await run(() => t.surfaces.scheduler!.tick())).map(shownOf);
      const first = await posted();
      const where = first.every((m) => m.visibility === "public") ? "channel" : "dm";
      return { first, second: await posted(), where };
    },
    async progress(who) {
      return shownOf(last(await command(who, "progress", "")));
    },
  };
}
