// Configuration is validated once (empty = unset, errors name the variable) and typed command
// lines are read the same way on every text surface.
import { describe, expect, it } from "vitest";
import { buildCommands } from "../../src/core/commands/registry";
import { parseCommandLine, splitWords } from "../../src/core/commands/parse-text";
import { readFileSync } from "node:fs";
import { CONFIG_VARIABLES, ConfigError, loadConfig, secretValues } from "../../src/config";

describe("config", () => {
  it("documents every variable in .env.example, and nothing stale", () => {
    const documented = [
      ...readFileSync(".env.example", "utf8").matchAll(/^([A-Z][A-Z0-9_]*)=/gm),
    ].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
  it("runs with nothing set: SQLite under ./data, console on", () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBe("file:./data/coursebot.db");
    expect(c.CONSOLE).toBe("auto");
    expect(c.PORT).toBeUndefined();
  });
  it("reads the Discord REST rate-limit offset as whole milliseconds", () => {
    expect(loadConfig({ DISCORD_REST_OFFSET_MS: "25" }).DISCORD_REST_OFFSET_MS).toBe(25);
    expect(loadConfig({}).DISCORD_REST_OFFSET_MS).toBeUndefined();
  });
  it("treats empty variables as unset", () => {
    const c = loadConfig({ DATABASE_URL: "", PORT: "  ", OPENAI_API_KEY: "" });
    expect(c.DATABASE_URL).toBe("file:./data/coursebot.db");
    expect(c.PORT).toBeUndefined();
    expect(c.OPENAI_API_KEY).toBeUndefined();
  });
  it.each([
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ DISCORD_TOKEN: "abc" }, "DISCORD_APPLICATION_ID"],
    [{ DISCORD_PUBLIC_KEY: "nothex", DISCORD_APPLICATION_ID: "123456" }, "DISCORD_PUBLIC_KEY"],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
    [{ OPENAI_BASE_URL: "not a url" }, "OPENAI_BASE_URL"],
    [{ DISCORD_REST_OFFSET_MS: "fast" }, "DISCORD_REST_OFFSET_MS"],
    [{ DISCORD_REST_OFFSET_MS: "-5" }, "DISCORD_REST_OFFSET_MS"],
  ])("names the bad variable in %j", (env, name) => {
    try {
      loadConfig(env as NodeJS.ProcessEnv);
      throw new Error("accepted");
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).problems.map((p) => p.variable)).toContain(name);
      expect((e as Error).message).toContain(name);
    }
  });
  it("lists secret values for the log scrubber, including a database password", () => {
    const c = loadConfig({
      OPENAI_API_KEY: "sk-test-123456",
      DATABASE_URL: "postgresql://u:hunter22@h:5432/d",
    });
    expect(secretValues(c)).toEqual(expect.arrayContaining(["sk-test-123456", "hunter22"]));
  });
});

describe("typed command lines", () => {
  const commands = buildCommands();
  it("reads named and positional options", () => {
    expect(parseCommandLine("/quiz topic:units count:2", commands)).toEqual({
      name: "quiz",
      args: { topic: "units", count: "2" },
    });
    expect(parseCommandLine("/quiz units 2", commands)).toEqual({
      name: "quiz",
      args: { topic: "units", count: "2" },
    });
    expect(parseCommandLine("quiz count=3", commands)).toEqual({
      name: "quiz",
      args: { count: "3" },
    });
  });
  it("reads subcommands and quoted values", () => {
    expect(parseCommandLine('/settings timezone "America/New_York"', commands)).toEqual({
      name: "settings",
      sub: "timezone",
      args: { value: "America/New_York" },
    });
    expect(splitWords('a "b c" key:"d e" “中 文”')).toEqual(["a", "b c", "key:d e", "中 文"]);
  });
  it("keeps unknown names so the bot can say so", () => {
    expect(parseCommandLine("/nope x", commands)).toEqual({ name: "nope", args: {} });
    expect(parseCommandLine("/quiz units 2 personal 20 extra", commands)?.args._extra).toBe(
      "extra",
    );
    expect(parseCommandLine("/ask what is: a token?", commands)?.args).toEqual({
      question: "what is: a token?",
    });
  });
});
