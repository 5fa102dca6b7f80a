// The search step of one /ask: BM25, fused with embeddings when an embedder is configured and
// the learner's budget allows it. Embeddings run under the /ask's one deadline (and at most a
// share of it, so a hanging endpoint leaves time for the answer); any failure (429/5xx after the
// client's retries, a malformed reply, the deadline) falls back to BM25 alone. The tokens the
// endpoint charged are reported so the service can count them against the budget and log them.
import type { Embedder, Retrieved, Retriever, RetrieveOptions } from "./retriever";

/** Embeddings may use at most this share of the whole /ask's deadline. */
export const EMBEDDING_SHARE = 0.25;

export interface SearchHooks {
  /** Whether the learner may spend on embeddings now (budget not used up). */
  mayEmbed(): Promise<boolean>;
  /**
   * After the embeddings: whether they worked, the tokens charged for the question (the learner's)
   * and for course passages not embedded before (shared), to log and count.
   */
  embedded(result: {
    model: string;
    queryTokens: number;
    corpusTokens: number;
    ok: boolean;
    error?: string;
  }): Promise<void>;
}

export async function searchNotes(o: {
  retriever: Retriever;
  embedder?: Embedder;
  query: string;
  opts: RetrieveOptions;
  /** The /ask's deadline. */
  deadline: AbortSignal;
  /** Milliseconds the whole /ask may take (the embeddings get EMBEDDING_SHARE of it). */
  timeoutMs: number;
  hooks: SearchHooks;
}): Promise<Retrieved[]> {
  if (!o.embedder || o.deadline.aborted || !(await o.hooks.mayEmbed()))
    return o.retriever.retrieve(o.query, o.opts);
  const signal = AbortSignal.any([
    o.deadline,
    AbortSignal.timeout(Math.max(1, Math.round(o.timeoutMs * EMBEDDING_SHARE))),
  ]);
  try {
    const r = await o.retriever.hybrid(o.query, o.embedder, o.opts, signal);
    await o.hooks.embedded({
      model: o.embedder.model,
      queryTokens: r.queryTokens,
      corpusTokens: r.corpusTokens,
      ok: true,
    });
    return r.passages;
  } catch (e) {
    await o.hooks.embedded({
      model: o.embedder.model,
      queryTokens: 0,
      corpusTokens: 0,
      ok: false,
      error: e instanceof Error ? e.message : String(e),
    });
    return o.retriever.retrieve(o.query, o.opts);
  }
}
