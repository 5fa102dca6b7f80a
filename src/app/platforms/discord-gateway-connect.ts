// Opens this instance's Discord gateway connection once it holds the gateway lease (see
// discord-surface.ts): one discord.js client, or with DISCORD_SHARDS a ShardingManager whose child
// processes (discord-shard-process.ts) each run a client. With sharding the manager process holds the
// lease for all its shards: the children never touch it, and exit when their manager goes away,
// so a peer's new manager never overlaps with orphaned shards.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { ShardingManager, type APIInteraction } from "discord.js";
import type { App } from "../app";
import type { Logger } from "../../core/ports/logger";
import { GatewayTokenRejected, startGateway } from "../../adapters/discord/gateway";
import type { Respond } from "../../adapters/discord/interactions";
import type { DiscordRest } from "../../adapters/discord/rest";

export interface GatewayConnection {
  /** Whether this connection receives message text (unknown for shard children: undefined). */
  contentIntent?: boolean;
  stop(): Promise<void>;
}

export type ConnectGateway = () => Promise<GatewayConnection>;

// Run from src/ (tsx) the shard entry is the .ts file beside this one; in the compiled build
// (scripts/build.mjs) this code sits in a chunk in dist/, next to the shard entry dist/shard-process.js.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const SHARD_FILE = FROM_SOURCE ? "./discord-shard-process.ts" : "./shard-process.js";

/** A shard process's exit code when Discord refused the token (EX_CONFIG): not worth respawning. */
export const TOKEN_REJECTED_EXIT = 78;

interface CoreParts {
  rest: DiscordRest;
  handle: (i: APIInteraction, respond: Respond) => Promise<void>;
}

export function gatewayConnector(app: App, core: CoreParts, logger: Logger): ConnectGateway {
  const { config } = app;
  const token = config.DISCORD_TOKEN!;
  if (config.DISCORD_SHARDS !== undefined) {
    const totalShards = config.DISCORD_SHARDS;
    return async () => {
      // A new manager for every lease term: a manager spawns its shards only once.
      const manager = new ShardingManager(fileURLToPath(new URL(SHARD_FILE, import.meta.url)), {
        token,
        totalShards,
        execArgv: FROM_SOURCE ? ["--import", "tsx"] : [],
        respawn: true,
      });
      let refused = false;
      let stopping = false;
      manager.on("shardCreate", (s) => {
        logger.info({ shard: s.id }, "discord shard launched");
        s.on("death", (p) => {
          const exit = "signalCode" in p ? { exitCode: p.exitCode, signal: p.signalCode } : {};
          if (exit.exitCode === TOKEN_REJECTED_EXIT) refused = true;
          else if (!stopping)
            logger.warn({ shard: s.id, ...exit }, "discord shard process exited: respawning it");
        });
        s.on(
          "error",
          (e) =>
            stopping ||
            logger.error({ shard: s.id, err: String(e) }, "discord shard could not be respawned"),
        );
      });
      const killAll = () => {
        stopping = true;
        for (const s of manager.shards.values()) s.kill();
      };
      try {
        await manager.spawn();
      } catch (e) {
        // A shard whose client gave up reports it before its process exits, and why (the exit
        // code) only on exit: give unready shard processes a moment to end before deciding.
        const unready = [...manager.shards.values()]
          .filter((s) => !s.ready)
          .map((s) => s.process)
          .filter((p): p is ChildProcess => !!p && p.exitCode === null && p.signalCode === null);
        await Promise.race([
          Promise.all(unready.map((p) => once(p, "exit"))),
          delay(10_000, undefined, { ref: false }),
        ]);
        killAll();
        throw refused
          ? new GatewayTokenRejected("gateway close code 4004, seen by a shard process")
          : e;
      }
      return {
        stop: async () => {
          killAll();
          logger.info({ shards: manager.shards.size }, "discord shards stopped");
        },
      };
    };
  }
  return async () => {
    const gw = await startGateway({
      token,
      apiUrl: config.DISCORD_API_URL,
      bot: app.bot,
      rest: core.rest,
      handle: core.handle,
      logger,
    });
    return {
      contentIntent: gw.contentIntent,
      stop: async () => {
        await gw.stop();
        logger.info({}, "discord gateway disconnected");
      },
    };
  };
}
