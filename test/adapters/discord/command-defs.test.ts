// Discord command definitions are generated from the core command list, for any CommandDef.
import { describe, expect, it } from "vitest";
import {
  discordCommand,
  discordCommands,
  inviteUrl,
} from "../../../src/adapters/discord/command-defs";
import { bi } from "../../../src/core/i18n";
import { buildCommands } from "../../../src/core/commands/registry";
import { deployCommands } from "../../../src/cli/deploy-commands";
import { APP_ID, GUILD, startFakeDiscord } from "../../helpers/discord";

describe("generated Discord commands", () => {
  it("covers every core command with valid names and descriptions", () => {
    const defs = discordCommands(buildCommands());
    expect(defs.map((d) => d.name)).toEqual(buildCommands().map((c) => c.name));
    for (const d of defs) {
      expect(d.name).toMatch(/^[-_a-z0-9]{1,32}$/);
      expect(d.description.length).toBeLessThanOrEqual(100);
      expect(d.description_localizations?.["zh-CN"]).toBeTruthy();
    }
  });

  it("maps types, choices, limits, autocomplete and localizations of /quiz", () => {
    const quiz = discordCommands(buildCommands()).find((d) => d.name === "quiz")!;
    const opt = (n: string) => quiz.options!.find((o) => o.name === n) as any;
    expect(opt("topic")).toMatchObject({ type: 3, autocomplete: true, max_length: 100 });
    expect(opt("count")).toMatchObject({ type: 4, min_value: 1, max_value: 20 });
    expect(opt("mode").choices).toEqual([
      {
        name: "Personal",
        name_localizations: { "zh-CN": "个人", "zh-TW": "个人" },
        value: "personal",
      },
      {
        name: "Channel round",
        name_localizations: { "zh-CN": "频道抢答", "zh-TW": "频道抢答" },
        value: "channel",
      },
    ]);
  });

  it("handles any CommandDef: subcommands, required-first ordering, booleans, admin permissions", () => {
    const def = discordCommand({
      name: "lesson",
      admin: true,
      description: bi("课", "Lessons"),
      subcommands: [
        {
          name: "subscribe",
          description: bi("订阅", "Subscribe"),
          options: [
            { name: "weekly", type: "boolean", description: bi("每周", "Weekly") },
            {
              name: "channel",
              type: "channel",
              required: true,
              description: bi("频道", "Channel"),
            },
            {
              name: "zone",
              type: "string",
              autocomplete: "timezone",
              description: bi("时区", "Time zone"),
            },
          ],
        },
      ],
      run: async () => ({ text: "" }),
    });
    expect(def.default_member_permissions).toBe("16");
    const sub = def.options![0] as any;
    expect(sub.type).toBe(1);
    expect(sub.options.map((o: any) => [o.name, o.type, o.required])).toEqual([
      ["channel", 7, true],
      ["weekly", 5, false],
      ["zone", 3, false],
    ]);
    expect(sub.options[2].autocomplete).toBe(true);
    expect(sub.options[0].channel_types).toEqual([0, 5]);
  });

  it("deploy-commands registers them to the guild through REST and prints the invite URL", async () => {
    const fake = await startFakeDiscord();
    const out: string[] = [];
    try {
      const code = await deployCommands(
        [],
        {
          DISCORD_TOKEN: "test-token-abc",
          DISCORD_APPLICATION_ID: APP_ID,
          DISCORD_GUILD_ID: GUILD,
          DISCORD_API_URL: fake.url,
        },
        (s) => out.push(s),
      );
      expect(code).toBe(0);
      const put = fake.calls.find((c) => c.method === "PUT")!;
      expect(put.path).toBe(`/api/v10/applications/${APP_ID}/guilds/${GUILD}/commands`);
      expect(put.body.map((c: any) => c.name)).toContain("quiz");
      expect(out.join("\n")).toContain(inviteUrl(APP_ID));
      expect(inviteUrl(APP_ID)).toMatch(/scope=bot\+applications\.commands&permissions=\d+/);
    } finally {
      await fake.close();
    }
  });
});

describe("zh-CN localizations of every command", () => {
  const HAN = /\p{Script=Han}/u;
  const core = buildCommands();
  const defs = discordCommands(core);

  it("every command, subcommand, option and choice has a Chinese zh-CN text taken from the core", () => {
    let checked = 0;
    const check = (where: string, zh: string | undefined, expected: string) => {
      expect(zh, where).toBeTruthy();
      expect(zh!.length, where).toBeLessThanOrEqual(100);
      expect(zh, where).toMatch(HAN);
      expect(expected.startsWith(zh!.replace(/…$/, "")), where).toBe(true);
      checked++;
    };
    for (const [i, d] of defs.entries()) {
      const c = core[i];
      expect(d.name).toBe(c.name); // names stay English on every client
      expect(d.name_localizations).toBeUndefined();
      check(`/${c.name}`, d.description_localizations?.["zh-CN"] ?? undefined, c.description.zh);
      const groups = c.subcommands?.length
        ? c.subcommands.map((s) => ({
            path: `/${c.name} ${s.name}`,
            core: s,
            def: (d.options ?? []).find((o) => o.name === s.name) as any,
          }))
        : [{ path: `/${c.name}`, core: { options: c.options }, def: d as any }];
      for (const g of groups) {
        if (g.path !== `/${c.name}`)
          check(g.path, g.def.description_localizations?.["zh-CN"], (g.core as any).description.zh);
        for (const o of g.core.options ?? []) {
          const od = (g.def.options ?? []).find((x: any) => x.name === o.name);
          check(`${g.path} ${o.name}`, od?.description_localizations?.["zh-CN"], o.description.zh);
          for (const ch of o.choices ?? []) {
            const cd = od.choices.find((x: any) => x.value === ch.value);
            check(`${g.path} ${o.name}=${ch.value}`, cd?.name_localizations?.["zh-CN"], ch.name.zh);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(defs.length * 2);
  });
});
