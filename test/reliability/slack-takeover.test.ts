// A Slack lesson taken over from an instance that died mid-send. Slack has no idempotency key,
// so every scheduled post carries its delivery id in the message metadata, and a takeover first
// reads the channel's recent history: the dead instance's post found there is not posted again;
// a claim that died before posting is posted (nothing is lost). Signed slash commands to the
// running app, the scheduler's tick, the fake Slack Web API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/core/clock";
import { createTestDatabaseUrl } from "../helpers/db";
import { startFakeSlack, type FakeSlack, type SlackCall } from "../helpers/fake-slack";
import { respondedAt, startSlackTestApp, textOf, type SlackTestApp } from "../helpers/slack-app";

let fake: FakeSlack;
let t: SlackTestApp;
let drop: () => Promise<void>;
const clock = new FakeClock("2026-03-02T08:00:00Z"); // Monday

beforeAll(async () => {
  fake = await startFakeSlack();
  fake.users.UADM = { is_admin: true, name: "Prof" };
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  t = await startSlackTestApp(fake, db.url, clock);
});
afterAll(async () => {
  await t?.stop();
  await fake?.close();
  await drop?.();
});

const lessonPosts = (channel: string) =>
  fake.calls.filter(
    (c: SlackCall) =>
      c.method === "chat.postMessage" &&
      c.body.channel === channel &&
      /Lesson 1 of/.test(textOf(c)),
  );

/** What a dead instance left behind: a claim never finished, and (maybe) its post in the channel. */
async function diedMidSend(channel: string, posted: boolean) {
  const sub = await t.app.db.prisma.subscription.findFirstOrThrow({
    where: { channelId: channel },
  });
  const d = await t.app.db.prisma.delivery.create({
    data: {
      subscriptionId: sub.id,
      occurrenceAt: new Date("2026-03-02T09:00:00Z"),
      lessonIndex: 0,
      status: "claimed",
      attempts: 1,
      claimedBy: "dead-host:1:aaaa",
      claimedAt: new Date("2026-03-02T09:00:02Z"),
    },
  });
  if (posted) {
    const form = new URLSearchParams({
      channel,
      text: "Lesson 1 of 10 (posted by the instance that died)",
      metadata: JSON.stringify({
        event_type: "coursebot_lesson",
        event_payload: { delivery: d.id },
      }),
    });
    await fetch(`${fake.url}chat.postMessage`, {
      method: "POST",
      body: form,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  }
  return d.id;
}

describe("Slack takeover of a lesson claim", () => {
  it("does not re-post a lesson the dead instance posted, and posts one it did not", async () => {
    for (const channel of ["CPOSTED", "CNOTYET"]) {
      const url = await t.command("lesson", "subscribe mon 09:00 UTC", { user: "UADM", channel });
      await fake.waitFor(respondedAt(url), "/lesson subscribe reply");
    }
    const posted = await diedMidSend("CPOSTED", true);
    const notYet = await diedMidSend("CNOTYET", false);
    expect(lessonPosts("CPOSTED")).toHaveLength(1);

    clock.set("2026-03-02T09:01:00Z"); // past the claim lease (30 s): the claims are taken over
    await t.surfaces.scheduler!.tick();

    expect(lessonPosts("CPOSTED")).toHaveLength(1);
    expect(lessonPosts("CNOTYET")).toHaveLength(1);
    expect(
      fake.calls.some((c) => c.method === "conversations.history" && c.body.channel === "CPOSTED"),
    ).toBe(true);
    const rows = await t.app.db.prisma.delivery.findMany({
      where: { id: { in: [posted, notYet] } },
    });
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    // Every scheduled post carries its delivery id, for the next takeover to find.
    expect(lessonPosts("CNOTYET")[0].body.metadata).toEqual({
      event_type: "coursebot_lesson",
      event_payload: { delivery: notYet },
    });
  }, 60_000);
});
