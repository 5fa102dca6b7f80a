// The platform registry: every chat platform this build knows, as one PlatformModule each.
// startSurfaces starts those the configuration turns on, in this order, and gives each the same
// host (HTTP server, logger, instance id, request dedupe); the scheduler then gets every started
// platform's LessonSender. A new platform is one adapter folder plus one module in this list.
import type { Config } from "../../config";
import type { PlatformIdentity, RunningPlatform } from "../../adapters/platform/contract";
import type { Logger } from "../../core/ports/logger";
import type { App } from "../app";
import type { HttpServer } from "../http-server";
import { consolePlatform, type ConsoleStartOptions } from "./console";
import { discordPlatform } from "./discord";
import { slackPlatform, type SlackStartOptions } from "./slack";
import type { DiscordOptions } from "./discord-surface";

/** Per-platform start options (tests pass fakes and short timers; main passes the terminal). */
export interface PlatformOptions {
  discord?: DiscordOptions;
  slack?: SlackStartOptions;
  /** Runs the terminal chat as one more platform (main.ts decides, from CONSOLE). */
  console?: ConsoleStartOptions;
}

/** What the registry gives every platform it starts. */
export interface PlatformEnv {
  logger: Logger;
  /** The shared HTTP server, when one runs (needsHttp of any platform, or PORT). */
  http?: HttpServer;
  /** This process's id in database claims (lessons, the gateway lease). */
  instanceId: string;
  opts: PlatformOptions;
}

export interface PlatformModule {
  readonly identity: PlatformIdentity;
  /** Whether this configuration (and these options) turn the platform on. */
  enabled(config: Config, opts: PlatformOptions): boolean;
  /** Whether it receives requests over the shared HTTP server. */
  needsHttp(config: Config): boolean;
  /** Starts it; undefined when it turns out to have nothing to run. */
  start(app: App, env: PlatformEnv): Promise<RunningPlatform | undefined>;
}

export const PLATFORM_MODULES: readonly PlatformModule[] = [
  discordPlatform,
  slackPlatform,
  consolePlatform,
];
