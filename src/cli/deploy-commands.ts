// `npm run deploy-commands`: registers the slash commands generated from the core list with
// Discord (to DISCORD_GUILD_ID while developing — instant — or globally) and prints the invite URL.
import { REST, Routes } from "discord.js";
import { discordCommands, inviteUrl, userInstallUrl } from "../adapters/discord/command-defs";
import { buildCommands } from "../core/commands/registry";
import { loadConfig } from "../config";

export async function deployCommands(
  _args: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (s: string) => void = console.log,
): Promise<number> {
  const config = loadConfig(env);
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    console.error(
      "deploy-commands needs DISCORD_TOKEN and DISCORD_APPLICATION_ID (see docs: Run on Discord).",
    );
    return 2;
  }
  const body = discordCommands(buildCommands(), { userInstall: config.DISCORD_USER_INSTALL });
  const rest = new REST({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/$/, "") } : {}),
  }).setToken(config.DISCORD_TOKEN);
  const route = config.DISCORD_GUILD_ID
    ? Routes.applicationGuildCommands(config.DISCORD_APPLICATION_ID, config.DISCORD_GUILD_ID)
    : Routes.applicationCommands(config.DISCORD_APPLICATION_ID);
  const saved = (await rest.put(route, { body })) as { name: string }[];
  out(
    `Registered ${saved.length} commands ${config.DISCORD_GUILD_ID ? `in guild ${config.DISCORD_GUILD_ID} (available now)` : "globally (may take up to an hour to appear)"}: ${saved.map((c) => `/${c.name}`).join(" ")}`,
  );
  out(`Invite the bot: ${inviteUrl(config.DISCORD_APPLICATION_ID)}`);
  if (config.DISCORD_USER_INSTALL) {
    // Discord only offers user installs when the application allows them (Installation settings).
    out(`Learners install it for themselves: ${userInstallUrl(config.DISCORD_APPLICATION_ID)}`);
    if (config.DISCORD_GUILD_ID)
      out(
        "Note: user installs apply to global commands; unset DISCORD_GUILD_ID to register them globally.",
      );
  }
  return 0;
}
