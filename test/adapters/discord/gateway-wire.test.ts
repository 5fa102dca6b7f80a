// The Discord gateway over a real WebSocket, through `npm start`'s own wiring (src/main.ts in a
// child process) against the local fakes of Discord's REST API and gateway: discord.js fetches
// GET /gateway/bot, identifies, heartbeats, receives INTERACTION_CREATE (answered through the
// REST callback) and MESSAGE_CREATE in its thread (answered by the offline tutor), resumes after
// a dropped socket or a missed heartbeat ACK, follows op 7 and op 9, falls back without Message
// Content on close 4014 and gives up with one error naming DISCORD_TOKEN on close 4004 (or a 401
// from GET /gateway/bot).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayTokenRejected, startGateway } from "../../../src/adapters/discord/gateway";
import type { DiscordRest } from "../../../src/adapters/discord/rest";
import { loadContent } from "../../../src/app/content-files";
import type { Bot } from "../../../src/core/bot";
import { recordingLogger } from "../../helpers/app";
import { createTestDatabaseUrl, PROVIDERS } from "../../helpers/db";
import {
  APP_ID,
  CHANNEL,
  GUILD,
  modalSubmit,
  component,
  slash,
  snowflake,
  startFakeDiscord,
  type FakeDiscord,
  type RestCall,
} from "../../helpers/discord";
import {
  delivered,
  MESSAGE_CONTENT_INTENT,
  startFakeGateway,
  type FakeGateway,
} from "../../helpers/fake-discord-gateway";
import { freePort } from "../../helpers/http";
import { spawnApp, type SpawnedApp } from "../../helpers/spawn-app";

const TOKEN = "MTEx.fake-token.for-the-gateway-wire-test";
const ann = { id: "555000000000000021", name: "Ann" };
const question = loadContent().course.questions.find((q) => q.type === "single")!;

interface Rig {
  rest: FakeDiscord;
  gw: FakeGateway;
  app: SpawnedApp;
  stop(): Promise<void>;
}

async function rig(
  dbUrl: string,
  opts: { token?: string; disallowedIntents?: number } = {},
): Promise<Rig> {
  const rest = await startFakeDiscord();
  const gw = await startFakeGateway(rest, { token: TOKEN, guilds: [GUILD], heartbeatMs: 800 });
  gw.disallowedIntents = opts.disallowedIntents ?? 0;
  const app = spawnApp({
    PORT: String(await freePort()),
    HOST: "127.0.0.1",
    DATABASE_URL: dbUrl,
    LOG_LEVEL: "info",
    DISCORD_TOKEN: opts.token ?? TOKEN,
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_API_URL: rest.url,
  });
  return {
    rest,
    gw,
    app,
    async stop() {
      if (app.child.exitCode === null) {
        app.child.kill("SIGTERM");
        await app.exited;
      }
      await gw.close();
      await rest.close();
    },
  };
}

/** Dispatches an interaction and waits for its REST callback. */
async function answered(r: Rig, payload: Record<string, any>) {
  r.gw.dispatch("INTERACTION_CREATE", delivered(payload), GUILD);
  return waitCallback(r, payload);
}
async function waitCallback(r: Rig, payload: Record<string, any>) {
  const path = `/api/v10/interactions/${payload.id}/${payload.token}/callback`;
  const started = Date.now();
  await r.gw.waitFor(
    () => r.rest.calls.some((c) => c.path === path),
    `the callback of ${payload.data.name ?? payload.data.custom_id}`,
  );
  return { call: r.rest.calls.find((c) => c.path === path)!, ms: Date.now() - started };
}
const ops = (r: Rig, op: number) => r.gw.received.filter((x) => x.op === op);

describe.each(PROVIDERS)("Discord gateway over the wire (%s)", (provider) => {
  let main: Rig;
  /** The refused-token instance runs beside the others, so its wait past a lease beat overlaps theirs. */
  let refused: Rig;
  let refusedAt = 0;
  const drops: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    const db = await createTestDatabaseUrl(provider);
    drops.push(db.drop);
    main = await rig(db.url);
    await main.app.waitForLog('"discord gateway connected"', 40_000);
    const db2 = await createTestDatabaseUrl(provider);
    drops.push(db2.drop);
    refused = await rig(db2.url, { token: "MTEx.a-revoked.token" });
    void refused.app.waitForLog("Discord rejected DISCORD_TOKEN", 60_000).then(
      () => {
        refusedAt = Date.now();
      },
      () => {},
    );
  }, 60_000);
  afterAll(async () => {
    await main?.stop();
    await refused?.stop();
    for (const d of drops) await d();
  });

  it("fetches the gateway address from GET /gateway/bot, identifies with the token, intents and shard, heartbeats", async () => {
    expect(
      main.rest.calls.some((c) => c.method === "GET" && c.path === "/api/v10/gateway/bot"),
    ).toBe(true);
    const { query } = main.gw.connections[0];
    expect(query.get("v")).toBe("10");
    expect(query.get("encoding")).toBe("json");
    expect(query.has("compress")).toBe(false);
    const [identify] = ops(main, 2);
    expect(identify.d).toMatchObject({ token: TOKEN, shard: [0, 1] });
    expect(identify.d.intents & MESSAGE_CONTENT_INTENT).toBe(MESSAGE_CONTENT_INTENT);
    await main.gw.waitFor(() => ops(main, 1).length > 0, "a heartbeat");
  });

  it("answers a slash command, a button and a modal arriving as INTERACTION_CREATE through the REST callback", async () => {
    const quiz = await answered(main, slash(ann, "quiz", [{ name: "count", type: 4, value: 1 }]));
    expect(quiz.call.body.type).toBe(4);
    expect(quiz.ms).toBeLessThan(3_000 * 5); // Discord allows 3 s; generous on a loaded machine
    const about = await answered(main, component(ann, `tutor.about:${question.id}`));
    expect(about.call.body).toEqual({ type: 5, data: { flags: 64 } }); // deferred while it opens a thread
    const modal = await answered(
      main,
      modalSubmit(ann, `tutorq|${question.id}`, "Why is this the answer?"),
    );
    expect([4, 5]).toContain(modal.call.body.type);
  });

  it("answers a reply typed in its thread under a quiz answer (MESSAGE_CREATE) with the tutor", async () => {
    await main.gw.waitFor(
      () => main.rest.threads.length > 0,
      "the thread opened by Ask about this",
    );
    const thread = main.rest.threads[0];
    main.gw.dispatch(
      "THREAD_CREATE",
      {
        id: thread.id,
        guild_id: GUILD,
        parent_id: thread.parentId,
        owner_id: APP_ID,
        type: 11,
        name: "About the question",
        thread_metadata: {
          archived: false,
          auto_archive_duration: 1440,
          archive_timestamp: "2026-03-02T09:00:00.000Z",
          locked: false,
        },
        member_count: 1,
        message_count: 0,
        rate_limit_per_user: 0,
        flags: 0,
        newly_created: true,
      },
      GUILD,
    );
    const messageId = snowflake();
    main.gw.dispatch(
      "MESSAGE_CREATE",
      {
        id: messageId,
        channel_id: thread.id,
        guild_id: GUILD,
        type: 0,
        content: "Why is that the right answer?",
        author: {
          id: ann.id,
          username: "ann",
          discriminator: "0",
          global_name: "Ann",
          avatar: null,
        },
        member: {
          roles: [],
          joined_at: "2026-01-01T00:00:00.000Z",
          nick: null,
          deaf: false,
          mute: false,
          flags: 0,
        },
        timestamp: "2026-03-02T09:00:00.000Z",
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: [],
        pinned: false,
        flags: 0,
      },
      GUILD,
    );
    const isAnswer = (c: RestCall) =>
      c.method === "POST" &&
      c.path === `/api/v10/channels/${thread.id}/messages` &&
      c.body.message_reference?.message_id === messageId;
    await main.gw.waitFor(
      () => main.rest.calls.some(isAnswer),
      "the tutor's answer in the thread, replying to the message",
    );
    const reply = main.rest.calls.find(isAnswer)!;
    expect(JSON.stringify(reply.body).length).toBeGreaterThan(100);
    expect(thread.parentId).toBe(CHANNEL);
  });

  it("resumes with its session id and sequence after a dropped socket and loses no dispatch", async () => {
    for (const close of [undefined, 4000]) {
      // a TCP drop, then a resumable close code
      const session = main.gw.session()!;
      const seqBefore = session.seq;
      const resumesBefore = ops(main, 6).length;
      main.gw.drop(0, close);
      const whileAway = slash(ann, "topics");
      main.gw.dispatch("INTERACTION_CREATE", delivered(whileAway), GUILD); // kept for the replay
      await main.gw.waitFor(() => ops(main, 6).length > resumesBefore, "a Resume");
      expect(ops(main, 6).at(-1)!.d).toEqual({
        token: TOKEN,
        session_id: session.id,
        seq: seqBefore,
      });
      expect(main.gw.connections.at(-1)!.path).toBe("/resume"); // READY's resume_gateway_url
      await waitCallback(main, whileAway);
      await answered(main, slash(ann, "topics")); // sent after the resume
      expect(main.gw.sessions).toHaveLength(1);
    }
  });

  it("reconnects and resumes when a heartbeat is not acknowledged", async () => {
    const sockets = main.gw.connections.length;
    main.gw.ackHeartbeats = false;
    await main.gw.waitFor(
      () => main.gw.connections.length > sockets,
      "a new connection after the unacknowledged heartbeat",
    );
    main.gw.ackHeartbeats = true;
    await main.gw.waitFor(
      () => ops(main, 6).some((x) => x.socket > sockets),
      "a Resume on the new connection",
    );
    await answered(main, slash(ann, "topics"));
    expect(main.gw.sessions).toHaveLength(1);
  });

  it("op 7 Reconnect: reconnects and resumes; op 9 resumable: resumes; op 9 not resumable: identifies anew", async () => {
    let sockets = main.gw.connections.length;
    main.gw.send(0, { op: 7, d: null });
    await main.gw.waitFor(
      () => ops(main, 6).some((x) => x.socket > sockets),
      "a Resume after op 7",
    );
    await answered(main, slash(ann, "topics"));

    sockets = main.gw.connections.length;
    const resumes = ops(main, 6).length;
    main.gw.send(0, { op: 9, d: true });
    await main.gw.waitFor(() => ops(main, 6).length > resumes, "a Resume after op 9 (resumable)");
    expect(ops(main, 6).at(-1)!.d.session_id).toBe(main.gw.sessions[0].id);
    await answered(main, slash(ann, "topics"));

    const identifies = ops(main, 2).length;
    main.gw.send(0, { op: 9, d: false });
    await main.gw.waitFor(
      () => ops(main, 2).length > identifies,
      "a new Identify after op 9 (not resumable)",
    );
    expect(main.gw.sessions).toHaveLength(2);
    await answered(main, slash(ann, "topics")); // on the new session
  });

  it("close 4014: starts without Message Content, says what it loses, keeps serving slash commands", async () => {
    const db = await createTestDatabaseUrl(provider);
    drops.push(db.drop);
    const r = await rig(db.url, { disallowedIntents: MESSAGE_CONTENT_INTENT });
    try {
      await r.app.waitForLog('"discord gateway connected"', 40_000);
      const [first, second] = ops(r, 2);
      expect(first.d.intents & MESSAGE_CONTENT_INTENT).toBe(MESSAGE_CONTENT_INTENT);
      expect(second.d.intents & MESSAGE_CONTENT_INTENT).toBe(0);
      expect(r.app.output()).toMatch(
        /Message Content intent not enabled.*gateway close 4014.*replies typed in the bot's threads are not read/,
      );
      expect(r.app.output()).toContain('"messageContent":false');
      await answered(r, slash(ann, "topics"));
      // Without it, Ask about this opens a modal instead of a thread.
      const about = await answered(r, component(ann, `tutor.about:${question.id}`));
      expect(about.call.body.type).toBe(9);
    } finally {
      await r.stop();
    }
  });

  it("close 4004: one error naming DISCORD_TOKEN, no reconnect", async () => {
    const r = refused;
    await r.app.waitForLog("Discord rejected DISCORD_TOKEN", 40_000);
    await r.app.waitForLog('"released the lease"');
    // Past the lease's next beat (10 s): a retry loop would have identified again by now.
    // Timers run on a monotonic clock and Date.now() rounds to the millisecond, so a timer can
    // end 1 ms "early" by Date.now() (seen once: 10,999): wait until the wall clock agrees.
    while (Date.now() - refusedAt < 11_000) {
      await new Promise((res) => setTimeout(res, Math.max(1, refusedAt + 11_000 - Date.now())));
    }
    expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(11_000);
    expect(ops(r, 2)).toHaveLength(1);
    expect(r.gw.connections).toHaveLength(1);
    const errors = r.app
      .output()
      .split("\n")
      .filter((l) => l.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("DISCORD_TOKEN");
    expect(r.app.output()).not.toContain("a-revoked.token");
    expect(r.app.child.exitCode).toBeNull(); // still up (health, HTTP interactions if configured)
  }, 60_000);
});

describe("a token refused by GET /gateway/bot (401)", () => {
  it("is the same refused DISCORD_TOKEN as close code 4004", async () => {
    const rest = await startFakeDiscord();
    rest.failPaths.set("/api/v10/gateway/bot", {
      status: 401,
      code: 0,
      message: "401: Unauthorized",
    });
    try {
      const started = startGateway({
        token: "MTEx.a-revoked.token",
        apiUrl: rest.url,
        bot: {} as Bot,
        rest: {} as DiscordRest,
        handle: async () => {},
        logger: recordingLogger(),
      });
      await expect(started).rejects.toThrow(GatewayTokenRejected);
      await expect(started).rejects.toThrow(/DISCORD_TOKEN/);
    } finally {
      await rest.close();
    }
  });
});
