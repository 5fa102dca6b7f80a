// A local OpenAI-compatible server for tests (127.0.0.1, random port): chat completions as JSON
// or SSE streams, embeddings, and scripted failures (429, 500, malformed JSON, hanging) for both.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type Behaviour =
  | { kind: "ok"; text?: string }
  | { kind: "stream"; text?: string; pieces?: number; delayMs?: number; stallAfter?: number }
  | { kind: "status"; code: number; retryAfterMs?: number; retryAfter?: string }
  /** Headers only after `firstByteMs` (then a plain answer). */
  | { kind: "slow"; firstByteMs: number }
  | { kind: "malformed" }
  | { kind: "stream-malformed" }
  | { kind: "hang" };

export interface ChatRequest {
  model: string;
  stream?: boolean;
  messages: { role: string; content: string }[];
}

export interface FakeOpenAi {
  baseURL: string;
  /** Behaviours for the next chat requests, in order; afterwards `fallback` applies. */
  script: Behaviour[];
  fallback: Behaviour;
  /** Produces the answer text for a request (default: a cited answer from the first passage). */
  answer: (req: ChatRequest) => string;
  chats: ChatRequest[];
  embeddingInputs: string[][];
  /** Behaviours for the next embeddings requests ("ok", "status", "malformed", "hang"); then `embeddingFallback`. */
  embeddingScript: Behaviour[];
  embeddingFallback: Behaviour;
  /** Called when a request starts hanging (tests use it to end a deadline they control). */
  onHang?: (path: "chat" | "embeddings") => void;
  close(): Promise<void>;
}

/** A deterministic "embedding": word buckets, so similar texts get similar vectors. */
export function fakeVector(text: string, dims = 32): number[] {
  const v = new Array(dims).fill(0);
  for (const w of text
    .toLowerCase()
    .split(/[^a-z0-9\u4e00-\u9fff]+/)
    .filter(Boolean)) {
    let h = 0;
    for (const c of w) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    v[h % dims] += 1;
  }
  return v;
}

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let b = "";
    req.on("data", (c) => (b += c));
    req.on("end", () => resolve(b));
  });

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const hanging = new Set<ServerResponse>();
  const fake: FakeOpenAi = {
    baseURL: "",
    script: [],
    fallback: { kind: "ok" },
    answer: () => "According to the notes, this is explained in [1].",
    chats: [],
    embeddingInputs: [],
    embeddingScript: [],
    embeddingFallback: { kind: "ok" },
    close: async () => {},
  };
  const server = createServer(async (req, res) => {
    const body = await read(req);
    if (req.url?.endsWith("/embeddings")) {
      const input = JSON.parse(body).input as string[] | string;
      const list = Array.isArray(input) ? input : [input];
      fake.embeddingInputs.push(list);
      const eb = fake.embeddingScript.shift() ?? fake.embeddingFallback;
      if (eb.kind === "status") {
        res.writeHead(eb.code, {
          "content-type": "application/json",
          ...(eb.retryAfterMs !== undefined ? { "retry-after-ms": String(eb.retryAfterMs) } : {}),
        });
        res.end(JSON.stringify({ error: { message: `fake ${eb.code}`, type: "server_error" } }));
      } else if (eb.kind === "malformed") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            object: "list",
            model: "fake-embed",
            data: [{ object: "embedding", index: 0, embedding: "not a vector" }],
          }),
        );
      } else if (eb.kind === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        fake.onHang?.("embeddings");
      } else {
        // Usage like a real endpoint: roughly one token per four characters.
        const tokens = list.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            object: "list",
            model: "fake-embed",
            data: list.map((t, index) => ({
              object: "embedding",
              index,
              embedding: fakeVector(t),
            })),
            usage: { prompt_tokens: tokens, total_tokens: tokens },
          }),
        );
      }
      return;
    }
    if (!req.url?.endsWith("/chat/completions")) {
      res.writeHead(404).end();
      return;
    }
    const chat = JSON.parse(body) as ChatRequest;
    fake.chats.push(chat);
    const b = fake.script.shift() ?? fake.fallback;
    const text = ("text" in b && b.text) || fake.answer(chat);
    const usage = { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 };
    if (b.kind === "slow") {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      await new Promise((r) => setTimeout(r, b.firstByteMs).unref());
      if (res.destroyed) return;
      hanging.delete(res);
    }
    switch (b.kind) {
      case "slow":
      case "ok":
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            id: "c1",
            object: "chat.completion",
            created: 1,
            model: chat.model,
            choices: [
              { index: 0, finish_reason: "stop", message: { role: "assistant", content: text } },
            ],
            usage,
          }),
        );
        return;
      case "stream": {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        const n = b.pieces ?? 5;
        const size = Math.ceil(text.length / n);
        for (let i = 0, n = 0; i < text.length; i += size, n++) {
          if (b.stallAfter !== undefined && n >= b.stallAfter) {
            // Stalls mid-stream: the connection stays open, nothing more arrives.
            hanging.add(res);
            res.on("close", () => hanging.delete(res));
            fake.onHang?.("chat");
            return;
          }
          res.write(
            `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: chat.model, choices: [{ index: 0, delta: { content: text.slice(i, i + size) }, finish_reason: null }] })}\n\n`,
          );
          if (b.delayMs) await new Promise((r) => setTimeout(r, b.delayMs));
        }
        res.write(
          `data: ${JSON.stringify({ id: "c1", object: "chat.completion.chunk", created: 1, model: chat.model, choices: [], usage })}\n\n`,
        );
        res.end("data: [DONE]\n\n");
        return;
      }
      case "status":
        res.writeHead(b.code, {
          "content-type": "application/json",
          ...(b.retryAfterMs !== undefined ? { "retry-after-ms": String(b.retryAfterMs) } : {}),
          ...(b.retryAfter !== undefined ? { "retry-after": b.retryAfter } : {}),
        });
        res.end(JSON.stringify({ error: { message: `fake ${b.code}`, type: "server_error" } }));
        return;
      case "malformed":
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"id": "c1", "choices": [ {"message": ');
        return;
      case "stream-malformed":
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end("data: {not json at all\n\n");
        return;
      case "hang":
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        fake.onHang?.("chat");
        return;
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}
