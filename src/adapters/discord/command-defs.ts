// Generates Discord application command definitions from the core's command list, whatever
// commands exist: option types, choices, min/max, autocomplete, subcommands, zh-CN/zh-TW
// description localizations, default member permissions for admin commands, and where each
// command may be used: `integration_types` (installed to a server, or by a learner to their own
// account) and `contexts` (servers, the bot's DM, other DMs) — these replace `dm_permission`.
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
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
  attachment: ApplicationCommandOptionType.Attachment,
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
    out.choices = o.choices.slice(0, 25).map((c) => ({
      name: clip(c.name.en),
      name_localizations: zhLocalizations(c.name),
      value: c.value,
    }));
  } else if (o.autocomplete && (o.type === "string" || numeric)) {
    out.autocomplete = true;
  }
  if (numeric) {
    if (o.min !== undefined) out.min_value = o.min;
    if (o.max !== undefined) out.max_value = o.max;
  }
  // Lessons and rounds are posted in channels people read: text and announcement channels only.
  if (o.type === "channel")
    out.channel_types = [ChannelType.GuildText, ChannelType.GuildAnnouncement];
  if (o.type === "string" && o.maxLength !== undefined)
    out.max_length = Math.min(6000, o.maxLength);
  return out as unknown as APIApplicationCommandBasicOption;
}

/** Required options must come first on Discord; the core's order is kept otherwise. */
function options(list: CommandOption[] | undefined): APIApplicationCommandBasicOption[] {
  const all = (list ?? []).slice(0, 25);
  return [...all.filter((o) => o.required), ...all.filter((o) => !o.required)].map(option);
}

/** Manage Channels: what the adapter also accepts as "admin" (with Manage Server). */
export const ADMIN_PERMISSIONS = PermissionFlagsBits.ManageChannels;

export interface InstallOptions {
  /** DISCORD_USER_INSTALL: learners may install the app to their own account (personal commands). */
  userInstall?: boolean;
}

/**
 * Commands that post later on the bot's own (weekly lessons), so they need the bot where they are
 * used: offered to server installs only, like admin commands.
 */
const SERVER_ONLY = new Set(["lesson"]);

/** Where a command can be installed and used. */
export function availability(
  cmd: CommandDef,
  opts: InstallOptions = {},
): { integration_types: ApplicationIntegrationType[]; contexts: InteractionContextType[] } {
  const { GuildInstall, UserInstall } = ApplicationIntegrationType;
  const { Guild, BotDM, PrivateChannel } = InteractionContextType;
  // Admin commands are about a server: not in DMs (what dm_permission: false used to say).
  if (cmd.admin) return { integration_types: [GuildInstall], contexts: [Guild] };
  if (!opts.userInstall || SERVER_ONLY.has(cmd.name))
    return { integration_types: [GuildInstall], contexts: [Guild, BotDM] };
  // A learner's own install: quizzes and the tutor in any server, the bot's DM, DMs and group DMs.
  return {
    integration_types: [GuildInstall, UserInstall],
    contexts: [Guild, BotDM, PrivateChannel],
  };
}

export function discordCommand(
  cmd: CommandDef,
  opts: InstallOptions = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const subOptions: APIApplicationCommandOption[] = cmd.subcommands?.length
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
    options: subOptions,
    ...availability(cmd, opts),
    // Only whole-command admin flags can be expressed here; admin subcommands are checked in code.
    ...(cmd.admin ? { default_member_permissions: String(ADMIN_PERMISSIONS) } : {}),
  };
}

export function discordCommands(
  commands: CommandDef[],
  opts: InstallOptions = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return commands.slice(0, 100).map((c) => discordCommand(c, opts));
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

/** The link a learner opens to add the app to their own account (user install: commands only, no bot). */
export function userInstallUrl(applicationId: string): string {
  const u = new URL("https://discord.com/oauth2/authorize");
  u.searchParams.set("client_id", applicationId);
  u.searchParams.set("integration_type", String(ApplicationIntegrationType.UserInstall));
  u.searchParams.set("scope", "applications.commands");
  return u.toString();
}
