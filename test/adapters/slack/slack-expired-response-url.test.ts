// An answer button pressed on an old private quiz message: Slack refuses the press's
// response_url (older than 30 minutes → 404 expired_url), yet the learner still sees the
// verdict, ephemeral in the same channel, or in their DM when the bot cannot post there.
// Signed requests into the real HTTP endpoint, replies captured by the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../../helpers/fake-slack";
import {
  interactive,
  respondedAt,
  startSlackTestApp,
  textOf,
  type El,
  type SlackTestApp,
} from "../../helpers/slack-app";

let fake: FakeSlack;
let t: SlackTestApp;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeSlack();
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  t = await startSlackTestApp(fake, db.url, new FakeClock("2026-03-02T09:00:00Z"));
});

afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await drop?.();
});

const isQuestion = (c: SlackCall) =>
  (c.body.blocks ?? []).some((b: any) => String(b.block_id ?? "").startsWith("cbq."));
const VERDICT = /✅ Correct!|❌ Not quite\.|🟡 Partly right/;

/** Starts a private quiz in `channel` and returns the first question that has a plain answer button. */
async function buttonQuestion(user: string, channel: string): Promise<El> {
  const start = await t.command("quiz", "topic:units count:18", { user, channel });
  let question = await fake.waitFor(
    (c) => respondedAt(start)(c) && isQuestion(c),
    "first question",
  );
  for (let i = 0; i < 18; i++) {
    expect(question.body.response_type).toBe("ephemeral");
    const els = interactive(question.body.blocks);
    const button = els.find((e) => /^quiz\.answer:.*#\d+$/.test(e.action_id));
    if (button) return button;
    // Not a button question (a menu, a number): skip it, fresh response_url, and look at the next.
    const skipped = await t.action(els.find((e) => e.action_id.startsWith("quiz.skip:"))!, {
      user,
      channel,
      ephemeral: true,
    });
    const verdict = await fake.waitFor(
      (c) => respondedAt(skipped)(c) && c.body.replace_original === true,
      "skip reply",
    );
    const next = interactive(verdict.body.blocks).find((e) =>
      e.action_id.startsWith("quiz.next:"),
    )!;
    const nextUrl = await t.action(next, { user, channel, ephemeral: true });
    question = await fake.waitFor((c) => respondedAt(nextUrl)(c) && isQuestion(c), "next question");
  }
  throw new Error("no button question in the quiz");
}

describe("Slack: an expired response_url", () => {
  it("delivers the verdict as an ephemeral message in the same channel, and the quiz goes on from it", async () => {
    const button = await buttonQuestion("UOLD", "C1");
    const old = fake.responseUrl();
    fake.expireResponseUrl(old);
    await t.action(button, { user: "UOLD", channel: "C1", ephemeral: true, responseUrl: old });

    const shown = await fake.waitFor(
      (c) => c.method === "chat.postEphemeral" && c.body.user === "UOLD",
      "verdict by chat.postEphemeral",
    );
    expect(shown.body.channel).toBe("C1");
    expect(textOf(shown)).toMatch(VERDICT);
    // The response_url was tried first and refused the way Slack refuses an old one.
    expect(fake.calls.filter(respondedAt(old)).map((c) => c.status)).toEqual([404]);

    const warned = t.logger.lines.find(
      (l) => l.msg === "slack response_url failed; delivering another way",
    );
    expect(warned?.level).toBe("warn");
    expect((warned!.obj as { err: string }).err).toContain("expired_url");
    // The URL lets anyone post into the conversation: it is never logged.
    expect(JSON.stringify(t.logger.lines)).not.toContain(new URL(old).pathname);

    // The fallback message carries the usual buttons: Next works with its own (fresh) response_url.
    const next = interactive(shown.body.blocks).find((e) => e.action_id.startsWith("quiz.next:"));
    expect(next).toBeDefined();
    const nextUrl = await t.action(next!, { user: "UOLD", channel: "C1", ephemeral: true });
    const question = await fake.waitFor(
      (c) => respondedAt(nextUrl)(c) && isQuestion(c),
      "question after Next",
    );
    expect(question.body.response_type).toBe("ephemeral");
  });

  it("falls back to the learner's DM when the bot cannot post in the channel", async () => {
    const button = await buttonQuestion("UGONE", "CGONE");
    fake.failChannel("CGONE", "channel_not_found");
    const old = fake.responseUrl();
    fake.expireResponseUrl(old);
    await t.action(button, { user: "UGONE", channel: "CGONE", ephemeral: true, responseUrl: old });

    const dm = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DUGONE",
      "verdict in the DM",
    );
    expect(textOf(dm)).toMatch(VERDICT);
    expect(
      fake.calls.some((c) => c.method === "conversations.open" && c.body.users === "UGONE"),
    ).toBe(true);
    const tried = fake.calls.find(
      (c) => c.method === "chat.postEphemeral" && c.body.channel === "CGONE",
    );
    expect(tried).toBeDefined();
    expect(
      t.logger.lines.some((l) => l.level === "error" && l.msg === "slack delivery failed"),
    ).toBe(false);
  });
});
