// A timed channel round over signed HTTP interactions: three learners, points for the fastest
// correct answers, a restart of the app (new instance, same database) in the middle, and the
// reveal/scoreboard posted through the stored interaction webhook to the fake Discord API.
import { afterAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../../src/core/clock";
import type { Question } from "../../../src/core/content/schema";
import { displayOptions, displayRight, LETTERS } from "../../../src/core/grading/present";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  APP_ID,
  CHANNEL,
  component,
  makeKeys,
  modalSubmit,
  post,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type Running,
  type UserSpec,
} from "../../helpers/discord";

const ann: UserSpec = { id: "555000000000000001", name: "Ann" };
const bo: UserSpec = { id: "555000000000000002", name: "Bo" };
const cy: UserSpec = { id: "555000000000000003", name: "Cy" };

/** The payload a learner's click or typed answer produces for this question's widgets. */
function answerPayload(
  user: UserSpec,
  q: Question,
  roundId: string,
  pos: number,
  correct: boolean,
) {
  const action = `round.answer:${roundId}:${pos}`;
  const publicMsg = { id: "777", flags: 0 };
  switch (q.type) {
    case "single": {
      const pick = correct ? q.answer : q.choices.find((c) => c.id !== q.answer)!.id;
      return component(user, `pick|${pick}|${action}`, { message: publicMsg });
    }
    case "true-false":
      return component(user, `pick|${correct ? q.answer : !q.answer}|${action}`, {
        message: publicMsg,
      });
    case "multiple":
      return component(user, `multi|${action}`, {
        values: correct ? q.answer : [q.choices.find((c) => !q.answer.includes(c.id))!.id],
        message: publicMsg,
      });
    case "numeric":
      return modalSubmit(
        user,
        `text|${action}`,
        correct
          ? `${q.answer.value}${q.answer.unit}`
          : `${q.answer.value * 10 + 7}${q.answer.unit}`,
        publicMsg,
      );
    case "ordering": {
      const shown = displayOptions(q, roundId).map((o) => o.id);
      const order = correct ? q.answer : [...q.answer].reverse();
      return modalSubmit(
        user,
        `text|${action}`,
        order.map((id) => shown.indexOf(id) + 1).join(" "),
        publicMsg,
      );
    }
    case "matching": {
      const left = displayOptions(q, roundId).map((o) => o.id);
      const right = displayRight(q, roundId).map((o) => o.id);
      const pairs = Object.entries(q.answer).map(([l, r], i, all) => [
        l,
        correct ? r : all[(i + 1) % all.length][1],
      ]);
      return modalSubmit(
        user,
        `text|${action}`,
        pairs.map(([l, r]) => `${left.indexOf(l) + 1}-${LETTERS[right.indexOf(r)]}`).join(" "),
        publicMsg,
      );
    }
  }
}

describe("channel round over Discord", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it("scores the fastest correct answers, survives a restart and ends with the scoreboard", async () => {
    const fake = await startFakeDiscord();
    cleanups.push(() => fake.close());
    const keys = makeKeys();
    const db = await createTestDatabaseUrl("sqlite");
    cleanups.push(db.drop);
    const clock = new FakeClock("2026-03-02T09:00:00Z");
    let run: Running = await startDiscordApp({ databaseUrl: db.url, keys, fake, clock });
    let stopped = false;
    cleanups.push(async () => {
      if (!stopped) await run.stop();
    });
    const send = (p: unknown) => post(run.base, keys, p);

    const start = slash(ann, "quiz", [
      { name: "mode", type: 3, value: "channel" },
      { name: "count", type: 4, value: 2 },
    ]);
    const r = await send(start);
    expect(r.json.type).toBe(4);
    expect(r.json.data.flags).toBeUndefined(); // public: the whole channel plays
    expect(r.json.data.embeds[0].title).toBe("Channel round · 1/2");
    expect(r.json.data.allowed_mentions).toEqual({ parse: [] });
    const round = (await run.app.services.store.rounds.findRunning("discord", CHANNEL))!;
    const ids = r.json.data.components
      .flatMap((row: any) => row.components)
      .map((c: any) => c.custom_id);
    expect(ids.some((id: string) => id.includes(`round.answer:${round.id}:0`))).toBe(true);
    const [q1, q2] = round.questionIds.map((id) => run.app.services.index.question(id)!);

    // Question 1: Ann right after 2 s, Bo right after 5 s.
    clock.advance(2_000);
    const a1 = await send(answerPayload(ann, q1, round.id, 0, true));
    expect(a1.json.type).toBe(4);
    expect(a1.json.data.flags).toBe(64); // a private acknowledgement; the round message stays
    expect(a1.json.data.embeds[0].description).toContain("Answer locked in (2.0 s)");
    clock.advance(3_000);
    await send(answerPayload(bo, q1, round.id, 0, true));
    const dup = await send(answerPayload(bo, q1, round.id, 0, true));
    expect(dup.json.data.embeds[0].description).toBe("You already answered this question.");

    // Restart: a new app instance on the same database picks the round up.
    await run.surfaces.discord!.idle();
    await run.stop();
    run = await startDiscordApp({ databaseUrl: db.url, keys, fake, clock });

    clock.advance(3_000);
    await send(answerPayload(cy, q1, round.id, 0, false));
    clock.advance(13_000); // 21 s after the question opened
    const late = await send(answerPayload(cy, q1, round.id, 0, true));
    expect(late.json.data.embeds[0].description).toBe("Time is up for that question.");
    const before = fake.calls.length;
    await run.surfaces.discord!.tick();
    await run.surfaces.discord!.idle();
    const posted = fake.calls
      .slice(before)
      .filter((c) => c.path === `/api/v10/webhooks/${APP_ID}/${start.token}`)
      .map((c) => c.body);
    expect(posted.map((b) => b.embeds[0].title)).toEqual([
      "Time's up · 1/2",
      "Channel round · 2/2",
    ]);
    expect(posted.every((b) => b.allowed_mentions?.parse?.length === 0 && !b.flags)).toBe(true);
    expect(posted[0].embeds[0].fields[0]).toMatchObject({
      name: "3 answered, 2 right.",
      value: "🥇 Ann +10 (2.0 s)\n🥈 Bo +8 (5.0 s)",
    });

    // Question 2: Cy right after 1 s, Ann right after 3 s, Bo wrong.
    clock.advance(1_000);
    await send(answerPayload(cy, q2, round.id, 1, true));
    clock.advance(2_000);
    await send(answerPayload(ann, q2, round.id, 1, true));
    await send(answerPayload(bo, q2, round.id, 1, false));
    clock.advance(20_000);
    const mid = fake.calls.length;
    await run.surfaces.discord!.tick();
    await run.surfaces.discord!.idle();
    const end = fake.calls
      .slice(mid)
      .filter((c) => c.path === `/api/v10/webhooks/${APP_ID}/${start.token}`)
      .map((c) => c.body);
    expect(end.map((b) => b.embeds[0].title)).toEqual([
      "Time's up · 2/2",
      "Round over · Scoreboard",
    ]);
    expect(end[1].embeds[0].description).toBe(
      "🥇 Ann — 18 pts (2/2)\n🥈 Cy — 10 pts (1/2)\n🥉 Bo — 8 pts (1/2)",
    );
    expect((await run.app.services.store.rounds.get(round.id))?.status).toBe("finished");

    // A second tick (or another instance) posts nothing more.
    const after = fake.calls.length;
    await run.surfaces.discord!.tick();
    expect(fake.calls.length).toBe(after);
    await run.stop();
    stopped = true;
  });
});
