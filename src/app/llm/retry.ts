// Retries of model and embeddings requests under the /ask's one deadline. The openai client's
// own retries are off (maxRetries 0): it sleeps for a 429's Retry-After (60 s, say) without
// looking at the request's AbortSignal, so one /ask could outlast TUTOR_TIMEOUT_SECONDS many
// times over. Here a retry is made only for errors worth retrying (429, 408, 409, 5xx, a lost or
// timed-out connection), only if its wait (Retry-After, else exponential backoff) ends before
// the deadline, and the wait itself ends when the deadline does.
import { APIConnectionError, APIError, APIUserAbortError } from "openai";

export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  /** Epoch ms; a wait that would end at or after it is not started. */
  deadlineAt?: number;
  /** First backoff step (default 500 ms; doubles each retry, at most 8 s). */
  baseDelayMs?: number;
}

function retryable(e: unknown): boolean {
  if (e instanceof APIUserAbortError) return false;
  if (e instanceof APIConnectionError) return true;
  if (e instanceof APIError)
    return e.status === 408 || e.status === 409 || e.status === 429 || (e.status ?? 0) >= 500;
  return false;
}

/** The server's requested wait: retry-after-ms, else retry-after in seconds or as an HTTP date. */
export function retryAfterMs(e: unknown, now = Date.now()): number | undefined {
  const h = e instanceof APIError ? e.headers : undefined;
  if (!h) return undefined;
  const ms = Number(h.get("retry-after-ms"));
  if (h.get("retry-after-ms") !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const ra = h.get("retry-after");
  if (ra === null) return undefined;
  const secs = Number(ra);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(ra);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error("deadline passed"));
      return;
    }
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new Error("deadline passed while waiting to retry"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export async function withRetries<T>(attempt: () => Promise<T>, o: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (o.signal?.aborted || !retryable(e) || n >= o.maxRetries) throw e;
      const backoff =
        Math.min(8_000, (o.baseDelayMs ?? 500) * 2 ** n) * (0.75 + Math.random() * 0.25);
      const wait = retryAfterMs(e) ?? backoff;
      if (o.deadlineAt !== undefined && Date.now() + wait >= o.deadlineAt)
        throw new Error(
          `not retrying: a wait of ${Math.round(wait)} ms would pass the deadline (${e instanceof Error ? e.message : String(e)})`,
        );
      await sleep(wait, o.signal);
    }
  }
}
