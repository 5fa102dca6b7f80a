// A local fake of Discord's gateway (API v10, JSON encoding, no compression), beside the REST fake
// in discord.ts, which hands out its address from GET /gateway/bot. It speaks the documented
// protocol (discord.com/developers/docs/events/gateway): Hello (op 10) with a heartbeat interval,
// Identify (op 2) checked for the token (else close 4004) and privileged intents (else 4014),
// READY with session_id and resume_gateway_url, one GUILD_CREATE per guild of the shard
// (guild_id >> 22 % num_shards), heartbeats (op 1) acknowledged with op 11, Resume (op 6)
// replaying what the session missed and then RESUMED, and, on command, Reconnect (op 7), Invalid
// Session (op 9), dropped sockets and close codes. Dispatches are numbered per session and kept,
// so a resumed session receives what was sent while it was away. Counts every socket it accepts.
import { WebSocketServer, type WebSocket } from "ws";
import { APP_ID, CHANNEL, GUILD, type FakeDiscord } from "./discord";

export const MESSAGE_CONTENT_INTENT = 1 << 15;

export interface Session {
  id: string;
  shard: [number, number];
  intents: number;
  seq: number;
  events: { op: 0; s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

/** Every payload a client sent (op and data), with the socket's number (1-based, in accept order). */
export interface Received {
  socket: number;
  op: number;
  d: any;
}

export interface FakeGateway {
  url: string;
  /** The only token Identify and Resume accept. */
  token: string;
  heartbeatMs: number;
  /** Answer heartbeats with op 11 (turn off to play a zombie connection). */
  ackHeartbeats: boolean;
  /** Privileged intents the application has not enabled: asking for them closes with 4014. */
  disallowedIntents: number;
  /** Guilds the bot is in (each sent to its shard). */
  guilds: string[];
  /** Every socket accepted, in order: the request path and query. */
  connections: { path: string; query: URLSearchParams }[];
  received: Received[];
  sessions: Session[];
  /** Sockets open now, and the most ever open at once. */
  open(): number;
  maxOpen: number;
  /** Sends a dispatch to the live session of the guild's shard (kept for replay if it is away). */
  dispatch(t: string, d: Record<string, unknown>, guildId?: string): number;
  /** Closes the shard's socket: with a close code, or (none) drops the TCP connection. */
  drop(shard?: number, code?: number): void;
  send(shard: number, payload: unknown): void;
  session(shard?: number): Session | undefined;
  waitFor(pred: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** What Discord adds to every interaction it delivers (discord.js reads these fields). */
export const delivered = (p: Record<string, any>) => ({
  ...p,
  app_permissions: "2248473465835073",
  entitlements: [],
  authorizing_integration_owners: { 0: p.guild_id ?? GUILD },
  context: 0,
  attachment_size_limit: 10_485_760,
});

export const shardOf = (guildId: string, shards: number) =>
  Number((BigInt(guildId) >> 22n) % BigInt(shards));

function guildCreate(id: string) {
  return {
    id,
    name: `Guild ${id}`,
    icon: null,
    owner_id: "1",
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    preferred_locale: "en-US",
    premium_tier: 0,
    nsfw_level: 0,
    joined_at: "2026-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
    lazy: true,
    roles: [
      {
        id,
        name: "@everyone",
        permissions: "1024",
        position: 0,
        color: 0,
        hoist: false,
        managed: false,
        mentionable: false,
        flags: 0,
      },
    ],
    channels: [
      {
        id: CHANNEL,
        type: 0,
        name: "general",
        guild_id: id,
        position: 0,
        permission_overwrites: [],
        parent_id: null,
      },
    ],
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    emojis: [],
    stickers: [],
    stage_instances: [],
    guild_scheduled_events: [],
  };
}

export async function startFakeGateway(
  rest: FakeDiscord,
  opts: { token: string; guilds: string[]; heartbeatMs?: number },
): Promise<FakeGateway> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise((r) => wss.once("listening", r));
  const base = `ws://127.0.0.1:${(wss.address() as { port: number }).port}`;
  const live = new Set<WebSocket>();
  let n = 0;
  const gw: FakeGateway = {
    url: base,
    token: opts.token,
    heartbeatMs: opts.heartbeatMs ?? 1000,
    ackHeartbeats: true,
    disallowedIntents: 0,
    guilds: opts.guilds,
    connections: [],
    received: [],
    sessions: [],
    maxOpen: 0,
    open: () => live.size,
    session: (shard = 0) => gw.sessions.filter((s) => s.shard[0] === shard).at(-1),
    dispatch(t, d, guildId) {
      const s = gw.sessions
        .filter((x) => !guildId || shardOf(guildId, x.shard[1]) === x.shard[0])
        .at(-1);
      if (!s) throw new Error(`no session for guild ${guildId}`);
      return emit(s, t, d);
    },
    drop(shard = 0, code) {
      const ws = gw.session(shard)?.socket;
      if (!ws) throw new Error(`shard ${shard} has no socket`);
      if (code === undefined) ws.terminate();
      else ws.close(code, "closed by the fake");
    },
    send(shard, payload) {
      gw.session(shard)?.socket?.send(JSON.stringify(payload));
    },
    async waitFor(pred, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > until) throw new Error(`fake gateway: timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    close: () =>
      new Promise((r) => {
        for (const ws of live) ws.terminate();
        wss.close(() => r());
      }),
  };

  /** Numbers the dispatch in its session and keeps it for replay; sends it if a socket is attached. */
  function emit(s: Session, t: string, d: unknown): number {
    const ev = { op: 0 as const, s: ++s.seq, t, d };
    s.events.push(ev);
    s.socket?.send(JSON.stringify(ev));
    return ev.s;
  }

  function attach(ws: WebSocket, s: Session) {
    if (s.socket && s.socket !== ws) s.socket.terminate();
    s.socket = ws;
  }

  wss.on("connection", (ws, req) => {
    const url = new URL(req.url ?? "/", base);
    gw.connections.push({ path: url.pathname, query: url.searchParams });
    const socket = ++n;
    live.add(ws);
    gw.maxOpen = Math.max(gw.maxOpen, live.size);
    let session: Session | undefined;
    const send = (p: unknown) => ws.send(JSON.stringify(p));
    ws.on("close", () => {
      live.delete(ws);
      if (session?.socket === ws) session.socket = undefined;
    });
    ws.on("message", (raw) => {
      const p = JSON.parse(raw.toString());
      gw.received.push({ socket, op: p.op, d: p.d });
      if (p.op === 1) {
        if (gw.ackHeartbeats) send({ op: 11 });
      } else if (p.op === 2) {
        if (p.d.token !== gw.token) return ws.close(4004, "Authentication failed.");
        if ((BigInt(p.d.intents) & BigInt(gw.disallowedIntents)) !== 0n)
          return ws.close(4014, "Disallowed intent(s).");
        const shard: [number, number] = p.d.shard ?? [0, 1];
        session = {
          id: `session-${gw.sessions.length + 1}`,
          shard,
          intents: p.d.intents,
          seq: 0,
          events: [],
        };
        gw.sessions.push(session);
        attach(ws, session);
        const mine = gw.guilds.filter((g) => shardOf(g, shard[1]) === shard[0]);
        emit(session, "READY", {
          v: 10,
          user: {
            id: APP_ID,
            username: "coursebot",
            discriminator: "0",
            global_name: null,
            avatar: null,
            bot: true,
          },
          guilds: mine.map((id) => ({ id, unavailable: true })),
          session_id: session.id,
          resume_gateway_url: `${base}/resume`,
          shard,
          application: { id: APP_ID, flags: 0 },
        });
        for (const g of mine) emit(session, "GUILD_CREATE", guildCreate(g));
      } else if (p.op === 6) {
        const s = gw.sessions.find((x) => x.id === p.d.session_id);
        if (!s || p.d.token !== gw.token) return send({ op: 9, d: false });
        session = s;
        attach(ws, s);
        for (const ev of s.events.filter((e) => e.s > p.d.seq)) send(ev);
        emit(s, "RESUMED", null);
      }
    });
    send({ op: 10, d: { heartbeat_interval: gw.heartbeatMs } });
  });
  rest.gatewayUrl = base;
  return gw;
}
