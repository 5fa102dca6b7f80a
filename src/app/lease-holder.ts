// Runs one piece of work (the Discord gateway connection) only while this instance holds a named
// database lease, so that among instances sharing one database exactly one runs it at a time and
// another takes over when the holder stops or dies.
//
// Each beat (every renewMs, 10 s) takes or renews the lease for ttlMs (30 s). The first beat that
// gets it starts the work; a beat that finds a peer holding it stops ours at once (our renewals
// came too late, e.g. the process was frozen). When a renewal fails (database unreachable) the
// work keeps running while the last successful renewal still covers the next beat, and is stopped
// before it runs out, so a peer never starts while ours still runs. stop() stops the work and
// then releases the lease, so a peer takes over at its next beat instead of after expiry.
// Expiry is written and compared with each instance's own clock: clocks must agree (NTP) to well
// within the ttlMs − renewMs margin.
import type { Clock } from "../core/clock";
import type { LeaseRepo } from "../core/ports/leases";
import type { Logger } from "../core/ports/logger";

export const DEFAULT_LEASE_TTL_MS = 30_000;
export const DEFAULT_LEASE_RENEW_MS = 10_000;

/** What runs while the lease is held. */
export interface LeasedWork {
  stop(): Promise<void>;
}

export interface LeaseHolderOptions {
  leases: LeaseRepo;
  name: string;
  /** This instance's id, stored as the holder. */
  holder: string;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  renewMs?: number;
  /** Starts the work once the lease is ours. A failure gives the lease back; a later beat retries. */
  start(): Promise<LeasedWork>;
}

export interface LeaseHolder {
  readonly holder: string;
  /** This instance held the lease at its last beat. */
  holding(): boolean;
  /** A peer held the lease at this instance's last beat. */
  heldElsewhere(): boolean;
  /** One beat: take or renew the lease, start or stop the work. Beats never overlap. */
  beat(): Promise<void>;
  /** Resolves when the work started by the latest take is running (or failed to start). */
  started(): Promise<void>;
  /** Beats every `intervalMs` (default renewMs) until stop(). */
  run(intervalMs?: number): void;
  /** Stops the work, then releases the lease. */
  stop(): Promise<void>;
}

interface Term {
  validUntil: number;
  work: Promise<LeasedWork | undefined>;
}

export function createLeaseHolder(opts: LeaseHolderOptions): LeaseHolder {
  const { leases, name, holder, clock, logger } = opts;
  const ttlMs = opts.ttlMs ?? DEFAULT_LEASE_TTL_MS;
  const renewMs = opts.renewMs ?? DEFAULT_LEASE_RENEW_MS;
  if (renewMs >= ttlMs) throw new Error("the lease must be renewed more often than it expires");
  const ctx = { lease: name, instance: holder };
  let term: Term | undefined;
  /** The peer seen holding the lease at the last beat (logged when it changes). */
  let peer: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  const serial = (fn: () => Promise<void>) =>
    (chain = chain
      .then(fn)
      .catch((e) => logger.error({ ...ctx, err: String(e) }, "lease step failed")));

  function begin(validUntil: number): Term {
    const t: Term = { validUntil, work: Promise.resolve(undefined) };
    t.work = Promise.resolve()
      .then(opts.start)
      .catch((e) => {
        logger.error(
          { ...ctx, err: String((e as Error)?.message ?? e) },
          "could not start the leased work: giving the lease back",
        );
        // Through the queue, so it cannot interleave with a beat; only if this term is still current.
        void serial(async () => {
          if (term !== t) return;
          term = undefined;
          await leases.release(name, holder);
        });
        return undefined;
      });
    return t;
  }

  async function end(t: Term) {
    const work = await t.work;
    await work
      ?.stop()
      .catch((e) => logger.error({ ...ctx, err: String(e) }, "stopping the leased work failed"));
  }

  async function once() {
    if (stopped) return;
    const now = clock.now().getTime();
    let ours: boolean;
    try {
      ours = await leases.acquire(name, holder, new Date(now), new Date(now + ttlMs));
    } catch (e) {
      const err = String((e as Error)?.message ?? e);
      if (term && now + renewMs >= term.validUntil) {
        // The next beat would come after the lease may have passed to a peer: stop now.
        const t = term;
        term = undefined;
        logger.warn(
          { ...ctx, err },
          "lease could not be renewed in time: stopping so a peer can take over",
        );
        await end(t);
      } else
        logger.warn(
          { ...ctx, err, holding: !!term },
          "lease beat failed: retrying at the next beat",
        );
      return;
    }
    if (ours) {
      if (term) term.validUntil = now + ttlMs;
      else {
        logger.info(
          { ...ctx, previous: peer },
          peer ? "took over the lease from a peer" : "took the lease",
        );
        term = begin(now + ttlMs);
      }
      peer = undefined;
      return;
    }
    if (term) {
      const t = term;
      term = undefined;
      logger.warn(ctx, "lost the lease to a peer: stopping");
      await end(t);
    }
    const seen = (await leases.current(name, new Date(now)))?.holder;
    if (seen !== peer && seen !== undefined)
      logger.info({ ...ctx, holder: seen }, "a peer holds the lease: standing by");
    peer = seen ?? peer;
  }

  const beat = () => serial(once);
  return {
    holder,
    holding: () => term !== undefined,
    heldElsewhere: () => term === undefined && peer !== undefined,
    beat,
    started: async () => {
      await chain;
      await term?.work;
      await chain;
    },
    run(intervalMs = renewMs) {
      if (timer || stopped) return;
      timer = setInterval(() => void beat(), intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await serial(async () => {
        const t = term;
        term = undefined;
        if (!t) return;
        // Work first, lease second: a peer must not connect while ours is still connected.
        await end(t);
        try {
          await leases.release(name, holder);
          logger.info(ctx, "released the lease");
        } catch (e) {
          logger.warn(
            { ...ctx, err: String(e) },
            "lease release failed: a peer takes over when it expires",
          );
        }
      });
    },
  };
}
