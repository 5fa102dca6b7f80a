// Discord test kit: a local fake of the REST API (records every call; answers like Discord,
// including 204 without a JSON content-type, a repeated `nonce` with `enforce_nonce: true` in a
// channel with the first message instead of a new one, and GET /gateway/bot pointing at
// fake-discord-gateway.ts), Ed25519 request signing, interaction payload builders, and the app
// wired the way `npm start` wires it.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import { createApp, type App } from "../../src/app/app";
import { startSurfaces, type Surfaces } from "../../src/app/surfaces";
import type { FakeClock } from "../../src/core/clock";
import { loadConfig } from "../../src/config";
import type { DiscordOptions } from "../../src/app/platforms/discord-surface";
import { recordingLogger } from "./app";

export const APP_ID = "111111111111111111";
export const GUILD = "222222222222222222";
export const CHANNEL = "333333333333333333";

export interface RestCall {
  method: string;
  path: string;
  contentType: string;
  body: any;
  raw: string;
  auth?: string;
}

export interface DiscordError {
  status: number;
  code: number;
  message: string;
}

export interface FakeDiscord {
  url: string;
  calls: RestCall[];
  rateLimitNext: number;
  /** Paths (e.g. "/api/v10/channels/5/messages") answered with a Discord error instead. */
  failPaths: Map<string, DiscordError>;
  /** What GET /applications/@me reports as the application's flags (default 0). */
  applicationFlags: number;
  /** What GET /gateway/bot hands out as the gateway address (set by fake-discord-gateway.ts). */
  gatewayUrl: string;
  /** Threads created through POST /channels/{id}/threads: their ids and parent channels. */
  threads: { id: string; parentId: string }[];
  close(): Promise<void>;
}

/** Multipart requests carry the JSON in the payload_json part. */
function parseBody(contentType: string, raw: string): unknown {
  if (!raw) return undefined;
  if (contentType.includes("application/json")) return JSON.parse(raw);
  const m = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
  return m
    ? {
        ...JSON.parse(m[1]),
        _multipart: true,
        _files: [...raw.matchAll(/name="files\[(\d+)\]"; filename="([^"]+)"/g)].map((x) => x[2]),
      }
    : raw;
}

export async function startFakeDiscord(): Promise<FakeDiscord> {
  const calls: RestCall[] = [];
  const fake: FakeDiscord = {
    url: "",
    calls,
    rateLimitNext: 0,
    failPaths: new Map(),
    applicationFlags: 0,
    gatewayUrl: "ws://127.0.0.1:9",
    threads: [],
    close: async () => {},
  };
  let seq = 1000;
  const nonces = new Map<string, unknown>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const contentType = String(req.headers["content-type"] ?? "");
      const path = decodeURIComponent((req.url ?? "").split("?")[0]);
      if (fake.rateLimitNext > 0 && req.method === "POST" && path.includes("/webhooks/")) {
        fake.rateLimitNext--;
        calls.push({
          method: req.method!,
          path,
          contentType,
          body: { _rateLimited: true },
          raw: "",
        });
        res.writeHead(429, {
          "content-type": "application/json",
          "retry-after": "0",
          "x-ratelimit-scope": "user",
        });
        res.end(
          JSON.stringify({
            message: "You are being rate limited.",
            retry_after: 0.01,
            global: false,
          }),
        );
        return;
      }
      const auth =
        typeof req.headers.authorization === "string" ? req.headers.authorization : undefined;
      calls.push({
        method: req.method!,
        path,
        contentType,
        body: parseBody(contentType, raw),
        raw,
        auth,
      });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const failure = fake.failPaths.get(path);
      if (failure) return json(failure.status, { message: failure.message, code: failure.code });
      if (req.method === "DELETE" || path.endsWith("/callback")) {
        res.writeHead(204);
        res.end();
        return;
      }
      if (req.method === "GET" && path.endsWith("/applications/@me"))
        return json(200, { id: APP_ID, flags: fake.applicationFlags });
      if (req.method === "GET" && path.endsWith("/gateway/bot")) {
        return json(200, {
          url: fake.gatewayUrl,
          shards: 1,
          session_start_limit: {
            total: 1000,
            remaining: 1000,
            reset_after: 86_400_000,
            max_concurrency: 1,
          },
        });
      }
      if (/\/threads$/.test(path)) {
        const id = String(++seq);
        fake.threads.push({ id, parentId: path.split("/").at(-2)! });
        return json(201, { id, type: 11 });
      }
      if (path.endsWith("/users/@me/channels"))
        return json(200, { id: `dm-${JSON.parse(raw).recipient_id}`, type: 1 });
      if (req.method === "PUT" && /\/commands$/.test(path))
        return json(
          200,
          JSON.parse(raw).map((c: object, i: number) => ({ ...c, id: String(i + 1) })),
        );
      const sent = parseBody(contentType, raw) as
        | { nonce?: unknown; enforce_nonce?: unknown }
        | undefined;
      const nonceKey =
        req.method === "POST" &&
        /\/channels\/[^/]+\/messages$/.test(path) &&
        typeof sent?.nonce === "string" &&
        sent.enforce_nonce === true
          ? `${path}|${sent.nonce}`
          : undefined;
      if (nonceKey && nonces.has(nonceKey)) return json(200, nonces.get(nonceKey));
      const message = { id: String(++seq), channel_id: CHANNEL };
      if (nonceKey) nonces.set(nonceKey, message);
      json(200, message);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address() as { port: number };
  fake.url = `http://127.0.0.1:${addr.port}/api`;
  fake.close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

export interface Keys {
  publicHex: string;
  privateKey: KeyObject;
}

export function makeKeys(): Keys {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const der = publicKey.export({ format: "der", type: "spki" });
  return { publicHex: der.subarray(der.length - 32).toString("hex"), privateKey };
}

export function signBody(
  keys: Keys,
  body: string,
  timestamp = String(Math.floor(Date.now() / 1000)),
) {
  return {
    "x-signature-ed25519": sign(null, Buffer.from(timestamp + body), keys.privateKey).toString(
      "hex",
    ),
    "x-signature-timestamp": timestamp,
  };
}

export interface Running {
  app: App;
  surfaces: Surfaces;
  base: string;
  logger: ReturnType<typeof recordingLogger>;
  stop(): Promise<void>;
}

/** Builds the app like src/main.ts: loadConfig → createApp → startSurfaces (on port 0). */
export async function startDiscordApp(opts: {
  databaseUrl: string;
  keys: Keys;
  fake: FakeDiscord;
  clock: FakeClock;
  discord?: DiscordOptions;
  env?: Record<string, string>;
}): Promise<Running> {
  const env = {
    DATABASE_URL: opts.databaseUrl,
    HOST: "127.0.0.1",
    DISCORD_APPLICATION_ID: APP_ID,
    DISCORD_PUBLIC_KEY: opts.keys.publicHex,
    DISCORD_API_URL: opts.fake.url,
    ...opts.env,
  };
  const config = { ...loadConfig(env), PORT: 0 };
  const logger = recordingLogger();
  const app = await createApp(config, logger, { clock: opts.clock });
  const surfaces = await startSurfaces(app, logger, {
    discord: { tickMs: 3_600_000, leaseBeatMs: 3_600_000, deferAfterMs: 10_000, ...opts.discord },
  });
  return {
    app,
    surfaces,
    logger,
    base: `http://127.0.0.1:${surfaces.port}`,
    async stop() {
      await surfaces.stop();
      await app.close();
    },
  };
}

let nextId = 900000000000000000n;
export const snowflake = () => String(nextId++);

export interface UserSpec {
  id: string;
  name: string;
  locale?: string;
  permissions?: string;
}

function base(user: UserSpec, extra: Record<string, unknown> = {}) {
  return {
    id: snowflake(),
    application_id: APP_ID,
    token: `tok-${snowflake()}`,
    version: 1,
    guild_id: GUILD,
    channel_id: CHANNEL,
    channel: { id: CHANNEL, type: 0 },
    member: {
      user: { id: user.id, username: user.name.toLowerCase(), global_name: user.name },
      nick: null,
      permissions: user.permissions ?? "1024",
    },
    locale: user.locale ?? "en-US",
    guild_locale: "en-US",
    ...extra,
  };
}

export const slash = (
  user: UserSpec,
  name: string,
  options: unknown[] = [],
  extra: Record<string, unknown> = {},
) => base(user, { type: 2, data: { id: snowflake(), name, type: 1, options }, ...extra });
export const autocomplete = (user: UserSpec, name: string, options: unknown[]) =>
  base(user, { type: 4, data: { id: snowflake(), name, type: 1, options } });
export const component = (
  user: UserSpec,
  customId: string,
  opts: { values?: string[]; message?: Record<string, unknown> } = {},
) =>
  base(user, {
    type: 3,
    data: opts.values
      ? { custom_id: customId, component_type: 3, values: opts.values }
      : { custom_id: customId, component_type: 2 },
    message: { id: snowflake(), flags: 64, components: [], ...opts.message },
  });
/** The same user's interaction in a direct message with the bot (no guild, no member). */
export const inDm = (user: UserSpec, dmChannel: string) => ({
  guild_id: undefined,
  guild_locale: undefined,
  member: undefined,
  channel_id: dmChannel,
  channel: { id: dmChannel, type: 1 },
  user: { id: user.id, username: user.name.toLowerCase(), global_name: user.name },
});
export const modalSubmit = (
  user: UserSpec,
  customId: string,
  text: string,
  message?: Record<string, unknown>,
) =>
  base(user, {
    type: 5,
    data: {
      custom_id: customId,
      components: [{ type: 1, components: [{ type: 4, custom_id: "answer", value: text }] }],
    },
    ...(message ? { message } : {}),
  });

export async function post(
  base_: string,
  keys: Keys,
  payload: unknown,
  headers?: Record<string, string>,
) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${base_}/discord/interactions`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...(headers ?? signBody(keys, body)) },
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
