// The Slack app manifest, generated from the core's command list so the slash commands Slack
// knows are exactly the ones the bot answers: one namespaced command (/coursebot <subcommand>),
// plus one per command only when aliases are on (slash-command.ts). Without a URL it describes a
// Socket Mode app; with one (https://host) every request URL points at POST /slack/events there.
import type { CommandDef, CommandOption } from "../../core/commands/types";
import { SLACK_EVENTS_PATH } from "./slack-app";
import { DEFAULT_SLASH, type SlashSettings } from "./slash-command";
import { bilingual, bothLanguages } from "../../core/messages/catalogue";

export const BOT_SCOPES = [
  "commands", // slash commands
  "chat:write", // messages, ephemeral messages, thread replies
  "chat:write.public", // lessons and channel rounds in public channels the bot was not invited to
  "im:write", // open the learner's DM (private files, tutor threads)
  "im:history", // message.im: answers and questions typed in the DM
  "channels:history", // message.channels: thread replies under the bot's posts
  "groups:history", // message.groups: the same in private channels
  "users:read", // users.info: locale (include_locale) and admin/owner flags
  "files:write", // files.uploadV2: charts and exports
  "files:read", // url_private: the course file an admin uploads in the /content upload form
];

export const BOT_EVENTS = ["app_home_opened", "message.channels", "message.groups", "message.im"];

function usageHint(c: CommandDef): string {
  if (c.subcommands?.length) return `<${c.subcommands.map((s) => s.name).join("|")}> …`;
  // Free text (rest) is typed without "name:", so its hint is just the name.
  const opt = (o: CommandOption) =>
    o.required ? `<${o.name}>` : o.rest ? `[${o.name}]` : `[${o.name}:…]`;
  return (c.options ?? []).map(opt).join(" ");
}

export interface ManifestOptions {
  url?: string;
  name?: string;
  slash?: SlashSettings;
}

interface SlashEntry {
  command: string;
  description: string;
  usage_hint?: string;
  should_escape: boolean;
}

// Escaped, a typed #channel arrives as <#C123|name>, so commands with channel options get the id.
const takesChannel = (c: CommandDef) =>
  (c.options ?? []).some((o) => o.type === "channel") ||
  (c.subcommands ?? []).some((sc) => (sc.options ?? []).some((o) => o.type === "channel"));

/** The slash commands Slack should know: the namespaced one, then the aliases (when on). */
export function slashEntries(
  commands: CommandDef[],
  slash: SlashSettings = DEFAULT_SLASH,
): SlashEntry[] {
  const main: SlashEntry = {
    command: `/${slash.command}`,
    // A Slack app has one description for every user: both languages.
    description: bothLanguages(bilingual("adapters.slack.manifest.commandDescription"), " · "),
    // The most used; `help` lists the rest.
    usage_hint: "quiz [topic] | ask <question> | review | progress | help …",
    should_escape: commands.some(takesChannel),
  };
  if (!slash.aliases) return [main];
  return [
    main,
    ...commands.map((c) => {
      const hint = usageHint(c);
      return {
        command: `/${c.name}`,
        description: `${c.description.en} · ${c.description.zh}`.slice(0, 100),
        ...(hint ? { usage_hint: hint.slice(0, 100) } : {}),
        should_escape: takesChannel(c),
      };
    }),
  ];
}

export function buildManifest(
  commands: CommandDef[],
  opts: ManifestOptions = {},
): Record<string, unknown> {
  const name = opts.name ?? "coursebot";
  const endpoint = opts.url ? new URL(SLACK_EVENTS_PATH, opts.url).toString() : undefined;
  const cmd = (opts.slash ?? DEFAULT_SLASH).command;
  const withUrl = <T extends object>(o: T) => (endpoint ? { ...o, url: endpoint } : o);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: "Course quizzes, explanations and a tutor grounded in the course notes.",
      long_description: bothLanguages(
        bilingual("adapters.slack.manifest.appDescription", { cmd }),
        " ",
      ),
      background_color: "#1d3557",
    },
    features: {
      app_home: {
        home_tab_enabled: true,
        messages_tab_enabled: true,
        messages_tab_read_only_enabled: false,
      },
      bot_user: { display_name: name, always_online: true },
      slash_commands: slashEntries(commands, opts.slash).map(withUrl),
    },
    oauth_config: { scopes: { bot: BOT_SCOPES } },
    settings: {
      event_subscriptions: {
        ...(endpoint ? { request_url: endpoint } : {}),
        bot_events: BOT_EVENTS,
      },
      interactivity: { is_enabled: true, ...(endpoint ? { request_url: endpoint } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !endpoint,
      token_rotation_enabled: false,
    },
  };
}

/** Differences between a manifest's slash commands and the command list ("" when in sync). */
export function manifestDrift(
  manifest: { features?: { slash_commands?: { command: string; description?: string }[] } },
  commands: CommandDef[],
  slash: SlashSettings = DEFAULT_SLASH,
): string[] {
  const listed = new Map(
    (manifest.features?.slash_commands ?? []).map((c) => [c.command, c.description ?? ""]),
  );
  const wanted = new Map(slashEntries(commands, slash).map((e) => [e.command, e.description]));
  const problems: string[] = [];
  for (const [cmd, desc] of wanted) {
    if (!listed.has(cmd)) problems.push(`missing ${cmd}`);
    else if (listed.get(cmd) !== desc) problems.push(`outdated description for ${cmd}`);
  }
  for (const cmd of listed.keys())
    if (!wanted.has(cmd))
      problems.push(`stale ${cmd} (${slash.aliases ? "no such command" : "aliases are off"})`);
  return problems;
}
