// Entry point of one gateway shard spawned by discord.js's ShardingManager (DISCORD_SHARDS).
// The child builds its own app (content, database) and gateway client; discord.js reads the
// shard ids from the environment the manager sets. HTTP, the round ticker and the gateway lease
// stay in the parent: the child runs only while its manager (the lease holder) runs.
import { createApp } from "../app";
import { createLogger } from "../logger";
import { loadConfig, secretValues } from "../../config";
import { createDiscordCore } from "./discord-surface";
import { GatewayTokenRejected, startGateway, type Gateway } from "../../adapters/discord/gateway";
import { TOKEN_REJECTED_EXIT } from "./discord-gateway-connect";

// The manager process went away (stopped, crashed, lost the lease): an orphaned shard would keep
// answering beside the next lease holder's shards, so it ends too (at once while connecting).
const orphaned = () => process.exit(0);
process.once("disconnect", orphaned);

const config = loadConfig();
const logger = createLogger({ level: config.LOG_LEVEL ?? "info", secrets: secretValues(config) });
const app = await createApp(config, logger);
const core = createDiscordCore(app, logger);
let gateway: Gateway;
try {
  gateway = await startGateway({
    token: config.DISCORD_TOKEN!,
    apiUrl: config.DISCORD_API_URL,
    bot: app.bot,
    rest: core.rest,
    handle: core.handle,
    logger,
  });
} catch (e) {
  // A refused token is logged once, by the manager, which then stops respawning shards.
  const refused = e instanceof GatewayTokenRejected;
  if (!refused)
    logger.error(
      { err: String((e as Error)?.message ?? e), shard: process.env.SHARDS },
      "discord shard could not connect",
    );
  await app.close();
  process.exit(refused ? TOKEN_REJECTED_EXIT : 1);
}
core.setThreads(() => gateway.contentIntent);
let stopping: Promise<void> | undefined;
const stop = () =>
  (stopping ??= (async () => {
    await core.idle();
    await gateway.stop();
    await app.close();
    process.exit(0);
  })());
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
process.off("disconnect", orphaned);
process.once("disconnect", () => void stop());
