// Embeddings through the OpenAI embeddings endpoint, cached by content hash: in memory for the
// process, and in the EmbeddingCache table across restarts and instances, so each passage is
// embedded once per model. Reports the tokens the endpoint charged, for the budget and cost report.
import { createHash } from "node:crypto";
import type OpenAI from "openai";
import type { TutorRepo } from "../../core/ports/tutor";
import type { Embedder } from "../../core/tutor/retriever";
import { withRetries } from "./retry";

const BATCH = 64;

export function embeddingHash(model: string, text: string): string {
  return createHash("sha256").update(`${model}\u0000${text}`).digest("hex");
}

/** `maxRetries`: retries of a failed batch, each within the request's signal (retry.ts). */
export function createOpenAiEmbedder(client: OpenAI, model: string, repo: TutorRepo, maxRetries = 1): Embedder {
  const memory = new Map<string, number[]>();
  return {
    model,
    async embed(texts, signal) {
      const hashes = texts.map((t) => embeddingHash(model, t));
      const unknown = [...new Set(hashes.filter((h) => !memory.has(h)))];
      if (unknown.length) for (const [h, v] of await repo.getEmbeddings(unknown)) memory.set(h, v);
      const missing = [...new Map(texts.map((t, i) => [hashes[i], t])).entries()].filter(([h]) => !memory.has(h));
      let tokens = 0;
      for (let i = 0; i < missing.length; i += BATCH) {
        const batch = missing.slice(i, i + BATCH);
        const r = await withRetries(() => client.embeddings.create({ model, input: batch.map(([, t]) => t), encoding_format: "float" }, { signal }), { maxRetries, signal });
        if (!Array.isArray(r?.data) || r.data.length !== batch.length) throw new Error("malformed embeddings response");
        tokens += Math.max(0, Number(r.usage?.prompt_tokens ?? r.usage?.total_tokens ?? 0) || 0);
        const rows = batch.map(([hash], j) => {
          const vector = r.data.find((d) => d.index === j)?.embedding ?? r.data[j].embedding;
          if (!Array.isArray(vector)) throw new Error("malformed embedding vector");
          memory.set(hash, vector);
          return { hash, model, vector };
        });
        await repo.putEmbeddings(rows);
      }
      return { vectors: hashes.map((h) => memory.get(h)!), tokens };
    },
  };
}
