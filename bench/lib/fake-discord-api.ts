// A stand-in for Discord's REST API, as far as lesson posting uses it, with Discord's rate-limit
// behaviour: a global limit per bot (token bucket, `rate` requests a second) answered with 429 +
// {retry_after, global: true} + X-RateLimit-Global, and per-route headers (X-RateLimit-Limit,
// -Remaining, -Reset-After, -Bucket) that discord.js REST reads to pace itself. It counts the
// messages each channel received (duplicates), and every 429 (Discord bans an IP that earns
// 10,000 invalid requests — 401, 403, 429 — in 10 minutes). Like Discord, a post with a `nonce`
// and `enforce_nonce: true` that repeats a nonce already used in that channel returns the first
// message and creates nothing. `delayMs` holds each post that long before answering (a slow
// platform, so a test can kill an instance while posts are in flight).
import { createServer, type Server } from "node:http";

export interface FakeDiscordApi {
  /** Base URL for DISCORD_API_URL / createDiscordRest({ apiUrl }). */
  url: string;
  received: Map<string, number>;
  /** When each channel got its first message (ms, performance.now()). */
  firstAt: Map<string, number>;
  /** Posts answered with an earlier message because their nonce was seen before. */
  readonly nonceHits: number;
  readonly requests: number;
  readonly throttled: number;
  /** The most 429s answered in any 10-minute window (Discord's invalid-request ban threshold is 10,000). */
  readonly worst10MinThrottled: number;
  close(): Promise<void>;
}

const TEN_MINUTES_MS = 600_000;

export async function startFakeDiscordApi(
  rate: number,
  opts: { delayMs?: number } = {},
): Promise<FakeDiscordApi> {
  const nonces = new Map<string, string>();
  const firstAt = new Map<string, number>();
  let nonceHits = 0;
  let tokens = rate;
  let refilled = performance.now();
  const throttledAt: number[] = [];
  const state = { received: new Map<string, number>(), requests: 0, throttled: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.requests++;
      const m = /\/channels\/([^/]+)\/messages$/.exec((req.url ?? "").split("?")[0]);
      if (req.method !== "POST" || !m) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: "Unknown route", code: 0 }));
        return;
      }
      const now = performance.now();
      tokens = Math.min(rate, tokens + ((now - refilled) / 1000) * rate);
      refilled = now;
      if (tokens < 1) {
        state.throttled++;
        throttledAt.push(now);
        const retryAfter = Math.max(0.001, (1 - tokens) / rate);
        res.writeHead(429, {
          "content-type": "application/json",
          "retry-after": retryAfter.toFixed(3),
          "x-ratelimit-global": "true",
          "x-ratelimit-scope": "global",
        });
        res.end(
          JSON.stringify({
            message: "You are being rate limited.",
            retry_after: retryAfter,
            global: true,
          }),
        );
        return;
      }
      tokens -= 1;
      const channel = m[1];
      let body: { nonce?: unknown; enforce_nonce?: unknown } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        /* multipart: no nonce read */
      }
      const key =
        typeof body.nonce === "string" && body.enforce_nonce === true
          ? `${channel}|${body.nonce}`
          : undefined;
      let id = key ? nonces.get(key) : undefined;
      if (id) nonceHits++;
      else {
        id = String(state.requests);
        if (key) nonces.set(key, id);
        state.received.set(channel, (state.received.get(channel) ?? 0) + 1);
        if (!firstAt.has(channel)) firstAt.set(channel, now);
      }
      // Each channel's message route allows 5 per 5 s; lessons post once per channel.
      const answer = () => {
        res.writeHead(200, {
          "content-type": "application/json",
          "x-ratelimit-limit": "5",
          "x-ratelimit-remaining": "4",
          "x-ratelimit-reset-after": "5",
          "x-ratelimit-bucket": `messages-${channel}`,
        });
        res.end(JSON.stringify({ id, channel_id: channel }));
      };
      if (opts.delayMs) setTimeout(answer, opts.delayMs);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/api`,
    received: state.received,
    firstAt,
    get nonceHits() {
      return nonceHits;
    },
    get requests() {
      return state.requests;
    },
    get throttled() {
      return state.throttled;
    },
    get worst10MinThrottled() {
      let worst = 0;
      for (let i = 0, j = 0; i < throttledAt.length; i++) {
        while (throttledAt[i] - throttledAt[j] > TEN_MINUTES_MS) j++;
        worst = Math.max(worst, i - j + 1);
      }
      return worst;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
