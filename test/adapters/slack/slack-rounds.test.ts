// Channel rounds (/quiz mode:channel) on Slack, end to end: the public question message, three
// learners answering through signed block_actions (or the modal for numbers), private
// acknowledgements, the reveal and next question posted by the round ticker, a restart of the
// app mid-round (a new app on the same database continues it) and the final scoreboard; a step
// Slack failed to take is posted after a restart, and a channel Slack refuses for good cancels
// the round.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { ROUND_REPOST_AFTER_MS } from "../../../src/core/rounds/rules";
import type { Question } from "../../../src/core/content/schema";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../../helpers/fake-slack";
import {
  interactive,
  respondedAt,
  startSlackTestApp,
  submitView,
  textOf,
  type El,
  type SlackTestApp,
} from "../../helpers/slack-app";

const CH = "CROUND";
const T0 = new Date("2026-03-02T10:00:00Z").getTime();
const clock = new FakeClock(T0);
let fake: FakeSlack;
let t: SlackTestApp;
let dbUrl: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeSlack();
  Object.assign(fake.users, { UA: { name: "Ann" }, UB: { name: "Ben" }, UC: { name: "Cat" } });
  const db = await createTestDatabaseUrl("sqlite");
  dbUrl = db.url;
  drop = db.drop;
  t = await startSlackTestApp(fake, dbUrl, clock);
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await drop?.();
});

const inChannel = (c: SlackCall) => c.method === "chat.postMessage" && c.body.channel === CH;
const roundQuestion = (n: number) => (c: SlackCall) =>
  inChannel(c) && (c.body.blocks ?? [])[0]?.text?.text?.startsWith(`Channel round · ${n}/`);

/** What a learner picks: the right answer, or a clearly wrong one, in the message's own widgets. */
function choice(q: Question, right: boolean): string[] {
  switch (q.type) {
    case "single":
      return [right ? q.answer : q.choices.find((c) => c.id !== q.answer)!.id];
    case "true-false":
      return [String(right ? q.answer : !q.answer)];
    case "multiple":
      return right
        ? q.answer
        : [q.choices.find((c) => !q.answer.includes(c.id))?.id ?? q.choices[0].id];
    case "ordering":
      return right ? q.answer : [...q.answer].reverse();
    case "matching": {
      const pairs = Object.entries(q.answer);
      return (right ? pairs : pairs.map(([l], i) => [l, pairs[(i + 1) % pairs.length][1]])).map(
        ([l, r]) => `${l}=${r}`,
      );
    }
    default:
      return [];
  }
}

async function answer(
  app: SlackTestApp,
  msg: SlackCall,
  q: Question,
  user: string,
  right: boolean,
): Promise<SlackCall> {
  const els = interactive(msg.body.blocks);
  const ts = "1700000555.000100";
  let url: string;
  if (q.type === "numeric") {
    const typeIt = els.find((e) => e.action_id === "slack.type")!;
    url = await app.action(typeIt, { user, channel: CH, messageTs: ts });
    const opened = await fake.waitFor(
      (c) => c.method === "views.open" && JSON.parse(c.body.view.private_metadata).r === url,
      "answer modal",
    );
    const text = `${right ? q.answer.value : q.answer.value * 1000 + 7} ${q.answer.unit}`.trim();
    expect((await submitView(app.endpoint, opened.body.view, user, text)).status).toBe(200);
  } else if (q.type === "single" || q.type === "true-false") {
    const [id] = choice(q, right);
    const button = els.find((e) => e.action_id.startsWith("round.answer:") && e.value === id)!;
    expect(button).toBeDefined();
    url = await app.action(button, { user, channel: CH, messageTs: ts });
  } else {
    const ids = choice(q, right);
    const picks = els.filter((e) => e.action_id.startsWith("slack.pick#"));
    const values: Record<string, object> = {};
    picks.forEach((p: El, i) => {
      const opt = (v: string) => p.options!.find((o) => o.value === v)!;
      values[p.block_id] = {
        [p.action_id]:
          p.type === "multi_static_select"
            ? { type: p.type, selected_options: ids.map(opt) }
            : { type: p.type, selected_option: opt(ids[i]) },
      };
    });
    const submit = els.find(
      (e) => e.action_id.startsWith("round.answer:") && e.action_id.endsWith("#submit"),
    )!;
    url = await app.action(submit, { user, channel: CH, messageTs: ts, state: { values } });
  }
  return fake.waitFor(respondedAt(url), `acknowledgement for ${user}`);
}

async function currentRound(app: SlackTestApp) {
  const row = await app.app.db.prisma.channelRound.findFirstOrThrow({ where: { channelId: CH } });
  return app.app.services.store.rounds.get(row.id);
}

describe("channel rounds on Slack", () => {
  it("plays a round with three learners across a restart and posts the right scoreboard", async () => {
    await t.command("quiz", "mode:channel count:2 seconds:10", { user: "UA", channel: CH });
    const q1msg = await fake.waitFor(roundQuestion(1), "first round question in the channel");
    expect(q1msg.body.thread_ts).toBeUndefined();
    let round = (await currentRound(t))!;
    expect(round).toMatchObject({
      platform: "slack",
      workspaceId: "T1",
      channelId: CH,
      position: 0,
      status: "running",
    });
    const q1 = t.app.services.index.question(round.questionIds[0])!;

    // Ann right after 1 s, Ben right after 2 s, Cat wrong after 3 s.
    clock.set(T0 + 1000);
    const ackA = await answer(t, q1msg, q1, "UA", true);
    expect(ackA.body.response_type).toBe("ephemeral");
    expect(ackA.body.replace_original).toBe(false);
    expect(textOf(ackA)).toMatch(/Answer locked in \(1\.0 s\)/);
    clock.set(T0 + 2000);
    await answer(t, q1msg, q1, "UB", true);
    clock.set(T0 + 3000);
    await answer(t, q1msg, q1, "UC", false);
    // Answering twice is refused privately.
    const again = await answer(t, q1msg, q1, "UA", true);
    expect(again.body.response_type).toBe("ephemeral");
    expect(textOf(again)).toMatch(/already answered/);
    // Nothing is revealed before the deadline.
    await t.surfaces.slack!.tick();
    expect(fake.calls.some((c) => inChannel(c) && /Time's up/.test(textOf(c)))).toBe(false);

    // Restart mid-round: a new app on the same database, nothing carried over in memory.
    await t.stop();
    t = await startSlackTestApp(fake, dbUrl, clock);
    clock.set(T0 + 10_500);
    await t.surfaces.slack!.tick();
    const reveal1 = await fake.waitFor(
      (c) => inChannel(c) && /Time's up · 1\/2/.test(textOf(c)),
      "reveal of question 1",
    );
    expect(textOf(reveal1)).toMatch(/3 answered, 2 right/);
    expect(textOf(reveal1)).toMatch(/Ann \+10 \(1\.0 s\)/);
    expect(textOf(reveal1)).toMatch(/Ben \+8 \(2\.0 s\)/);
    const q2msg = await fake.waitFor(roundQuestion(2), "second question");
    expect(fake.calls.indexOf(q2msg)).toBeGreaterThan(fake.calls.indexOf(reveal1));
    // A second tick does not post it again.
    await t.surfaces.slack!.tick();
    expect(fake.calls.filter(roundQuestion(2))).toHaveLength(1);

    round = (await currentRound(t))!;
    expect(round.position).toBe(1);
    const q2 = t.app.services.index.question(round.questionIds[1])!;
    // Question 2: Ben right after 1 s, Cat right after 2 s, Ann wrong; a late press is refused.
    clock.set(T0 + 11_500);
    await answer(t, q2msg, q2, "UB", true);
    clock.set(T0 + 12_500);
    await answer(t, q2msg, q2, "UC", true);
    clock.set(T0 + 13_500);
    await answer(t, q2msg, q2, "UA", false);
    clock.set(T0 + 21_000);
    const late = await answer(t, q1msg, q1, "UC", true);
    expect(textOf(late)).toMatch(/Time is up/);

    await t.surfaces.slack!.tick();
    const board = await fake.waitFor(
      (c) => inChannel(c) && /Round over · Scoreboard/.test(textOf(c)),
      "scoreboard",
    );
    const lines = (board.body.blocks as any[])
      .find((b) => b.type === "section")
      .text.text.split("\n");
    expect(lines).toEqual([
      "🥇 Ben — 18 pts (2/2)",
      "🥈 Ann — 10 pts (1/2)",
      "🥉 Cat — 8 pts (1/2)",
    ]);
    expect((await currentRound(t))!.status).toBe("finished");
  });

  it("refuses a second round while one runs, privately", async () => {
    clock.set(T0 + 60_000);
    await t.command("quiz", "mode:channel count:1", { user: "UA", channel: "CBUSY" });
    await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "CBUSY",
      "round in CBUSY",
    );
    const url = await t.command("quiz", "mode:channel", { user: "UB", channel: "CBUSY" });
    const reply = await fake.waitFor(respondedAt(url), "refusal");
    expect(reply.body.response_type).toBe("ephemeral");
    expect(textOf(reply)).toMatch(/already running/);
  });

  it("posts a step Slack failed to take once a restarted app ticks again", async () => {
    clock.set(T0 + 120_000);
    await t.command("quiz", "mode:channel count:2 seconds:10", { user: "UA", channel: "CFLAKY" });
    await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "CFLAKY",
      "round in CFLAKY",
    );
    fake.failChannel("CFLAKY", "internal_error"); // Slack has a bad moment
    clock.set(T0 + 130_000);
    const tried = fake.calls.length;
    await t.surfaces.slack!.tick();
    expect(
      fake.calls
        .slice(tried)
        .filter((c) => c.method === "chat.postMessage" && c.body.channel === "CFLAKY").length,
    ).toBeGreaterThan(0);
    const row = await t.app.db.prisma.channelRound.findFirstOrThrow({
      where: { channelId: "CFLAKY" },
    });
    expect(row).toMatchObject({ position: 1, status: "running" });
    expect(row.postPendingSince).not.toBeNull();

    // The app stops with the step unposted; Slack recovers; the next app posts it.
    await t.stop();
    fake.healChannel("CFLAKY");
    t = await startSlackTestApp(fake, dbUrl, clock);
    clock.set(T0 + 130_000 + ROUND_REPOST_AFTER_MS);
    const mark = fake.calls.length;
    await t.surfaces.slack!.tick();
    const posted = fake.calls
      .slice(mark)
      .filter((c) => c.method === "chat.postMessage" && c.body.channel === "CFLAKY")
      .map(textOf);
    expect(posted).toHaveLength(2);
    expect(posted[0]).toMatch(/Time's up · 1\/2/);
    expect(posted[1]).toMatch(/Channel round · 2\/2/);
    expect(
      await t.app.db.prisma.channelRound.findFirstOrThrow({ where: { channelId: "CFLAKY" } }),
    ).toMatchObject({ postPendingSince: null, position: 1 });
  });

  it("cancels a round whose channel Slack refuses for good", async () => {
    clock.set(T0 + 300_000);
    await t.command("quiz", "mode:channel count:2 seconds:10", { user: "UA", channel: "CKICKED" });
    await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "CKICKED",
      "round in CKICKED",
    );
    fake.failChannel("CKICKED", "not_in_channel"); // the bot was removed
    clock.set(T0 + 310_000);
    await t.surfaces.slack!.tick();
    expect(
      await t.app.db.prisma.channelRound.findFirstOrThrow({ where: { channelId: "CKICKED" } }),
    ).toMatchObject({ status: "cancelled", runningKey: null, postPendingSince: null });
  });
});
