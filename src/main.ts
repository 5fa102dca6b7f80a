// `npm start`: read .env, validate configuration, load content, open and migrate the database, then run
// whichever surfaces are configured. With no tokens at all that is the terminal chat.
// SIGTERM/SIGINT stop accepting work, let in-flight requests finish (and Slack work already
// acknowledged to Slack: surfaces.stop waits for it, 10 s in all), close the database, exit 0.
import { userInfo } from "node:os";
import { join } from "node:path";
import { runConsole } from "./adapters/console/console-chat";
import { ContentInvalidError } from "./app/content-files";
import { createApp, type App } from "./app/app";
import { createLogger } from "./app/logger";
import { startSurfaces } from "./app/surfaces";
import { consoleSender } from "./app/scheduler/console-sender";
import { ConfigError, loadConfig, platformsConfigured, secretValues, type Config } from "./config";
import { dataDir } from "./db/url";
import { EnvFileError, loadEnvFile } from "./env-file";

async function main(): Promise<number> {
  let config: Config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EnvFileError) { console.error(e.message); return 1; }
    throw e;
  }
  const p = platformsConfigured(config);
  const anyPlatform = p.discordGateway || p.discordHttp || p.slackHttp || p.slackSocket;
  const consoleOn = config.CONSOLE === "on" || (config.CONSOLE === "auto" && !anyPlatform);
  const logger = createLogger({ level: config.LOG_LEVEL ?? (consoleOn ? "warn" : "info"), secrets: secretValues(config) });

  let app: App;
  try {
    app = await createApp(config, logger);
  } catch (e) {
    if (e instanceof ContentInvalidError) { console.error(e.message); return 1; }
    console.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  process.on("unhandledRejection", (reason) => logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, "unhandled rejection"));
  process.on("uncaughtException", (err) => logger.error({ err: err.message, stack: err.stack }, "uncaught exception"));

  const surfaces = await startSurfaces(app, logger, { senders: consoleOn ? [consoleSender(process.stdout)] : [] });
  let stopping: Promise<number> | undefined;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      logger.info({ signal }, "shutting down");
      await surfaces.stop();
      await app.close();
      logger.info({ signal }, "stopped: requests finished, database closed");
      return 0;
    })());

  if (consoleOn) {
    const user = config.CONSOLE_USER ?? safeUserName();
    const exportDir = join(dataDir(config.DATABASE_URL), "exports");
    const done = runConsole({ bot: app.bot, exportDir, actor: { platform: "console", workspaceId: "local", userId: user, displayName: user, isAdmin: true, isDirectMessage: true } });
    const signal = new Promise<string>((resolve) => { process.once("SIGINT", () => resolve("SIGINT")); process.once("SIGTERM", () => resolve("SIGTERM")); });
    const first = await Promise.race([done.then(() => "eof"), signal]);
    return shutdown(first);
  }
  if (!surfaces.http && !anyPlatform) {
    logger.warn({}, "nothing to run: set CONSOLE=on, PORT, or a platform token");
    return shutdown("idle");
  }
  const signal = await new Promise<string>((resolve) => { process.once("SIGINT", () => resolve("SIGINT")); process.once("SIGTERM", () => resolve("SIGTERM")); });
  return shutdown(signal);
}

function safeUserName(): string {
  try { return userInfo().username || "learner"; } catch { return "learner"; }
}

main().then(
  (code) => { process.exitCode = code; setTimeout(() => process.exit(code), 2_000).unref(); },
  (e) => { console.error(e instanceof Error ? e.stack : String(e)); process.exitCode = 1; },
);
