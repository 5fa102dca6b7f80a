// Slack work that is still running after Slack got its answer. Bolt acknowledges a request
// first (HTTP mode answers 200 at once; Socket Mode acks the envelope) and only then does the
// real work: ask the core, write to the database, call the Web API or the response_url. The
// HTTP server's in-flight count ends with the acknowledgement, so shutdown waits here for the
// rest before the database closes.

export interface InFlight {
  /** Counts `work` until it settles; returns it unchanged (callers still see its result or error). */
  track<T>(work: Promise<T>): Promise<T>;
  size(): number;
  /** Resolves true once nothing is running (work started meanwhile included), false at the deadline. */
  drain(timeoutMs: number): Promise<boolean>;
}

export function createInFlight(): InFlight {
  const running = new Set<Promise<unknown>>();
  return {
    track(work) {
      // Errors belong to the caller; the set only needs to know when the work is over.
      const settled = work
        .then(
          () => {},
          () => {},
        )
        .finally(() => running.delete(settled));
      running.add(settled);
      return work;
    },
    size: () => running.size,
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
      });
      const empty = (async () => {
        while (running.size) await Promise.all([...running]);
        return true as const;
      })();
      try {
        return await Promise.race([empty, deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
