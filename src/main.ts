// `npm start`: read .env, validate configuration, load content, open and migrate the database, then run
// whichever surfaces are configured. With no tokens at all that is the terminal chat.
// SIGTERM/SIGINT stop accepting work, let in-flight requests finish (and Slack work already
// acknowledged to Slack: surfaces.stop waits for it), close the database, exit 0; all of it within
// SHUTDOWN_TIMEOUT_SECONDS (default 10) whatever the database does: requests unfinished then
// are told to try again, and the process exits.
import { userInfo } from "node:os";
import { ContentInvalidError } from "./app/content-files";
import { createApp, type App } from "./app/app";
import { createLogger } from "./app/logger";
import { startSurfaces } from "./app/surfaces";
import { ConfigError, loadConfig, platformsConfigured, secretValues, type Config } from "./config";
import { EnvFileError, loadEnvFile } from "./env-file";

/** Time kept back from the drain for the last answers and closing the database. */
const CLOSE_RESERVE_MS = 1_500;
let forceExit = false;

/** True if p settled within ms (its failure counts as settled: shutdown goes on either way). */
function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(
      () => true,
      () => true,
    ),
    new Promise<boolean>((r) => {
      timer = setTimeout(() => r(false), Math.max(0, ms));
    }),
  ]).finally(() => clearTimeout(timer));
}

async function main(): Promise<number> {
  let config: Config;
  try {
    loadEnvFile();
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError || e instanceof EnvFileError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  const p = platformsConfigured(config);
  const anyPlatform = p.discordGateway || p.discordHttp || p.slackHttp || p.slackSocket;
  const consoleOn = config.CONSOLE === "on" || (config.CONSOLE === "auto" && !anyPlatform);
  const logger = createLogger({
    level: config.LOG_LEVEL ?? (consoleOn ? "warn" : "info"),
    secrets: secretValues(config),
  });

  let app: App;
  try {
    app = await createApp(config, logger);
  } catch (e) {
    if (e instanceof ContentInvalidError) {
      console.error(e.message);
      return 1;
    }
    console.error(`cannot start: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  process.on("unhandledRejection", (reason) =>
    logger.error(
      { err: reason instanceof Error ? reason.message : String(reason) },
      "unhandled rejection",
    ),
  );
  process.on("uncaughtException", (err) =>
    logger.error({ err: err.message, stack: err.stack }, "uncaught exception"),
  );

  // The terminal chat is one more platform in the registry (a peer of Discord and Slack).
  const surfaces = await startSurfaces(app, logger, {
    console: consoleOn ? { user: config.CONSOLE_USER ?? safeUserName() } : undefined,
  });
  let stopping: Promise<number> | undefined;
  const shutdown = (signal: string) =>
    (stopping ??= (async () => {
      const budgetMs = config.SHUTDOWN_TIMEOUT_SECONDS * 1000;
      const deadline = Date.now() + budgetMs;
      logger.info({ signal, budgetMs }, "shutting down");
      // The drain ends a little before the deadline, leaving time to tell whoever is still
      // waiting to try again and to close the database.
      const drained = await within(
        surfaces.stop(budgetMs - Math.min(CLOSE_RESERVE_MS, budgetMs / 2)),
        deadline - Date.now(),
      );
      const closed = drained && (await within(app.close(), deadline - Date.now()));
      if (!closed) {
        // Something waits on a database that does not answer: those calls would hold the
        // process until it comes back. The budget is spent; exit now.
        logger.warn(
          { signal, budgetMs },
          "shutdown budget spent with work unfinished (the database is not answering); exiting",
        );
        forceExit = true;
        return 0;
      }
      logger.info({ signal }, "stopped: requests finished, database closed");
      return 0;
    })());

  if (surfaces.console) {
    const done = surfaces.console.done;
    const signal = new Promise<string>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    const first = await Promise.race([done.then(() => "eof"), signal]);
    return shutdown(first);
  }
  if (!surfaces.http && !anyPlatform) {
    logger.warn({}, "nothing to run: set CONSOLE=on, PORT, or a platform token");
    return shutdown("idle");
  }
  const signal = await new Promise<string>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  return shutdown(signal);
}

function safeUserName(): string {
  try {
    return userInfo().username || "learner";
  } catch {
    return "learner";
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    if (forceExit) process.exit(code);
    setTimeout(() => process.exit(code), 2_000).unref();
  },
  (e) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exitCode = 1;
  },
);
