// The Discord gateway delivers every event to every connection, so of the instances sharing a
// database only the holder of the gateway lease connects (src/app/lease-holder.ts decides when);
// the others stand by and take over when it stops renewing or releases. Also decides where
// "Ask about this" may open a thread: only where some instance's gateway reads message text.
import { ApplicationFlags } from "discord.js";
import type { App } from "../app";
import { newInstanceId } from "../instance-id";
import { createLeaseHolder, DEFAULT_LEASE_RENEW_MS, type LeaseHolder } from "../lease-holder";
import type { Logger } from "../../core/ports/logger";
import type { ConnectGateway, GatewayConnection } from "./discord-gateway-connect";
import { GatewayTokenRejected } from "../../adapters/discord/gateway";
import type { DiscordRest } from "../../adapters/discord/rest";

/** One gateway per bot, whichever database it shares (two bots on one database do not compete). */
export const gatewayLeaseName = (applicationId: string) => `discord-gateway:${applicationId}`;

const MESSAGE_CONTENT =
  ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;

export interface GatewayLeaseOptions {
  connect: ConnectGateway;
  instanceId?: string;
  /** How often to beat (default the renewal period; tests pass a long one and beat by hand). */
  beatMs?: number;
}

interface CoreParts {
  rest: DiscordRest;
  track(p: Promise<unknown>): void;
  setThreads(f: () => boolean): void;
}

/** Takes part in the gateway lease: beats once before returning (a lone instance starts connecting at once), then on a timer. */
export async function holdGateway(
  app: App,
  core: CoreParts,
  logger: Logger,
  opts: GatewayLeaseOptions,
): Promise<LeaseHolder> {
  let own: GatewayConnection | undefined;
  // While a peer holds the gateway, the application's Message Content setting says whether its
  // connection reads message text (our own connection knows for itself).
  let appContent = false;
  core.track(
    core.rest.applicationFlags().then(
      (f) => {
        appContent = (f & MESSAGE_CONTENT) !== 0;
      },
      (e) =>
        logger.warn(
          { err: String(e) },
          "could not read the application's flags: threads only where this instance holds the gateway",
        ),
    ),
  );
  const lease = createLeaseHolder({
    leases: app.services.store.leases,
    name: gatewayLeaseName(app.config.DISCORD_APPLICATION_ID!),
    holder: opts.instanceId ?? newInstanceId(),
    clock: app.services.clock,
    logger,
    start: async () => {
      let conn: GatewayConnection;
      try {
        conn = await opts.connect();
      } catch (e) {
        if (!(e instanceof GatewayTokenRejected)) throw e; // a later beat retries
        // A wrong token stays wrong: one error, then this instance leaves the lease for good
        // (not awaited: stop() waits for this start to return).
        logger.error({ lease: gatewayLeaseName(app.config.DISCORD_APPLICATION_ID!) }, e.message);
        void Promise.resolve().then(() => lease.stop());
        return { stop: async () => {} };
      }
      own = conn;
      return {
        stop: async () => {
          own = undefined;
          await conn.stop();
        },
      };
    },
  });
  core.setThreads(() =>
    own ? (own.contentIntent ?? appContent) : lease.heldElsewhere() && appContent,
  );
  await lease.beat();
  lease.run(opts.beatMs ?? DEFAULT_LEASE_RENEW_MS);
  return lease;
}
