// Socket Mode over a real WebSocket: apps.connections.open (at SLACK_API_URL) hands out a local
// ws:// URL; a slash command envelope arrives, the bot acknowledges it by envelope id and
// answers through the response_url. Built the way `npm start` builds it. On stop the app
// disconnects first (no new envelopes) and then waits for work it already acknowledged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { createApp, type App } from "../../../src/app/app";
import { startSurfaces, type Surfaces } from "../../../src/app/surfaces";
import { loadConfig } from "../../../src/config";
import { recordingLogger } from "../../helpers/app";
import { createTestDatabaseUrl } from "../../helpers/db";
import { startFakeSlack, type FakeSlack } from "../../helpers/fake-slack";

let fake: FakeSlack;
let wss: WebSocketServer;
let app: App;
let surfaces: Surfaces;
let drop: () => Promise<void>;
const sockets: WebSocket[] = [];
const received: string[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => wss.once("listening", r));
  wss.on("connection", (ws) => {
    sockets.push(ws);
    ws.on("message", (m) => received.push(m.toString()));
    ws.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "local" },
        connection_info: { app_id: "A1" },
      }),
    );
  });
  fake.socketUrl = `ws://127.0.0.1:${(wss.address() as { port: number }).port}/link`;
  const db = await createTestDatabaseUrl("sqlite");
  drop = db.drop;
  const config = loadConfig({
    DATABASE_URL: db.url,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_APP_TOKEN: "xapp-1-test",
    SLACK_API_URL: fake.url,
    CONSOLE: "off",
  });
  app = await createApp(config, recordingLogger());
  surfaces = await startSurfaces(app, recordingLogger());
});

afterAll(async () => {
  await surfaces?.stop();
  await app?.close();
  for (const s of sockets) s.terminate();
  await new Promise((r) => wss.close(r));
  await fake.close();
  await drop?.();
});

describe("Slack Socket Mode", () => {
  it("connects with the app token, acks a slash command envelope and answers through response_url", async () => {
    expect(surfaces.http).toBeUndefined(); // no HTTP server needed
    const open = fake.calls.find((c) => c.method === "apps.connections.open");
    expect(open).toBeDefined();
    while (sockets.length === 0) await new Promise((r) => setTimeout(r, 20));
    const response_url = fake.responseUrl();
    sockets[0].send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "legacy",
          team_id: "T1",
          team_domain: "school",
          channel_id: "C1",
          channel_name: "general",
          user_id: "US",
          user_name: "sam",
          command: "/coursebot",
          text: "topics",
          api_app_id: "A1",
          response_url,
          trigger_id: "t1",
        },
      }),
    );
    const reply = await fake.waitFor(
      (c) => c.method === "respond" && c.path === new URL(response_url).pathname,
      "socket reply",
    );
    expect(reply.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(reply.body.blocks)).toContain("units");
    expect(received.map((m) => JSON.parse(m).envelope_id)).toContain("env-1");
  });

  it("on stop, disconnects at once and still answers an envelope it had acknowledged", async () => {
    const release = fake.hold("users.info"); // the listener parks at its first Web API call
    const response_url = fake.responseUrl();
    const ws = sockets.at(-1)!;
    const disconnected = new Promise((r) => ws.once("close", r));
    ws.send(
      JSON.stringify({
        envelope_id: "env-2",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: {
          token: "legacy",
          team_id: "T1",
          team_domain: "school",
          channel_id: "C1",
          channel_name: "general",
          user_id: "USTOP",
          user_name: "max",
          command: "/coursebot",
          text: "topics",
          api_app_id: "A1",
          response_url,
          trigger_id: "t2",
        },
      }),
    );
    await fake.waitFor((c) => c.method === "users.info" && c.body.user === "USTOP", "users.info");
    expect(surfaces.slack!.inFlight()).toBe(1);

    let stopped = false;
    const stopping = surfaces.stop().then(() => {
      stopped = true;
    });
    await disconnected;
    expect(stopped).toBe(false);
    release();
    const reply = await fake.waitFor(
      (c) => c.method === "respond" && c.path === new URL(response_url).pathname,
      "reply after disconnect",
    );
    expect(stopped).toBe(false); // stop() waits for this reply
    await stopping;
    expect(reply.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(reply.body.blocks)).toContain("units");
    expect(received.map((m) => JSON.parse(m).envelope_id)).toContain("env-2");
  });
});
