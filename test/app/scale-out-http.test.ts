// Two Discord HTTP-interactions instances on ONE PostgreSQL database, reached over HTTP with
// Ed25519-signed payloads as Discord sends them: a load balancer sends one learner's requests
// alternately to A and B (start → A, show question → B, answer → A, next → B, answer → A), and
// nothing is lost: both answers recorded as right, the session finished.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/core/clock";
import { createTestDatabaseUrl } from "../helpers/db";
import { customId } from "../../src/adapters/discord/custom-ids";
import {
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
} from "../helpers/discord";

let fake: FakeDiscord;
let keys: Keys;
let a: Running;
let b: Running;
let drop: () => Promise<void>;
const learner: UserSpec = { id: "555000000000000001", name: "Roam" };

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("postgres");
  drop = db.drop;
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  a = await startDiscordApp({
    databaseUrl: db.url,
    keys,
    fake,
    clock,
    env: { DATABASE_POOL_SIZE: "4" },
  });
  b = await startDiscordApp({
    databaseUrl: db.url,
    keys,
    fake,
    clock,
    env: { DATABASE_POOL_SIZE: "4" },
  });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await fake?.close();
  await drop?.();
});

const components = (msg: any): any[] => (msg.components ?? []).flatMap((r: any) => r.components);

/** Answers the question on `msg` correctly through instance `via`, with the widget Discord shows for its type. */
async function answerRight(via: Running, msg: any, sessionId: string, position: number) {
  const session = await via.app.services.store.sessions.get(sessionId);
  const q = via.app.services.index.question(session!.questionIds[position])!;
  const action = `quiz.answer:${sessionId}:${position}`;
  switch (q.type) {
    case "single":
    case "true-false": {
      const right = q.type === "single" ? q.answer : String(q.answer);
      const button = components(msg).find((c: any) => c.custom_id === customId.pick(right, action));
      expect(button, `answer button for ${q.id}`).toBeDefined();
      return post(
        via.base,
        keys,
        component(learner, button.custom_id, { message: { components: msg.components } }),
      );
    }
    case "multiple":
      return post(
        via.base,
        keys,
        component(learner, customId.multi(action), {
          values: q.answer,
          message: { components: msg.components },
        }),
      );
    case "numeric":
      return post(
        via.base,
        keys,
        modalSubmit(
          learner,
          customId.textModal(action),
          `${q.answer.value} ${q.answer.unit}`.trim(),
          { id: "1", flags: 64 },
        ),
      );
    default:
      throw new Error(
        `a two-question quiz has no ${q.type} question (slow formats are capped at a third)`,
      );
  }
}

describe("two Discord HTTP instances on one PostgreSQL database", () => {
  it("serve one learner's quiz alternately over HTTP without losing the session", async () => {
    const topic = a.app.services.index.course.topics[0];
    const start = await post(
      a.base,
      keys,
      slash(learner, "quiz", [
        { name: "topic", type: 3, value: topic.id },
        { name: "count", type: 4, value: 2 },
      ]),
    );
    expect(start.status).toBe(200);
    await a.surfaces.discord!.idle();
    const learnerRow = await b.app.db.prisma.learner.findFirstOrThrow({
      where: { externalId: learner.id },
    });
    const session = await b.app.services.store.sessions.findOpen(learnerRow.id);
    expect(session).not.toBeNull();

    const shown1 = await post(b.base, keys, component(learner, `quiz.next:${session!.id}:0`));
    expect(shown1.json.type).toBe(7);
    const v1 = await answerRight(a, shown1.json.data, session!.id, 0);
    expect(JSON.stringify(v1.json.data.embeds)).toContain("Correct");
    const shown2 = await post(b.base, keys, component(learner, `quiz.next:${session!.id}:1`));
    expect(shown2.json.data.embeds[0].title).toMatch(/^Question 2\/2/);
    const v2 = await answerRight(a, shown2.json.data, session!.id, 1);
    expect(JSON.stringify(v2.json.data.embeds)).toContain("Correct");
    await a.surfaces.discord!.idle();
    await b.surfaces.discord!.idle();

    const after = await a.app.services.store.sessions.get(session!.id);
    expect(after).toMatchObject({ position: 2, status: "finished" });
    const answers = await b.app.services.store.answers.listBySession(session!.id);
    expect(answers.map((x) => [x.questionId, x.correct])).toEqual([
      [session!.questionIds[0], true],
      [session!.questionIds[1], true],
    ]);
  });
});
