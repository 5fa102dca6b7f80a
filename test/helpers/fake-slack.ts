// A local stand-in for Slack's Web API (SLACK_API_URL) and for response_url endpoints: records
// every call with its decoded payload and answers like Slack ({ok:true,…}). Also signs requests
// the way Slack does (v0 HMAC-SHA256 over "v0:timestamp:body"). A response_url takes 5 uses, as
// on Slack; more, or one marked expired, gets 404 {ok:false, error:"used_url"|"expired_url"}.
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";

export interface SlackCall {
  method: string;
  path: string;
  body: Record<string, any>;
  status: number;
}

export interface FakeSlack {
  url: string; // Web API base, e.g. http://127.0.0.1:1234/api/
  base: string;
  calls: SlackCall[];
  users: Record<string, { locale?: string; is_admin?: boolean; is_owner?: boolean; name?: string }>;
  /** What apps.connections.open hands out (Socket Mode). */
  socketUrl?: string;
  /** chat.postMessage and chat.postEphemeral to this channel answer {ok:false, error} (like Slack for a deleted channel). */
  failChannel(channel: string, error: string): void;
  /** Lets chat.postMessage to this channel succeed again. */
  healChannel(channel: string): void;
  /** This response_url answers like one older than 30 minutes (404 expired_url). */
  expireResponseUrl(url: string): void;
  /** The next call to this method is recorded but not answered until the returned function is called. */
  hold(method: string): () => void;
  /** The next call to this method gets 429 with Retry-After (once). */
  rateLimitOnce(method: string, retryAfter?: string): void;
  waitFor(pred: (c: SlackCall) => boolean, what?: string): Promise<SlackCall>;
  responseUrl(): string;
  /** A file a user uploaded (a file_input's file): its url_private answers only with the token. */
  addFile(
    name: string,
    data: Uint8Array,
    token: string,
  ): { id: string; name: string; url_private: string };
  close(): Promise<void>;
}

function decode(raw: string, type: string | undefined): Record<string, any> {
  if (!raw) return {};
  if (type?.includes("application/json")) return JSON.parse(raw);
  if (type?.includes("x-www-form-urlencoded")) {
    const out: Record<string, any> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      try {
        out[k] = ["blocks", "view", "attachments", "files", "metadata"].includes(k)
          ? JSON.parse(v)
          : v;
      } catch {
        out[k] = v;
      }
    }
    return out;
  }
  return { raw: raw.slice(0, 200) };
}

export async function startFakeSlack(): Promise<FakeSlack> {
  const calls: SlackCall[] = [];
  const waiters: { pred: (c: SlackCall) => boolean; resolve: (c: SlackCall) => void }[] = [];
  const limited = new Map<string, string>();
  const failing = new Map<string, string>();
  const expired = new Set<string>();
  const uses = new Map<string, number>();
  const held = new Map<string, Promise<void>>();
  const users: FakeSlack["users"] = {};
  /** Uploaded files by path, with the bot token their download needs (as Slack's url_private). */
  const files = new Map<string, { data: Uint8Array; token: string }>();
  /** Messages posted per channel, newest last (conversations.history answers from these). */
  const history = new Map<string, { ts: string; text?: string; metadata?: unknown }[]>();
  let ts = 1_700_000_000;
  let responseUrls = 0;
  let base = "";
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const path = (req.url ?? "/").split("?")[0];
      if (path.startsWith("/files-pri/")) {
        const f = files.get(path);
        const ok = !!f && req.headers.authorization === `Bearer ${f.token}`;
        calls.push({ method: "files-pri", path, body: {}, status: ok ? 200 : f ? 403 : 404 });
        res.writeHead(ok ? 200 : f ? 403 : 404, { "content-type": "application/octet-stream" });
        return res.end(ok ? Buffer.from(f.data) : "");
      }
      const raw = Buffer.concat(chunks).toString("utf8");
      const body = path.startsWith("/upload/")
        ? { bytes: Buffer.concat(chunks).length }
        : decode(raw, req.headers["content-type"]);
      const method = path.startsWith("/api/")
        ? path.slice(5)
        : path.startsWith("/respond/")
          ? "respond"
          : path.startsWith("/upload/")
            ? "upload"
            : path;
      const json = (status: number, obj: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(JSON.stringify(obj));
      };
      const record = (status: number) => {
        const call = { method, path, body, status };
        calls.push(call);
        for (const w of [...waiters])
          if (w.pred(call)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(call);
          }
      };
      // Slack's answer for each method (held back while a test holds the method).
      const answer = () => {
        const user = String(body.user ?? body.users ?? "");
        switch (method) {
          case "apps.connections.open":
            return json(
              200,
              fake.socketUrl
                ? { ok: true, url: fake.socketUrl }
                : { ok: false, error: "invalid_auth" },
            );
          case "auth.test":
            return json(200, {
              ok: true,
              user_id: "UBOT",
              bot_id: "BBOT",
              team_id: "T1",
              user: "coursebot",
            });
          case "users.info": {
            const u = users[user] ?? {};
            return json(200, {
              ok: true,
              user: {
                id: user,
                name: u.name ?? user,
                locale: u.locale ?? "en-US",
                is_admin: !!u.is_admin,
                is_owner: !!u.is_owner,
                profile: { display_name: u.name ?? user },
              },
            });
          }
          case "conversations.open":
            return json(200, { ok: true, channel: { id: `D${user}` } });
          case "chat.postMessage": {
            if (failing.has(String(body.channel)))
              return json(200, { ok: false, error: failing.get(String(body.channel)) });
            const posted = {
              ts: `${++ts}.000100`,
              text: body.text,
              ...(body.metadata ? { metadata: body.metadata } : {}),
            };
            history.set(String(body.channel), [
              ...(history.get(String(body.channel)) ?? []),
              posted,
            ]);
            return json(200, { ok: true, channel: body.channel, ts: posted.ts });
          }
          case "conversations.history": {
            // Newest first; metadata only when asked for, as on Slack.
            const all = [...(history.get(String(body.channel)) ?? [])]
              .reverse()
              .slice(0, Number(body.limit ?? 100));
            const withMeta = String(body.include_all_metadata) === "true";
            return json(200, {
              ok: true,
              messages: all.map((m) => (withMeta ? m : { ts: m.ts, text: m.text })),
            });
          }
          case "chat.update":
            return json(200, { ok: true, channel: body.channel, ts: body.ts });
          case "chat.postEphemeral":
            if (failing.has(String(body.channel)))
              return json(200, { ok: false, error: failing.get(String(body.channel)) });
            return json(200, { ok: true, message_ts: `${++ts}.000200` });
          case "files.getUploadURLExternal":
            return json(200, { ok: true, upload_url: `${base}/upload/F${ts}`, file_id: `F${ts}` });
          case "files.completeUploadExternal":
            return json(200, { ok: true, files: [{ id: "F1", title: "file" }] });
          case "upload":
            res.writeHead(200, { "content-type": "text/plain" });
            return res.end("OK - 1");
          case "respond":
            return json(200, { ok: true });
          default:
            return json(200, { ok: true });
        }
      };
      if (limited.has(method)) {
        const after = limited.get(method)!;
        limited.delete(method);
        record(429);
        return json(429, { ok: false, error: "ratelimited" }, { "retry-after": after });
      }
      if (method === "respond") {
        const used = (uses.get(path) ?? 0) + 1;
        uses.set(path, used);
        const refused = expired.has(path) ? "expired_url" : used > 5 ? "used_url" : undefined;
        if (refused) {
          record(404);
          return json(404, { ok: false, error: refused });
        }
      }
      record(200);
      const wait = held.get(method);
      held.delete(method);
      if (wait) void wait.then(answer);
      else answer();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
  const fake: FakeSlack = {
    url: `${base}/api/`,
    base,
    calls,
    users,
    rateLimitOnce: (method, retryAfter = "1") => {
      limited.set(method, retryAfter);
    },
    failChannel: (channel, error) => {
      failing.set(channel, error);
    },
    healChannel: (channel) => {
      failing.delete(channel);
    },
    expireResponseUrl: (url) => {
      expired.add(new URL(url).pathname);
    },
    hold(method) {
      let release!: () => void;
      held.set(
        method,
        new Promise<void>((r) => {
          release = r;
        }),
      );
      return () => release();
    },
    waitFor(pred, what = "a matching Slack call") {
      const hit = calls.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        waiters.push(w);
        // Guards a missing call with a readable error instead of the test runner's timeout.
        setTimeout(() => {
          if (waiters.includes(w)) {
            waiters.splice(waiters.indexOf(w), 1);
            reject(
              new Error(
                `timed out waiting for ${what}; saw: ${calls.map((c) => c.method).join(", ")}`,
              ),
            );
          }
        }, 10_000).unref();
      });
    },
    responseUrl: () => `${base}/respond/${++responseUrls}`,
    addFile(name, data, token) {
      const id = `F${files.size + 1}`;
      const path = `/files-pri/T1-${id}/${encodeURIComponent(name)}`;
      files.set(path, { data, token });
      return { id, name, url_private: `${base}${path}` };
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return fake;
}

export function slackSignature(
  secret: string,
  body: string,
  timestamp: number,
): Record<string, string> {
  const sig = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-signature": sig, "x-slack-request-timestamp": String(timestamp) };
}

/** POSTs a correctly signed request (form body for commands and interactions, JSON for events). */
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  type: "form" | "json",
  timestamp = Math.floor(Date.now() / 1000),
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": type === "form" ? "application/x-www-form-urlencoded" : "application/json",
      ...slackSignature(secret, body, timestamp),
    },
    body,
  });
}
