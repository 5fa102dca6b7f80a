// Opens this instance's Discord gateway connection once it holds the gateway lease (see
// surface.ts): one discord.js client, or with DISCORD_SHARDS a ShardingManager whose child
// processes (shard-process.ts) each run a client. With sharding the manager process holds the
// lease for all its shards: the children never touch it, and exit when their manager goes away,
// so a peer's new manager never overlaps with orphaned shards.
import { fileURLToPath } from "node:url";
import { ShardingManager, type APIInteraction } from "discord.js";
import type { App } from "../../app/app";
import type { Logger } from "../../core/ports/logger";
import { startGateway } from "./gateway";
import type { Respond } from "./interactions";
import type { DiscordRest } from "./rest";

export interface GatewayConnection {
  /** Whether this connection receives message text (unknown for shard children: undefined). */
  contentIntent?: boolean;
  stop(): Promise<void>;
}

export type ConnectGateway = () => Promise<GatewayConnection>;

// Run from src/ (tsx) the shard entry is the .ts file beside this one; in the compiled build
// (scripts/build.mjs) this code sits in a chunk in dist/, next to the shard entry dist/shard-process.js.
const FROM_SOURCE = import.meta.url.endsWith(".ts");
const SHARD_FILE = FROM_SOURCE ? "./shard-process.ts" : "./shard-process.js";

interface CoreParts { rest: DiscordRest; handle: (i: APIInteraction, respond: Respond) => Promise<void> }

export function gatewayConnector(app: App, core: CoreParts, logger: Logger): ConnectGateway {
  const { config } = app;
  const token = config.DISCORD_TOKEN!;
  if (config.DISCORD_SHARDS !== undefined) {
    const totalShards = config.DISCORD_SHARDS;
    return async () => {
      // A new manager for every lease term: a manager spawns its shards only once.
      const manager = new ShardingManager(fileURLToPath(new URL(SHARD_FILE, import.meta.url)), {
        token, totalShards, execArgv: FROM_SOURCE ? ["--import", "tsx"] : [], respawn: true,
      });
      manager.on("shardCreate", (s) => logger.info({ shard: s.id }, "discord shard launched"));
      const killAll = () => { for (const s of manager.shards.values()) s.kill(); };
      try {
        await manager.spawn();
      } catch (e) {
        killAll();
        throw e;
      }
      return { stop: async () => { killAll(); logger.info({ shards: manager.shards.size }, "discord shards stopped"); } };
    };
  }
  return async () => {
    const gw = await startGateway({ token, apiUrl: config.DISCORD_API_URL, bot: app.bot, rest: core.rest, handle: core.handle, logger });
    return { contentIntent: gw.contentIntent, stop: async () => { await gw.stop(); logger.info({}, "discord gateway disconnected"); } };
  };
}
