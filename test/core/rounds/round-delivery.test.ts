// At-least-once delivery of round steps on both engines: a process that saved a step (reveal +
// next question) and died before posting it leaves the step pending; after a restart (a new
// database connection, nothing in memory) the step is handed out again, exactly once across
// concurrent instances, with the unseen question's time started afresh, and the round does not
// move past a step nobody saw. A platform that refuses a step for good cancels the round.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx, Services } from "../../../src/core/commands/types";
import {
  advanceDueRounds,
  roundPosted,
  roundUndeliverable,
  startRound,
  type RoundEvent,
} from "../../../src/core/rounds/channel-round";
import { deadlineOf, ROUND_REPOST_AFTER_MS } from "../../../src/core/rounds/rules";
import { openDatabase, type Database_ } from "../../../src/db/connect";
import { createStore } from "../../../src/db/store";
import { PROVIDERS } from "../../helpers/db";
import { actor, createTestApp, type TestApp } from "../../helpers/app";
import { msg } from "../../../src/core/messages/catalogue";

const titles = (ev: RoundEvent | undefined) => ev?.replies.map((r) => r.title);

describe.each(PROVIDERS)("round step delivery on %s", (provider) => {
  let t: TestApp;
  const extra: Database_[] = [];
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => {
    for (const db of extra) await db.close();
    await t?.close();
  });

  /** A fresh "process": its own database connection and no state but what storage holds. */
  async function restarted(): Promise<Services> {
    const db = await openDatabase(t.testDb.url, { poolSize: 3 });
    extra.push(db);
    return { ...t.services, store: createStore(db.prisma) };
  }

  async function ctxIn(channelId: string): Promise<Ctx> {
    const a = actor("ann", { platform: "slack", channelId });
    const learner = await t.services.store.learners.upsert(
      { platform: a.platform, workspaceId: a.workspaceId, externalId: a.userId },
      "Ann",
    );
    return {
      ...t.services,
      actor: a,
      learner,
      locale: "en",
      msg: (key, ...params) => msg("en", key, ...params),
      t: (_zh: string, en: string) => en,
    };
  }

  const due = async (services: Services, channelId: string) =>
    (await advanceDueRounds(services, { platform: "slack" })).filter(
      (e) => e.round.channelId === channelId,
    );

  it("re-posts a step saved by a process that died before posting it", async () => {
    await startRound(await ctxIn("crash"), { count: 2, seconds: 20 });
    t.clock.advance(20_000);
    // The first process saves the reveal + question 2 … and dies before posting or confirming.
    const [saved] = await due(t.services, "crash");
    expect(titles(saved)).toEqual(["Time's up · 1/2", "Channel round · 2/2"]);
    expect(saved.reposted).toBe(false);

    const after = await restarted();
    // Right after the restart the step might still be on its way (another instance): wait.
    t.clock.advance(1_000);
    expect(await due(after, "crash")).toEqual([]);
    // Question 2's own deadline passes, but nobody saw it: the round must not close it.
    t.clock.advance(20_000);
    expect(await due(after, "crash")).toEqual([]);
    expect((await after.store.rounds.get(saved.round.id))?.position).toBe(1);

    // Past the re-post delay the step comes back, as it was, with question 2's time restarted.
    t.clock.set(saved.round.postPendingSince!.getTime() + ROUND_REPOST_AFTER_MS);
    const [again] = await due(after, "crash");
    expect(again.reposted).toBe(true);
    expect(titles(again)).toEqual(titles(saved));
    expect(again.replies[0].text).toBe(saved.replies[0].text);
    expect(deadlineOf(again.round).getTime()).toBe(t.clock.now().getTime() + 20_000);
    await roundPosted(after, again);
    expect(await due(after, "crash")).toEqual([]); // posted: nothing to re-post

    // The round goes on from there and ends with the scoreboard.
    t.clock.advance(20_000);
    const [last] = await due(after, "crash");
    expect(titles(last)).toEqual(["Time's up · 2/2", "Round over · Scoreboard"]);
    await roundPosted(after, last);
    t.clock.advance(ROUND_REPOST_AFTER_MS);
    expect(await due(after, "crash")).toEqual([]);
    expect((await after.store.rounds.get(saved.round.id))?.status).toBe("finished");
  });

  it("re-posts an unconfirmed scoreboard, and hands a pending step to one of two instances", async () => {
    await startRound(await ctxIn("board"), { count: 1, seconds: 10 });
    t.clock.advance(10_000);
    const [saved] = await due(t.services, "board");
    expect(titles(saved)).toEqual(["Time's up · 1/1", "Round over · Scoreboard"]);
    // The channel is free for a new round although the old scoreboard is not posted yet.
    expect(await t.services.store.rounds.findRunning("slack", "board")).toBeNull();

    // Two instances each with their own pool on PostgreSQL; SQLite serves one process, so there
    // the race is two ticks of one process at once.
    const a = await restarted();
    const b = provider === "postgres" ? await restarted() : a;
    t.clock.advance(ROUND_REPOST_AFTER_MS);
    const both = [...(await Promise.all([due(a, "board"), due(b, "board")]))].flat();
    expect(both.map(titles)).toEqual([["Time's up · 1/1", "Round over · Scoreboard"]]);
    await roundPosted(a, both[0]);
    t.clock.advance(ROUND_REPOST_AFTER_MS);
    expect([...(await due(a, "board")), ...(await due(b, "board"))]).toEqual([]);
  });

  it("a confirmation that comes too late does not let the step be claimed again", async () => {
    await startRound(await ctxIn("slow"), { count: 2, seconds: 20 });
    t.clock.advance(20_000);
    const [saved] = await due(t.services, "slow");
    const other = await restarted();
    // The other instance reads the round while the step is pending, then the poster confirms.
    const seen = (await other.store.rounds.listActive("slack")).find(
      (r) => r.id === saved.round.id,
    )!;
    expect(seen.postPendingSince).not.toBeNull();
    await roundPosted(t.services, saved);
    t.clock.advance(ROUND_REPOST_AFTER_MS);
    await expect(
      other.store.rounds.advance(seen.id, seen.version, { postPendingSince: t.clock.now() }, []),
    ).rejects.toThrow(/changed concurrently/);
    // What comes next is the round moving on (question 2's time is up), not a re-post.
    const next = await due(other, "slow");
    expect(next.map((e) => [e.reposted, ...titles(e)!])).toEqual([
      [false, "Time's up · 2/2", "Round over · Scoreboard"],
    ]);
  });

  it("cancels a round whose step the platform refuses for good, freeing the channel", async () => {
    const ctx = await ctxIn("gone");
    await startRound(ctx, { count: 3, seconds: 20 });
    t.clock.advance(20_000);
    const [saved] = await due(t.services, "gone");
    expect(await roundUndeliverable(t.services, saved)).toBe(true);
    const round = await t.services.store.rounds.get(saved.round.id);
    expect(round).toMatchObject({ status: "cancelled", postPendingSince: null });
    t.clock.advance(ROUND_REPOST_AFTER_MS);
    expect(await due(t.services, "gone")).toEqual([]);
    await startRound(ctx, { count: 1, seconds: 10 });

    // A finished round whose scoreboard cannot be posted stays finished; it is just not retried.
    t.clock.advance(10_000);
    const [board] = await due(t.services, "gone");
    expect(board.finished).toBe(true);
    expect(await roundUndeliverable(t.services, board)).toBe(true);
    expect(await t.services.store.rounds.get(board.round.id)).toMatchObject({
      status: "finished",
      postPendingSince: null,
    });
  });
});
