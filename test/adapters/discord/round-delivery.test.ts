// Channel rounds on Discord when posting goes wrong, end to end through signed interactions and
// the fake REST API: without a bot token a round that could outlast the 15-minute interaction
// webhook is refused up front; a step whose post failed (Discord down, the process gone) is
// posted after a restart, with the same nonce for bot messages so Discord can drop a duplicate;
// an expired webhook (404 Unknown Webhook) cancels the round instead of letting it run unseen.
import { afterAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import { ROUND_REPOST_AFTER_MS } from "../../../src/core/rounds/rules";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  APP_ID,
  CHANNEL,
  makeKeys,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Running,
  type UserSpec,
} from "../../helpers/discord";

const ann: UserSpec = { id: "555000000000000001", name: "Ann" };
const TOKEN = "test-bot-token-rounds";
const CHANNEL_MESSAGES = `/api/v10/channels/${CHANNEL}/messages`;
const opt = (name: string, value: unknown, type = 4) => ({ name, type, value });
const roundCommand = (count: number, seconds: number) =>
  slash(ann, "quiz", [opt("mode", "channel", 3), opt("count", count), opt("seconds", seconds)]);
const webhookOf = (start: { token: string }) => `/api/v10/webhooks/${APP_ID}/${start.token}`;

describe("channel rounds on Discord when posting goes wrong", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  async function setup(env: Record<string, string> = {}) {
    const fake = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const keys = makeKeys();
    const db = await createTestDatabaseUrl("sqlite");
    cleanups.push(db.drop);
    const clock = new FakeClock("2026-03-02T09:00:00Z");
    const start = () =>
      startDiscordApp({ databaseUrl: db.url, keys, fake, clock, discord: { gateway: false }, env });
    const box = { run: (await start()) as Running };
    cleanups.push(async () => {
      await box.run.stop();
    });
    return {
      fake,
      clock,
      box,
      send: (p: unknown) => post(box.run.base, keys, p),
      async restart() {
        await box.run.surfaces.discord!.idle();
        await box.run.stop();
        box.run = await start();
      },
      async tick() {
        await box.run.surfaces.discord!.tick();
        await box.run.surfaces.discord!.idle();
      },
      round: () =>
        box.run.app.db.prisma.channelRound.findFirstOrThrow({
          where: { channelId: CHANNEL },
          orderBy: { createdAt: "desc" },
        }),
    };
  }
  const titles = (fake: FakeDiscord, from: number, path: string) =>
    fake.calls
      .slice(from)
      .filter((c) => c.method === "POST" && c.path === path)
      .map((c) => c.body.embeds[0].title as string);

  it("without a bot token, refuses a round longer than the interaction webhook lives and says how to fit", async () => {
    const s = await setup();
    const r = await s.send(roundCommand(20, 120));
    expect(r.json.type).toBe(4);
    expect(r.json.data.flags).toBe(64); // only the starter sees it
    expect(r.json.data.embeds[0].description).toBe(
      "This round would take about 40 min, but without a bot token the bot can only post here for 15 minutes after your command. " +
        "Use fewer questions or less time (at most 6 questions at 120 s each, or at most 39 s each for 20 questions), or ask an admin to set a bot token (DISCORD_TOKEN).",
    );
    expect(await s.box.run.app.db.prisma.channelRound.count()).toBe(0);

    const ok = await s.send(roundCommand(6, 120));
    expect(ok.json.data.flags).toBeUndefined();
    expect(ok.json.data.embeds[0].title).toBe("Channel round · 1/6");
  });

  it("with a bot token, the same long round starts (bot messages do not expire)", async () => {
    const s = await setup({ DISCORD_TOKEN: TOKEN });
    const ok = await s.send(roundCommand(20, 120));
    expect(ok.json.data.embeds[0].title).toBe("Channel round · 1/20");
  });

  it("posts a step that failed to post after a restart, as the interaction webhook", async () => {
    const s = await setup();
    const start = roundCommand(2, 10);
    expect((await s.send(start)).json.data.embeds[0].title).toBe("Channel round · 1/2");
    s.fake.failPaths.set(webhookOf(start), { status: 502, code: 0, message: "Bad Gateway" });
    s.clock.advance(10_000);
    const before = s.fake.calls.length;
    await s.tick();
    expect(s.fake.calls.slice(before).some((c) => c.path === webhookOf(start))).toBe(true); // tried, and failed
    expect((await s.round()).postPendingSince).not.toBeNull();
    expect(
      s.box.run.logger.lines.some(
        (l) => l.msg === "posting round update failed; it will be posted again",
      ),
    ).toBe(true);

    // The process goes away with the step unposted; Discord recovers; a new process starts.
    await s.restart();
    s.fake.failPaths.clear();
    s.clock.advance(ROUND_REPOST_AFTER_MS);
    const mark = s.fake.calls.length;
    await s.tick();
    expect(titles(s.fake, mark, webhookOf(start))).toEqual([
      "Time's up · 1/2",
      "Channel round · 2/2",
    ]);
    expect(await s.round()).toMatchObject({
      position: 1,
      status: "running",
      postPendingSince: null,
    });
    const again = s.fake.calls.length;
    await s.tick();
    expect(s.fake.calls.length).toBe(again); // posted once, not on every tick
  });

  it("re-posts bot messages with the nonce of the first attempt", async () => {
    const s = await setup({ DISCORD_TOKEN: TOKEN });
    await s.send(roundCommand(2, 10));
    s.fake.failPaths.set(CHANNEL_MESSAGES, {
      status: 500,
      code: 0,
      message: "Internal Server Error",
    });
    s.clock.advance(10_000);
    const first = s.fake.calls.length;
    await s.tick();
    const tried = s.fake.calls.slice(first).filter((c) => c.path === CHANNEL_MESSAGES);
    expect(tried.length).toBeGreaterThan(0);
    await s.restart();
    s.fake.failPaths.clear();
    s.clock.advance(ROUND_REPOST_AFTER_MS);
    const mark = s.fake.calls.length;
    await s.tick();
    const posted = s.fake.calls
      .slice(mark)
      .filter((c) => c.path === CHANNEL_MESSAGES)
      .map((c) => c.body);
    expect(posted.map((b) => b.embeds[0].title)).toEqual([
      "Time's up · 1/2",
      "Channel round · 2/2",
    ]);
    expect(
      posted.every(
        (b) => b.enforce_nonce === true && typeof b.nonce === "string" && b.nonce.length <= 25,
      ),
    ).toBe(true);
    expect(posted[0].nonce).toBe(tried[0].body.nonce);
    expect(posted[1].nonce).not.toBe(posted[0].nonce);
  });

  it("cancels the round when the interaction webhook has expired, and frees the channel", async () => {
    const s = await setup();
    const start = roundCommand(2, 10);
    await s.send(start);
    s.fake.failPaths.set(webhookOf(start), {
      status: 404,
      code: 10015,
      message: "Unknown Webhook",
    });
    s.clock.advance(10_000);
    await s.tick();
    expect(await s.round()).toMatchObject({
      status: "cancelled",
      postPendingSince: null,
      runningKey: null,
    });
    expect(
      s.box.run.logger.lines.some(
        (l) =>
          l.level === "error" &&
          l.msg === "round messages cannot be posted to this channel; round cancelled",
      ),
    ).toBe(true);
    const mark = s.fake.calls.length;
    s.clock.advance(ROUND_REPOST_AFTER_MS);
    await s.tick();
    expect(s.fake.calls.length).toBe(mark); // nothing more is tried for it
    const next = await s.send(roundCommand(2, 10));
    expect(next.json.data.embeds[0].title).toBe("Channel round · 1/2");
  });
});
