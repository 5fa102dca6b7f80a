// Embeddings through the OpenAI embeddings endpoint, cached by content hash: in memory for the
// process (an LRU bounded in bytes: every distinct question would otherwise stay forever), and in
// the EmbeddingCache table across restarts and instances, so each passage is embedded once per
// model. Reports the tokens the endpoint charged, for the budget and cost report.
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import type OpenAI from "openai";
import type { TutorRepo } from "../../core/ports/tutor";
import type { Embedder } from "../../core/tutor/retriever";
import { withRetries } from "./retry";

const BATCH = 64;
/** In-memory cache bound: 32 MB of vectors (8 bytes a dimension), about 2,700 at 1,536 dimensions,
 *  several times the course's passages, which stay in use and so are not evicted. */
export const EMBEDDING_CACHE_BYTES = 32 * 1024 * 1024;

export function embeddingHash(model: string, text: string): string {
  return createHash("sha256").update(`${model}\u0000${text}`).digest("hex");
}

export interface CachedEmbedder extends Embedder {
  /** What the in-memory cache holds now (entries and bytes of vectors). */
  cached(): { entries: number; bytes: number };
}

/** `maxRetries`: retries of a failed batch, each within the request's signal (retry.ts). */
export function createOpenAiEmbedder(
  client: OpenAI,
  model: string,
  repo: TutorRepo,
  maxRetries = 1,
  opts: { cacheBytes?: number } = {},
): CachedEmbedder {
  const memory = new LRUCache<string, number[]>({
    maxSize: opts.cacheBytes ?? EMBEDDING_CACHE_BYTES,
    sizeCalculation: (v) => Math.max(1, v.length * 8),
  });
  return {
    model,
    cached: () => ({ entries: memory.size, bytes: memory.calculatedSize }),
    async embed(texts, signal) {
      const hashes = texts.map((t) => embeddingHash(model, t));
      const unknown = [...new Set(hashes.filter((h) => !memory.has(h)))];
      // This call's vectors are held here too: a call larger than the cache must not lose its own.
      const found = new Map<string, number[]>();
      for (const h of hashes) {
        const v = memory.get(h);
        if (v) found.set(h, v);
      }
      if (unknown.length)
        for (const [h, v] of await repo.getEmbeddings(unknown)) {
          memory.set(h, v);
          found.set(h, v);
        }
      const missing = [...new Map(texts.map((t, i) => [hashes[i], t])).entries()].filter(
        ([h]) => !found.has(h),
      );
      let tokens = 0;
      for (let i = 0; i < missing.length; i += BATCH) {
        const batch = missing.slice(i, i + BATCH);
        const r = await withRetries(
          () =>
            client.embeddings.create(
              { model, input: batch.map(([, t]) => t), encoding_format: "float" },
              { signal },
            ),
          { maxRetries, signal },
        );
        if (!Array.isArray(r?.data) || r.data.length !== batch.length)
          throw new Error("malformed embeddings response");
        tokens += Math.max(0, Number(r.usage?.prompt_tokens ?? r.usage?.total_tokens ?? 0) || 0);
        const rows = batch.map(([hash], j) => {
          const vector = r.data.find((d) => d.index === j)?.embedding ?? r.data[j].embedding;
          if (!Array.isArray(vector)) throw new Error("malformed embedding vector");
          memory.set(hash, vector);
          found.set(hash, vector);
          return { hash, model, vector };
        });
        await repo.putEmbeddings(rows);
      }
      return { vectors: hashes.map((h) => found.get(h)!), tokens };
    },
  };
}
