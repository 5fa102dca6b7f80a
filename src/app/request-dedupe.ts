// "Was this request handled already?" for the platform edges, over the SeenRequest table that
// every instance shares: a replayed Discord interaction or a Slack retry (X-Slack-Retry-Num) is
// recognised whichever instance it reaches. Keys are kept for RETAIN_MS, far longer than any
// copy can still arrive (Discord refuses timestamps older than 5 minutes, Slack retries within
// minutes), then pruned at most once per PRUNE_EVERY_MS by whichever instance notices first.
import type { Clock } from "../core/clock";
import type { Logger } from "../core/ports/logger";
import type { SeenRequestRepo } from "../core/ports/seen-requests";

export const RETAIN_MS = 60 * 60_000;
/** Discord wants an answer within 3 s: a database slower than this is not waited for. */
export const ANSWER_WITHIN_MS = 1_000;
const PRUNE_EVERY_MS = 10 * 60_000;

export interface RequestDedupe {
  /**
   * True for the first copy of `key`. When the database cannot answer (within ANSWER_WITHIN_MS),
   * true as well: the request then meets the same outage in the core and is told to try again,
   * which is better than refusing a real request for fear of a replay.
   */
  firstSeen(key: string): Promise<boolean>;
}

export function createRequestDedupe(
  repo: SeenRequestRepo,
  clock: Clock,
  logger: Logger,
): RequestDedupe {
  let lastPrune = 0;
  return {
    async firstSeen(key) {
      const now = clock.now();
      if (now.getTime() - lastPrune > PRUNE_EVERY_MS) {
        lastPrune = now.getTime();
        void repo
          .prune(new Date(now.getTime() - RETAIN_MS))
          .catch((e) => logger.warn({ err: String(e) }, "pruning seen requests failed"));
      }
      let timer: NodeJS.Timeout | undefined;
      try {
        const slow = new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${ANSWER_WITHIN_MS} ms`)),
            ANSWER_WITHIN_MS,
          );
        });
        return await Promise.race([repo.firstSeen(key, now), slow]);
      } catch (e) {
        logger.warn(
          { key, err: String(e) },
          "request de-duplication unavailable; handling the request",
        );
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
