// Background work of a platform: what still runs after the platform got its answer (Slack's
// acknowledged requests, Discord's deferred follow-ups). The platform answered first and the real
// work (ask the core, write to the database, post or edit) goes on, so the HTTP server's count of
// requests in flight misses it; shutdown waits here, within the one shutdown deadline, before the
// database closes.

export interface InFlight {
  /** Counts `work` until it settles; returns it unchanged (callers still see its result or error). */
  track<T>(work: Promise<T>): Promise<T>;
  size(): number;
  /** Resolves once nothing is running (work started meanwhile included). */
  idle(): Promise<void>;
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
    async idle() {
      while (running.size) await Promise.all([...running]);
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
      });
      const empty = this.idle().then(() => true as const);
      try {
        return await Promise.race([empty, deadline]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
