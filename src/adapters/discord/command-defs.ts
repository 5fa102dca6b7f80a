// Generates Discord application command definitions from the core's command list, whatever
// commands exist: option types, choices, min/max, autocomplete, subcommands, zh-CN/zh-TW
// description localizations, and default member permissions for admin commands.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  PermissionFlagsBits,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { CommandDef, CommandOption, OptionType } from "../../core/commands/types";
import type { Bilingual } from "../../core/i18n";

const TYPE: Record<OptionType, ApplicationCommandOptionType> = {
  string: ApplicationCommandOptionType.String,
  integer: ApplicationCommandOptionType.Integer,
  number: ApplicationCommandOptionType.Number,
  boolean: ApplicationCommandOptionType.Boolean,
  channel: ApplicationCommandOptionType.Channel,
};

/** Discord's limits: 100 characters for descriptions and choice names, 25 choices/options. */
const clip = (s: string, n = 100) => (s.length <= n ? s : `${s.slice(0, n - 1)}…`);

/** Both Chinese locales get the Chinese text; everyone else sees English. */
export function zhLocalizations(text: Bilingual, n = 100): Record<string, string> {
  const zh = clip(text.zh || text.en, n);
  return { "zh-CN": zh, "zh-TW": zh };
}

function option(o: CommandOption): APIApplicationCommandBasicOption {
  const base = {
    name: o.name,
    description: clip(o.description.en),
    description_localizations: zhLocalizations(o.description),
    required: !!o.required,
  };
  const type = TYPE[o.type];
  const numeric = o.type === "integer" || o.type === "number";
  const out: Record<string, unknown> = { ...base, type };
  if (o.choices?.length) {
    out.choices = o.choices.slice(0, 25).map((c) => ({ name: clip(c.name.en), name_localizations: zhLocalizations(c.name), value: c.value }));
  } else if (o.autocomplete && (o.type === "string" || numeric)) {
    out.autocomplete = true;
  }
  if (numeric) {
    if (o.min !== undefined) out.min_value = o.min;
    if (o.max !== undefined) out.max_value = o.max;
  }
  // Lessons and rounds are posted in channels people read: text and announcement channels only.
  if (o.type === "channel") out.channel_types = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
  if (o.type === "string" && o.maxLength !== undefined) out.max_length = Math.min(6000, o.maxLength);
  return out as unknown as APIApplicationCommandBasicOption;
}

/** Required options must come first on Discord; the core's order is kept otherwise. */
function options(list: CommandOption[] | undefined): APIApplicationCommandBasicOption[] {
  const all = (list ?? []).slice(0, 25);
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)].map(option);
}

/** Manage Channels: what the adapter also accepts as "admin" (with Manage Server). */
export const ADMIN_PERMISSIONS = PermissionFlagsBits.ManageChannels;

export function discordCommand(cmd: CommandDef): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const opts: APIApplicationCommandOption[] = cmd.subcommands?.length
    ? cmd.subcommands.slice(0, 25).map((s) => ({
        type: ApplicationCommandOptionType.Subcommand,
        name: s.name,
        description: clip(s.description.en),
        description_localizations: zhLocalizations(s.description),
        options: options(s.options),
      }))
    : options(cmd.options);
  return {
    type: ApplicationCommandType.ChatInput,
    name: cmd.name,
    description: clip(cmd.description.en),
    description_localizations: zhLocalizations(cmd.description),
    options: opts,
    // Only whole-command admin flags can be expressed here; admin subcommands are checked in code.
    ...(cmd.admin ? { default_member_permissions: String(ADMIN_PERMISSIONS), dm_permission: false } : { dm_permission: true }),
  };
}

export function discordCommands(commands: CommandDef[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.slice(0, 100).map(discordCommand);
}

/** What the bot needs in a channel: read, post, embed, attach, and threads for follow-ups. */
export const BOT_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory;

export function inviteUrl(applicationId: string): string {
  const u = new URL("https://discord.com/oauth2/authorize");
  u.searchParams.set("client_id", applicationId);
  u.searchParams.set("scope", "bot applications.commands");
  u.searchParams.set("permissions", String(BOT_PERMISSIONS));
  return u.toString();
}
