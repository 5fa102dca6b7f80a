// GET /healthz reports database and content; GET /metrics serves Prometheus text with the
// interaction counters and latency histograms fed by the bot, the LLM-token and lesson-delivery
// counters other modules bump, and the default process metrics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app/app";
import { startSurfaces, type Surfaces } from "../../src/app/surfaces";
import { loadConfig } from "../../src/config";
import { createTestDatabaseUrl } from "../helpers/db";
import { get } from "../helpers/http";
import { actor, recordingLogger } from "../helpers/app";

let app: App;
let surfaces: Surfaces;
let drop: () => Promise<void>;

beforeAll(async () => {
  const t = await createTestDatabaseUrl("sqlite");
  drop = t.drop;
  const logger = recordingLogger();
  app = await createApp(
    { ...loadConfig({ DATABASE_URL: t.url, CONSOLE: "off" }), PORT: 0, HOST: "127.0.0.1" },
    logger,
  );
  surfaces = await startSurfaces(app, logger);
});
afterAll(async () => {
  await surfaces?.stop();
  await app?.close();
  await drop?.();
});

describe("operations endpoints", () => {
  it("/healthz says the database answers and the course is loaded", async () => {
    const r = await get(surfaces.port!, "/healthz");
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body);
    expect(body).toMatchObject({
      status: "ok",
      database: "ok",
      provider: "sqlite",
      content: { loaded: true },
    });
    expect(body.content.questions).toBe(app.services.index.course.questions.length);
  });

  it("/metrics counts interactions by command and outcome, with latency histograms", async () => {
    await app.bot.handleCommand(actor("m1"), "help", {});
    await app.bot.handleCommand(actor("m1"), "help", {});
    await app.bot.handleCommand(actor("m1"), "quiz", { count: 999 });
    await app.bot.handleCommand(actor("m1"), `no-such-command-${"x".repeat(50)}`, {});
    await app.bot.handleText(actor("m1"), "hello");
    const r = await get(surfaces.port!, "/metrics");
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("text/plain");
    expect(r.body).toContain(
      'coursebot_interactions_total{kind="command",name="help",outcome="ok"} 2',
    );
    expect(r.body).toContain(
      'coursebot_interactions_total{kind="command",name="quiz",outcome="user_error"} 1',
    );
    // A typed unknown command does not become its own label (bounded cardinality).
    expect(r.body).toContain(
      'coursebot_interactions_total{kind="command",name="other",outcome="user_error"} 1',
    );
    expect(r.body).not.toContain("no-such-command");
    expect(r.body).toContain(
      'coursebot_interactions_total{kind="text",name="text",outcome="ok"} 1',
    );
    expect(r.body).toContain(
      'coursebot_interaction_duration_seconds_bucket{le="+Inf",kind="command",name="help"} 2',
    );
    expect(r.body).toContain(
      'coursebot_interaction_duration_seconds_bucket{le="0.02",kind="command",name="help"}',
    );
    expect(r.body).toContain(
      'coursebot_interaction_duration_seconds_count{kind="command",name="help"} 2',
    );
    expect(r.body).toMatch(/coursebot_process_resident_memory_bytes \d+/);
    expect(r.body).toMatch(/coursebot_nodejs_eventloop_lag_seconds \d/);
  });

  it("other modules bump LLM-token and lesson-delivery counters through Services.metrics", async () => {
    app.services.metrics!.llmTokens.inc({ direction: "prompt", model: "gpt-4o-mini" }, 420);
    app.services.metrics!.llmTokens.inc({ direction: "completion", model: "gpt-4o-mini" }, 37);
    app.services.metrics!.lessonDeliveries.inc({ outcome: "sent" });
    app.services.metrics!.lessonDeliveries.inc({ outcome: "failed" }, 2);
    const r = await get(surfaces.port!, "/metrics");
    expect(r.body).toContain(
      'coursebot_llm_tokens_total{direction="prompt",model="gpt-4o-mini"} 420',
    );
    expect(r.body).toContain(
      'coursebot_llm_tokens_total{direction="completion",model="gpt-4o-mini"} 37',
    );
    expect(r.body).toContain('coursebot_lesson_deliveries_total{outcome="sent"} 1');
    expect(r.body).toContain('coursebot_lesson_deliveries_total{outcome="failed"} 2');
  });

  it("unknown paths and methods get 404 and 405", async () => {
    expect((await get(surfaces.port!, "/nope")).status).toBe(404);
  });
});
