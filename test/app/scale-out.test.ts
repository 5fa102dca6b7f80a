// Two instances (two apps, each with its own Prisma client and pool) on ONE PostgreSQL database
// serve one learner's quiz alternately, as a load balancer would spread Discord HTTP interactions
// or Slack HTTP requests, without losing the session; a double submit of the same answer sent to
// both at once records exactly one answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app/app";
import { loadConfig } from "../../src/config";
import { actor, recordingLogger } from "../helpers/app";
import { answerFor, questionOf } from "../helpers/answers";
import { createTestDatabaseUrl } from "../helpers/db";

let a: App;
let b: App;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabaseUrl("postgres");
  drop = t.drop;
  const config = loadConfig({ DATABASE_URL: t.url, CONSOLE: "off", DATABASE_POOL_SIZE: "4" });
  [a, b] = await Promise.all([
    createApp(config, recordingLogger()),
    createApp(config, recordingLogger()),
  ]);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await drop?.();
});

/** Replies that would mean the other instance did not see the session (whole phrases: a verdict's
 * explanation may contain words like "already"). */
const NOT_SERVED = /no quiz|already handled|went wrong|try again|quiz is over/i;

describe("two instances on one PostgreSQL database", () => {
  it("serve one learner's quiz alternately without losing the session", async () => {
    expect(a.db.prisma).not.toBe(b.db.prisma);
    const learner = actor("roaming", { platform: "discord" });
    const q1 = questionOf(await a.bot.handleCommand(learner, "quiz", { count: 3 }))!;
    expect(q1.position).toBe(0);

    const v1 = await b.bot.handleAction(learner, `quiz.answer:${q1.sessionId}:0`, answerFor(q1));
    expect(v1.map((r) => r.text).join(" ")).not.toMatch(NOT_SERVED); // a verdict, not an error
    const q2 = questionOf(await a.bot.handleAction(learner, `quiz.next:${q1.sessionId}`, {}))!;
    expect(q2).toMatchObject({ sessionId: q1.sessionId, position: 1 });

    await a.bot.handleAction(learner, `quiz.answer:${q2.sessionId}:1`, answerFor(q2));
    const progress = await b.bot.handleCommand(learner, "progress", {});
    expect(JSON.stringify(progress)).not.toMatch(NOT_SERVED);
    expect(JSON.stringify(progress)).not.toContain("not answered any");

    const learnerRow = await a.db.prisma.learner.findFirstOrThrow({
      where: { externalId: "roaming" },
    });
    const answers = await b.db.prisma.answer.findMany({
      where: { learnerId: learnerRow.id },
      orderBy: { createdAt: "asc" },
    });
    expect(answers.map((x) => x.questionId)).toEqual([q1.questionId, q2.questionId]);
    const session = await a.db.prisma.quizSession.findUniqueOrThrow({
      where: { id: q1.sessionId },
    });
    expect(session).toMatchObject({ position: 2, status: "open" });
    expect(JSON.stringify(progress)).toMatch(/2/);
  });

  it("a double submit to both instances at once records exactly one answer", async () => {
    const learner = actor("double-clicker", { platform: "slack" });
    const q = questionOf(await b.bot.handleCommand(learner, "quiz", { count: 2 }))!;
    const id = `quiz.answer:${q.sessionId}:0`;
    const [ra, rb] = await Promise.all([
      a.bot.handleAction(learner, id, answerFor(q)),
      b.bot.handleAction(learner, id, answerFor(q)),
    ]);
    expect(await a.db.prisma.answer.count({ where: { sessionId: q.sessionId } })).toBe(1);
    // One got the verdict; the other was told it was already handled (it lost the write) or that
    // the question was already answered (it read the session after the winner committed),
    // not an apology for a fault.
    const texts = [ra, rb].map((r) => r.map((x) => x.text).join(" "));
    expect(texts.filter((t) => /already handled|already answered/.test(t))).toHaveLength(1);
    expect(texts.join(" ")).not.toContain("something went wrong");
    const session = await b.db.prisma.quizSession.findUniqueOrThrow({ where: { id: q.sessionId } });
    expect(session.position).toBe(1);
  });
});
