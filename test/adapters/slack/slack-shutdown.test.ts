// Stopping while Slack work is in flight (HTTP mode, signed requests into the real endpoint).
// Slack has already had its 200, so the HTTP server no longer counts the request: stop() must
// still wait for the listener (streamed tutor answer included) before the database may close,
// refuse new requests meanwhile, and give up at the drain deadline instead of hanging.
import { afterEach, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import { postSigned, startFakeSlack, type FakeSlack } from "../../helpers/fake-slack";
import {
  respondedAt,
  SLACK_SECRET,
  startSlackTestApp,
  textOf,
  type SlackTestApp,
} from "../../helpers/slack-app";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function start(): Promise<{ fake: FakeSlack; t: SlackTestApp }> {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.close());
  const db = await createTestDatabaseUrl("sqlite");
  cleanup.push(db.drop);
  const t = await startSlackTestApp(fake, db.url, new FakeClock("2026-03-02T09:00:00Z"));
  cleanup.push(() => t.app.close());
  return { fake, t };
}

/** Resolves when the app has logged `msg` (the moment shutdown starts waiting for Slack work). */
async function logged(t: SlackTestApp, msg: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (t.logger.lines.some((l) => l.msg === msg)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`never logged "${msg}"`);
}

const WAITING = "waiting for acknowledged Slack requests to finish";

describe("Slack HTTP mode: stopping with work in flight", () => {
  it("finishes a streamed thread answer that was acknowledged before stop, and refuses new requests", async () => {
    const { fake, t } = await start();
    // The listener stops at its first Web API call (who is this learner?) until released.
    const release = fake.hold("users.info");
    await t.event({
      type: "message",
      channel: "C1",
      channel_type: "channel",
      user: "UTH",
      text: "why is that?",
      ts: "1700000101.000100",
      thread_ts: "1700000050.000100",
      parent_user_id: "UBOT",
    });
    await fake.waitFor((c) => c.method === "users.info" && c.body.user === "UTH", "users.info");

    let stopped = false;
    const stopping = t.surfaces.stop().then(() => {
      stopped = true;
    });
    await logged(t, WAITING);
    expect(t.surfaces.slack!.inFlight()).toBe(1);
    // New requests are refused while the old one is finished.
    await expect(postSigned(t.endpoint, SLACK_SECRET, "command=%2Fhelp", "form")).rejects.toThrow();

    release();
    const placeholder = await fake.waitFor(
      (c) => c.method === "chat.postMessage" && c.body.thread_ts === "1700000050.000100",
      "placeholder in the thread",
    );
    const final = await fake.waitFor(
      (c) => c.method === "chat.update" && c.body.ts !== undefined && !/Thinking/.test(textOf(c)),
      "final answer in place of the placeholder",
    );
    expect(final.body.channel).toBe(placeholder.body.channel);
    expect(stopped).toBe(false); // stop() is still waiting while the last reply goes out
    await stopping;
    expect(t.surfaces.slack!.inFlight()).toBe(0);
    expect(t.logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("gives up at the drain deadline, says so, tells the learner to try again, and lets the database close", async () => {
    const { fake, t } = await start();
    const release = fake.hold("users.info");
    const url = await t.command("help", "", { user: "USTUCK" });
    await fake.waitFor((c) => c.method === "users.info" && c.body.user === "USTUCK", "users.info");

    await t.surfaces.stop(50);
    const warned = t.logger.lines.find(
      (l) =>
        l.msg ===
        "Slack requests still running at the shutdown deadline; telling those we can to try again",
    );
    expect(warned?.level).toBe("warn");
    expect(warned!.obj).toMatchObject({ running: 1 });
    const told = await fake.waitFor(respondedAt(url), "try-again reply");
    expect(told.body.text).toContain("try again");

    // Let the stuck work end while the database is still open, so nothing runs after cleanup.
    release();
    await fake.waitFor(respondedAt(url), "late reply");
  });
});
