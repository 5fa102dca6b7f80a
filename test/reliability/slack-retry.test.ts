// Slack re-sends an event (with X-Slack-Retry-Num) when our first acknowledgement was slow or
// lost. Signed copies of one event, to two running instances sharing a database: each copy gets
// its 200 (so Slack stops retrying), and the event is acted on once: one quiz session, one reply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/core/clock";
import { createTestDatabaseUrl } from "../helpers/db";
import { slackSignature, startFakeSlack, type FakeSlack } from "../helpers/fake-slack";
import { SLACK_SECRET, startSlackTestApp, type SlackTestApp } from "../helpers/slack-app";

let fake: FakeSlack;
let a: SlackTestApp;
let b: SlackTestApp;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeSlack();
  const db = await createTestDatabaseUrl("postgres");
  drop = db.drop;
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  a = await startSlackTestApp(fake, db.url, clock);
  b = await startSlackTestApp(fake, db.url, clock);
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await fake?.close();
  await drop?.();
});

async function deliver(endpoint: string, body: string, retry?: number) {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    ...slackSignature(SLACK_SECRET, body, Math.floor(Date.now() / 1000)),
  };
  if (retry)
    Object.assign(headers, {
      "x-slack-retry-num": String(retry),
      "x-slack-retry-reason": "http_timeout",
    });
  return (await fetch(endpoint, { method: "POST", headers, body })).status;
}

const dm = (user: string, text: string, eventId: string) =>
  JSON.stringify({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: 1700000000,
    event: {
      type: "message",
      user,
      text,
      ts: "1700000100.000100",
      channel: `D${user}`,
      channel_type: "im",
      team: "T1",
    },
  });

describe("Slack retries", () => {
  it("acts on an event once however many copies arrive, on either instance", async () => {
    const body = dm("URETRY", "/quiz topic:units count:1", "Ev0RETRY0001");
    expect(await deliver(a.endpoint, body)).toBe(200);
    expect(await deliver(a.endpoint, body, 1)).toBe(200);
    expect(await deliver(b.endpoint, body, 2)).toBe(200);
    await Promise.all([a.surfaces.slack!.stop(), b.surfaces.slack!.stop()]);
    const learner = await a.app.db.prisma.learner.findFirstOrThrow({
      where: { externalId: "URETRY" },
    });
    expect(await a.app.db.prisma.quizSession.count({ where: { learnerId: learner.id } })).toBe(1);
    const posts = fake.calls.filter(
      (c) => c.method === "chat.postMessage" && c.body.channel === "DURETRY",
    );
    expect(posts.length).toBeGreaterThan(0);
    // The quiz intro went out once, not three times.
    expect(posts.filter((c) => JSON.stringify(c.body).includes("Question 1")).length).toBe(1);
    expect([...a.logger.lines, ...b.logger.lines].filter((l) => l.level === "error")).toEqual([]);
  });
});
