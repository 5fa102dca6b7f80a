// One lesson deliverer among instances that share a database: the scheduler of the instance
// holding the "lesson-delivery" lease runs ticks; the others stand by and take over within a
// lease period when it stops or dies (src/app/lease-holder.ts).
// Why, when claims already make each occurrence exactly-once: a platform's rate limit is per bot,
// not per instance. Three instances fanning out at once each pace themselves to Discord's global
// 50 requests/s, earn hundreds of 429s a minute, and Discord bans an IP that earns 10,000 invalid
// requests in 10 minutes (bench/fanout.bench.ts measures both ways). One sender at a time, paced
// by its own REST client, earns almost none. Instances configured for different platforms take
// different leases, so no platform is left without a deliverer.
import type { Clock } from "../../core/clock";
import type { LeaseRepo } from "../../core/ports/leases";
import type { Logger } from "../../core/ports/logger";
import { createLeaseHolder, type LeaseHolder } from "../lease-holder";

export interface DeliveryLease {
  /** Before a tick: true when this instance holds the lease (taking it if it is free or expired). */
  gate(): Promise<boolean>;
  /** During a tick: whether to keep claiming occurrences (false once the lease is lost). */
  active(): boolean;
  run(): void;
  stop(): Promise<void>;
}

export function deliveryLeaseName(platforms: readonly string[]): string {
  return `lesson-delivery:${[...platforms].sort().join(",")}`;
}

export function createDeliveryLease(opts: {
  leases: LeaseRepo;
  platforms: readonly string[];
  instanceId: string;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  renewMs?: number;
}): DeliveryLease {
  const holder: LeaseHolder = createLeaseHolder({
    leases: opts.leases,
    name: deliveryLeaseName(opts.platforms),
    holder: opts.instanceId,
    clock: opts.clock,
    logger: opts.logger,
    ttlMs: opts.ttlMs,
    renewMs: opts.renewMs,
    // The work is the scheduler's ticks, which ask gate()/active(); nothing to start or stop here.
    start: async () => ({ stop: async () => {} }),
  });
  return {
    async gate() {
      // A standby instance tries at each tick too, so it takes over at its first tick after the
      // holder stopped (one statement a minute); the holder's renewals run in the background.
      if (!holder.holding()) await holder.beat();
      return holder.holding();
    },
    active: () => holder.holding(),
    run: () => holder.run(),
    stop: () => holder.stop(),
  };
}
