// Storage port for request de-duplication: platforms may deliver one request more than once
// (a Slack retry, a replayed Discord interaction), and whichever instance gets a copy must be
// able to tell it was handled already. Times come from the caller's clock.

export interface SeenRequestRepo {
  /**
   * Records `key` as seen at `now`, in one statement; true only for the first call with that key
   * (of several instances racing with the same key, exactly one gets true).
   */
  firstSeen(key: string, now: Date): Promise<boolean>;
  /** Forgets keys seen before `before` (older than any copy the platform can still send); returns how many. */
  prune(before: Date): Promise<number>;
}
