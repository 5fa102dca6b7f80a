// Discord in the registry: on with DISCORD_APPLICATION_ID and a public key (HTTP interactions)
// or a bot token (gateway). discord.js is loaded only then: it adds about a second and tens of MB
// to the start-up of a bot that does not use it.
import { DISCORD } from "../../adapters/discord/identity";
import { platformsConfigured } from "../../config";
import type { PlatformModule } from "./registry";

export const discordPlatform: PlatformModule = {
  identity: DISCORD,
  enabled(config) {
    const p = platformsConfigured(config);
    return p.discordGateway || p.discordHttp;
  },
  needsHttp: (config) => platformsConfigured(config).discordHttp,
  async start(app, env) {
    const { startDiscord } = await import("./discord-surface");
    return startDiscord(app, env.http, env.logger, {
      instanceId: env.instanceId,
      ...env.opts.discord,
    });
  },
};
