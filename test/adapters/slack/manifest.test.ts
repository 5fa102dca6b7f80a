// The committed Slack manifest lists exactly the core's commands (regenerate with
// `npm run cli -- slack manifest` after adding or changing a command).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  BOT_EVENTS,
  BOT_SCOPES,
  buildManifest,
  manifestDrift,
} from "../../../src/adapters/slack/manifest";
import { buildCommands } from "../../../src/core/commands/registry";

const committed = JSON.parse(readFileSync("slack/manifest.json", "utf8"));

describe("slack/manifest.json", () => {
  it("has the one namespaced command and no stale ones (else: npm run cli -- slack manifest)", () => {
    expect(manifestDrift(committed, buildCommands())).toEqual([]);
    expect(committed.features.slash_commands.map((c: any) => c.command)).toEqual(["/coursebot"]);
  });

  it("lists every command as a top-level alias too when aliases are on", () => {
    const slash = { command: "quizbot", aliases: true };
    const m = buildManifest(buildCommands(), { slash }) as any;
    expect(m.features.slash_commands.map((c: any) => c.command).sort()).toEqual(
      ["/quizbot", ...buildCommands().map((c) => `/${c.name}`)].sort(),
    );
    expect(manifestDrift(m, buildCommands(), slash)).toEqual([]);
    // Without aliases, the same manifest has 15 commands too many.
    expect(manifestDrift(m, buildCommands(), { command: "quizbot", aliases: false })).toContain(
      "stale /quiz (aliases are off)",
    );
  });

  it("asks for the scopes, events, interactivity and App Home the adapter uses", () => {
    expect(committed.oauth_config.scopes.bot).toEqual(BOT_SCOPES);
    expect(committed.settings.event_subscriptions.bot_events).toEqual(
      expect.arrayContaining(["app_home_opened", "message.channels", "message.im"]),
    );
    expect(committed.settings.event_subscriptions.bot_events).toEqual(BOT_EVENTS);
    expect(committed.settings.interactivity.is_enabled).toBe(true);
    expect(committed.features.app_home.home_tab_enabled).toBe(true);
    expect(committed.features.bot_user.display_name).toBeTruthy();
  });

  it("points every URL at /slack/events in HTTP mode", () => {
    const m = buildManifest(buildCommands(), { url: "https://quiz.example.edu" }) as any;
    expect(m.settings.socket_mode_enabled).toBe(false);
    expect(m.settings.event_subscriptions.request_url).toBe(
      "https://quiz.example.edu/slack/events",
    );
    expect(m.settings.interactivity.request_url).toBe("https://quiz.example.edu/slack/events");
    for (const c of m.features.slash_commands)
      expect(c.url).toBe("https://quiz.example.edu/slack/events");
  });

  it("reports missing, stale and outdated commands", () => {
    const commands = buildCommands();
    const slash = { command: "coursebot", aliases: true };
    const m = buildManifest(commands, { slash }) as any;
    m.features.slash_commands = m.features.slash_commands.filter((c: any) => c.command !== "/quiz");
    m.features.slash_commands.push({ command: "/gone", description: "x" });
    m.features.slash_commands[1].description = "old";
    expect(manifestDrift(m, commands, slash)).toEqual([
      "outdated description for /help",
      "missing /quiz",
      "stale /gone (no such command)",
    ]);
  });
});
