// The database goes away mid-quiz: the learner is told to try again shortly, /healthz turns 503,
// the process stays up, and once the database is back the very next request works, with the
// session intact, without restarting anything. PostgreSQL is reached through a TCP proxy the
// test cuts (dropping every pooled connection and refusing new ones) and restores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app/app";
import { startSurfaces, type Surfaces } from "../../src/app/surfaces";
import { loadConfig } from "../../src/config";
import { actor, recordingLogger } from "../helpers/app";
import { answerFor, questionOf } from "../helpers/answers";
import { get } from "../helpers/http";
import { proxiedTestDatabase, type TcpProxy } from "../helpers/tcp-proxy";

let app: App;
let surfaces: Surfaces;
let proxy: TcpProxy;
let drop: () => Promise<void>;
const logger = recordingLogger();
const unhandled: unknown[] = [];
const onUnhandled = (e: unknown) => unhandled.push(e);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  const t = await proxiedTestDatabase();
  ({ proxy, drop } = t);
  app = await createApp(
    { ...loadConfig({ DATABASE_URL: t.url, CONSOLE: "off" }), PORT: 0, HOST: "127.0.0.1" },
    logger,
  );
  surfaces = await startSurfaces(app, logger);
});
afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await surfaces?.stop();
  await app?.close();
  await proxy?.stop();
  await drop?.();
});

const learner = actor("outage-learner", { platform: "discord" });

describe("database outage", () => {
  it("answers 'try again shortly' while the database is down and recovers without a restart", async () => {
    const q = questionOf(await app.bot.handleCommand(learner, "quiz", { topic: "", count: 1 }));
    expect(q).toBeDefined();
    expect((await get(surfaces.port!, "/healthz")).status).toBe(200);

    await proxy.stop();
    const during = await app.bot.handleAction(
      learner,
      `quiz.answer:${q!.sessionId}:${q!.position}`,
      answerFor(q!),
    );
    expect(during).toHaveLength(1);
    expect(during[0].text).toContain("try again shortly");
    expect(during[0].private).toBe(true);
    const help = await app.bot.handleCommand(learner, "progress", {});
    expect(help[0].text).toContain("try again shortly");
    const health = await get(surfaces.port!, "/healthz");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({
      status: "unavailable",
      database: "unreachable",
    });
    // Counted as "unavailable", not as a fault; logged as a warning.
    expect((await get(surfaces.port!, "/metrics")).body).toMatch(
      /coursebot_interactions_total\{kind="action",name="quiz\.answer",outcome="unavailable"\} 1/,
    );
    expect(logger.lines.some((l) => l.level === "warn" && l.msg === "database unavailable")).toBe(
      true,
    );
    expect(logger.lines.filter((l) => l.level === "error")).toEqual([]);

    await proxy.start();
    const after = await app.bot.handleAction(
      learner,
      `quiz.answer:${q!.sessionId}:${q!.position}`,
      answerFor(q!),
    );
    expect(after[0].text).not.toContain("try again shortly");
    expect(after[0].private).not.toBe(true); // the verdict, not an error
    const answers = await app.db.prisma.answer.count({ where: { sessionId: q!.sessionId } });
    expect(answers).toBe(1);
    expect((await get(surfaces.port!, "/healthz")).status).toBe(200);
    expect(unhandled).toEqual([]);
  });
});
