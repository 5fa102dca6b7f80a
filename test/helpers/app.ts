// A complete core wired to a throwaway database and a fake clock, for tests of commands.
import { loadContent } from "../../src/app/content-files";
import { CONSOLE } from "../../src/adapters/console/identity";
import { DISCORD } from "../../src/adapters/discord/identity";
import { identityFields } from "../../src/adapters/platform/contract";
import { SLACK } from "../../src/adapters/slack/identity";
import type { Actor } from "../../src/core/actor";
import { createBot, type Bot, type BotOptions } from "../../src/core/bot";
import { FakeClock } from "../../src/core/clock";
import type { Services } from "../../src/core/commands/types";
import type { Logger } from "../../src/core/ports/logger";
import { createStore } from "../../src/db/store";
import { createTestDb, type TestDb, type TestProvider } from "./db";

export interface LogLine {
  level: string;
  obj: object;
  msg?: string;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const rec = (level: string) => (obj: object, msg?: string) => {
    lines.push({ level, obj, msg });
  };
  return { lines, info: rec("info"), warn: rec("warn"), error: rec("error"), debug: rec("debug") };
}

export interface TestApp {
  bot: Bot;
  services: Services;
  clock: FakeClock;
  testDb: TestDb;
  logger: ReturnType<typeof recordingLogger>;
  close(): Promise<void>;
}

export async function createTestApp(
  provider: TestProvider = "sqlite",
  opts: BotOptions & { contentDir?: string } = {},
): Promise<TestApp> {
  const testDb = await createTestDb(provider);
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  const logger = recordingLogger();
  const services: Services = {
    index: loadContent(opts.contentDir ?? "content"),
    store: createStore(testDb.db.prisma),
    clock,
    logger,
  };
  return {
    bot: createBot(services, opts),
    services,
    clock,
    testDb,
    logger,
    close: () => testDb.drop(),
  };
}

const PLATFORMS = [CONSOLE, DISCORD, SLACK];

export function actor(userId = "u1", extra: Partial<Actor> = {}): Actor {
  // The platform named in `extra` brings its own capabilities (a "discord" actor has buttons).
  const platform = PLATFORMS.find((p) => p.name === extra.platform) ?? CONSOLE;
  return { ...identityFields(platform), workspaceId: "w1", userId, displayName: userId, ...extra };
}
