// `npm start`: validate configuration, load content, open and migrate the database, then run
// whichever surfaces are configured. With no tokens at all that is the terminal chat.
import { userInfo } from "node:os";
import { runConsole } from "./adapters/console/console-chat";
import { ContentInvalidError } from "./app/content-files";
import { createApp } from "./app/app";
import { createLogger } from "./app/logger";
import { ConfigError, loadConfig, platformsConfigured, secretValues } from "./config";

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) { console.error(e.message); return 1; }
    throw e;
  }
  const platforms = platformsConfigured(config);
  const anyPlatform = platforms.discordGateway || platforms.discordHttp || platforms.slackHttp || platforms.slackSocket;
  const consoleOn = config.CONSOLE === "on" || (config.CONSOLE === "auto" && !anyPlatform);
  const logger = createLogger({ level: config.LOG_LEVEL ?? (consoleOn ? "warn" : "info"), secrets: secretValues(config) });

  let app;
  try {
    app = await createApp(config, logger);
  } catch (e) {
    if (e instanceof ContentInvalidError) { console.error(e.message); return 1; }
    console.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  process.on("unhandledRejection", (reason) => logger.error({ err: String(reason) }, "unhandled rejection"));

  if (consoleOn) {
    const user = config.CONSOLE_USER ?? safeUserName();
    await runConsole({ bot: app.bot, actor: { platform: "console", workspaceId: "local", userId: user, displayName: user, isAdmin: true, isDirectMessage: true } });
    await app.close();
    return 0;
  }
  logger.warn({}, "no surface configured to run");
  await app.close();
  return 0;
}

function safeUserName(): string {
  try { return userInfo().username || "learner"; } catch { return "learner"; }
}

main().then(
  (code) => { process.exitCode = code; },
  (e) => { console.error(e instanceof Error ? e.stack : String(e)); process.exitCode = 1; },
);
