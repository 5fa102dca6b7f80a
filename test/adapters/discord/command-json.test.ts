// The command JSON sent to Discord (PUT /applications/{id}/commands) checked against the fields
// Discord documents for creating an application command and its options: nothing else, no
// deprecated `dm_permission`, and where each command is offered (`integration_types`,
// `contexts`), for server installs and for the user-install mode (DISCORD_USER_INSTALL).
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { discordCommands, userInstallUrl } from "../../../src/adapters/discord/command-defs";
import { deployCommands } from "../../../src/cli/deploy-commands";
import { buildCommands } from "../../../src/core/commands/registry";
import { APP_ID, startFakeDiscord } from "../../helpers/discord";

// Application Command Option Structure (Discord's "Application Commands" reference).
const localizations = z.record(
  z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/),
  z.string().min(1).max(100),
);
const choice = z.strictObject({
  name: z.string().min(1).max(100),
  name_localizations: localizations.optional(),
  value: z.union([z.string(), z.number()]),
});
type Option = { type: number; options?: Option[] };
const option: z.ZodType<Option> = z.lazy(() =>
  z.strictObject({
    type: z.number().int().min(1).max(11),
    name: z.string().regex(/^[-_\p{L}\p{N}]{1,32}$/u),
    name_localizations: localizations.optional(),
    description: z.string().min(1).max(100),
    description_localizations: localizations.optional(),
    required: z.boolean().optional(),
    choices: z.array(choice).max(25).optional(),
    options: z.array(option).max(25).optional(),
    channel_types: z.array(z.number().int()).optional(),
    min_value: z.number().optional(),
    max_value: z.number().optional(),
    min_length: z.number().int().min(0).max(6000).optional(),
    max_length: z.number().int().min(1).max(6000).optional(),
    autocomplete: z.boolean().optional(),
  }),
);
// Create Global Application Command, JSON params, without the deprecated ones
// (dm_permission → contexts; default_permission → default_member_permissions).
const command = z.strictObject({
  name: z.string().regex(/^[-_\p{L}\p{N}]{1,32}$/u),
  name_localizations: localizations.optional(),
  description: z.string().min(1).max(100),
  description_localizations: localizations.optional(),
  options: z.array(option).max(25).optional(),
  default_member_permissions: z.string().regex(/^\d+$/).nullable().optional(),
  integration_types: z.array(z.union([z.literal(0), z.literal(1)])).min(1),
  contexts: z.array(z.union([z.literal(0), z.literal(1), z.literal(2)])).min(1),
  type: z.literal(1).optional(),
  nsfw: z.boolean().optional(),
});

const GUILD_INSTALL = 0,
  USER_INSTALL = 1;
const GUILD = 0,
  BOT_DM = 1,
  PRIVATE_CHANNEL = 2;

describe("generated Discord command JSON", () => {
  for (const userInstall of [false, true]) {
    it(`has only documented fields and no dm_permission (user install ${userInstall ? "on" : "off"})`, () => {
      const defs = JSON.parse(
        JSON.stringify(discordCommands(buildCommands(), { userInstall })),
      ) as unknown[];
      expect(defs.length).toBe(buildCommands().length);
      for (const d of defs) {
        const r = command.safeParse(d);
        expect(r.success, `${(d as { name: string }).name}: ${r.error?.message}`).toBe(true);
        expect(d).not.toHaveProperty("dm_permission");
      }
    });
  }

  it("server installs: learner commands in servers and the bot's DM; admin commands in servers only", () => {
    const defs = discordCommands(buildCommands());
    const by = (n: string) => defs.find((d) => d.name === n)!;
    expect(by("quiz")).toMatchObject({
      integration_types: [GUILD_INSTALL],
      contexts: [GUILD, BOT_DM],
    });
    expect(by("stats")).toMatchObject({
      integration_types: [GUILD_INSTALL],
      contexts: [GUILD],
      default_member_permissions: "16",
    });
  });

  it("user-install mode: personal commands everywhere, lessons and admin commands stay with server installs", () => {
    const defs = discordCommands(buildCommands(), { userInstall: true });
    const by = (n: string) => defs.find((d) => d.name === n)!;
    for (const n of [
      "quiz",
      "ask",
      "review",
      "progress",
      "help",
      "hint",
      "skip",
      "glossary",
      "export",
      "forget-me",
    ]) {
      expect(by(n), n).toMatchObject({
        integration_types: [GUILD_INSTALL, USER_INSTALL],
        contexts: [GUILD, BOT_DM, PRIVATE_CHANNEL],
      });
    }
    expect(by("lesson")).toMatchObject({
      integration_types: [GUILD_INSTALL],
      contexts: [GUILD, BOT_DM],
    });
    expect(by("stats")).toMatchObject({ integration_types: [GUILD_INSTALL], contexts: [GUILD] });
  });

  it("deploy-commands with DISCORD_USER_INSTALL=true registers them globally and prints the user-install link", async () => {
    const fake = await startFakeDiscord();
    const out: string[] = [];
    try {
      const env = {
        DISCORD_TOKEN: "test-token-abc",
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_API_URL: fake.url,
        DISCORD_USER_INSTALL: "true",
      };
      expect(await deployCommands([], env, (s) => out.push(s))).toBe(0);
      const put = fake.calls.find((c) => c.method === "PUT")!;
      expect(put.path).toBe(`/api/v10/applications/${APP_ID}/commands`);
      expect(put.body.find((c: { name: string }) => c.name === "quiz")).toMatchObject({
        integration_types: [0, 1],
        contexts: [0, 1, 2],
      });
      expect(out.join("\n")).toContain(userInstallUrl(APP_ID));
      expect(userInstallUrl(APP_ID)).toBe(
        `https://discord.com/oauth2/authorize?client_id=${APP_ID}&integration_type=1&scope=applications.commands`,
      );
    } finally {
      await fake.close();
    }
  });
});
