// Storage port for leases: a named claim that one instance holds until it expires, so that
// among instances sharing one database exactly one runs something that must not run twice
// (the Discord gateway connection). Times come from the caller's clock.

export interface LeaseState {
  holder: string;
  expiresAt: Date;
}

export interface LeaseRepo {
  /**
   * Takes the lease for `holder` until `expiresAt` when it is free, expired at `now`, or already
   * held by `holder` (a renewal), in one conditional statement; returns whether `holder` holds it
   * now. Of several holders racing for a free lease exactly one gets true.
   */
  acquire(name: string, holder: string, now: Date, expiresAt: Date): Promise<boolean>;
  /** Gives the lease up if `holder` holds it, so a peer can take it at once; returns whether it did. */
  release(name: string, holder: string): Promise<boolean>;
  /** Who holds the lease at `now`, or null when it is free or expired (for logs). */
  current(name: string, now: Date): Promise<LeaseState | null>;
}
