// Opening a server database at start-up, waiting for it when it is not reachable yet.
// Why: in a deployment the bot and PostgreSQL often start together (compose, a node reboot), and
// exiting on the first refused connection turns a few seconds of ordering into a crash loop.
// SQLite is a local file: a failure there is a configuration error, so it is reported at once.
import type { Database_ } from "./connect";
import { openDatabase } from "./connect";
import type { Logger } from "../core/ports/logger";
import { isUnavailable } from "./store";
import { providerOf } from "./url";

export interface RetryOptions {
  /** Give up after this long (ms); the last error is thrown. */
  deadlineMs?: number;
  /** Told before each wait, so the operator sees why start-up pauses. */
  onRetry?: (info: { attempt: number; waitMs: number; error: string }) => void;
  sleep?: (ms: number) => Promise<void>;
  poolSize?: number;
  /** Passed on to openDatabase: the process is long-lived, so statistics upkeep runs. */
  logger?: Logger;
}

const DEFAULT_DEADLINE_MS = 60_000;
const MAX_WAIT_MS = 10_000;

export async function openDatabaseWithRetry(
  url: string,
  opts: RetryOptions = {},
): Promise<Database_> {
  const deadline = Date.now() + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const retryable = providerOf(url) === "postgres";
  for (let attempt = 1; ; attempt++) {
    try {
      return await openDatabase(url, { poolSize: opts.poolSize, logger: opts.logger });
    } catch (e) {
      const waitMs = Math.min(MAX_WAIT_MS, 500 * 2 ** (attempt - 1));
      if (!retryable || !isUnavailable(e) || Date.now() + waitMs > deadline) throw e;
      opts.onRetry?.({ attempt, waitMs, error: e instanceof Error ? e.message : String(e) });
      await sleep(waitMs);
    }
  }
}
