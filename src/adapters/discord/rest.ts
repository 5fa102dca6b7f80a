// Calls to Discord's REST API through discord.js's REST client, which queues per route and
// honours rate limits (429 + retry-after) for us. DISCORD_API_URL overrides the base URL.
import { REST, Routes, type RawFile } from "discord.js";
import type { DiscordMessage } from "./render";

export interface DiscordRest {
  readonly hasBotToken: boolean;
  callback(interactionId: string, token: string, body: unknown, files?: RawFile[]): Promise<void>;
  followUp(token: string, m: DiscordMessage): Promise<{ id?: string }>;
  editOriginal(token: string, m: DiscordMessage): Promise<void>;
  deleteOriginal(token: string): Promise<void>;
  channelMessage(channelId: string, m: DiscordMessage): Promise<{ id?: string }>;
  editChannelMessage(channelId: string, messageId: string, m: DiscordMessage): Promise<void>;
  /** The DM channel with one user (Discord returns the existing one when there is one). */
  dmChannel(userId: string): Promise<string>;
  createThread(channelId: string, name: string): Promise<{ id: string }>;
  /** The application's flags (e.g. whether the Message Content intent is enabled); needs the bot token. */
  applicationFlags(): Promise<number>;
  raw: REST;
}

/**
 * Extra wait discord.js adds after each rate-limit reset (its default is 50 ms). discord.js counts
 * its own 50 requests per 1 s window for the global limit and starts the next window at the
 * reset + this offset, so each window lasts 1,000 + offset ms: the offset buys slack against
 * jitter at the cost of throughput. Measured with `npm run bench -- fanout` (10,000 channels,
 * fake Discord at 50 req/s, 200 s floor, 2 cores, 2026-12-07): 10 ms gave 202.4 s (101.2 %,
 * load 0.2) and 202.8 s (101.4 %, load 4), 0 429s both times; 0 ms 201.1 s but 54,296 429s
 * (Discord bans an IP after 10,000 in 10 min); 5 ms 204.6 s (102.3 %); 25 ms 207.6 s (103.8 %);
 * 50 ms 211.1 s (105.6 %), these three with 0 429s (0, 5, 25, 50 ran at load 3.5-5.8).
 * DISCORD_REST_OFFSET_MS overrides it; FANOUT_OFFSET_MS does for the bench.
 */
export const DEFAULT_REST_OFFSET_MS = 10;

export function createDiscordRest(opts: {
  applicationId: string;
  token?: string;
  apiUrl?: string;
  rateLimitOffsetMs?: number;
}): DiscordRest {
  const rest = new REST({
    offset: opts.rateLimitOffsetMs ?? DEFAULT_REST_OFFSET_MS,
    ...(opts.apiUrl ? { api: opts.apiUrl.replace(/\/$/, "") } : {}),
  });
  if (opts.token) rest.setToken(opts.token);
  const app = opts.applicationId;
  return {
    hasBotToken: !!opts.token,
    raw: rest,
    async callback(id, token, body, files) {
      await rest.post(Routes.interactionCallback(id, token), { body, files, auth: false });
    },
    async followUp(token, m) {
      return ((await rest.post(Routes.webhook(app, token), {
        body: m.body,
        files: m.files,
        auth: false,
      })) ?? {}) as { id?: string };
    },
    async editOriginal(token, m) {
      await rest.patch(Routes.webhookMessage(app, token, "@original"), {
        body: m.body,
        files: m.files,
        auth: false,
      });
    },
    async deleteOriginal(token) {
      await rest.delete(Routes.webhookMessage(app, token, "@original"), { auth: false });
    },
    async channelMessage(channelId, m) {
      return ((await rest.post(Routes.channelMessages(channelId), {
        body: m.body,
        files: m.files,
      })) ?? {}) as { id?: string };
    },
    async editChannelMessage(channelId, messageId, m) {
      await rest.patch(Routes.channelMessage(channelId, messageId), {
        body: m.body,
        files: m.files,
      });
    },
    async dmChannel(userId) {
      const ch = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as
        | { id?: string }
        | undefined;
      if (!ch?.id) throw new Error("Discord returned no DM channel");
      return ch.id;
    },
    async createThread(channelId, name) {
      return (await rest.post(Routes.threads(channelId), {
        body: { name: name.slice(0, 100), type: 11, auto_archive_duration: 1440 },
      })) as { id: string };
    },
    async applicationFlags() {
      return (
        ((await rest.get(Routes.currentApplication())) as { flags?: number } | undefined)?.flags ??
        0
      );
    },
  };
}
