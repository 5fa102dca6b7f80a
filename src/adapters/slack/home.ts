// The App Home tab: the learner's progress (the core's /progress reply), their settings (the
// core's /settings show reply) and menus that change language and time zone through the core's
// /settings command. Rebuilt on every app_home_opened and after every change.
import type { Bot } from "../../core/bot";
import type { Actor } from "../../core/actor";
import { commandMentions } from "../../core/command-mentions";
import type { Reply } from "../../core/reply";
import { bodyBlocks, replyLocale, type Block } from "./blocks";
import { safeMrkdwn, safePlain } from "./mrkdwn";
import { LOCALES } from "../../core/i18n";
import { msg } from "../../core/messages/catalogue";

export const HOME_ACTION = "slack.home";

/** Common IANA zones (a static select holds at most 100); others via /settings timezone. */
export const HOME_TIME_ZONES = [
  "UTC",
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Asia/Tokyo",
  "Asia/Seoul",
  "Asia/Kolkata",
  "Asia/Dubai",
  "Asia/Jakarta",
  "Asia/Bangkok",
  "Australia/Sydney",
  "Australia/Perth",
  "Pacific/Auckland",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Amsterdam",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Africa/Cairo",
  "Africa/Johannesburg",
  "Africa/Lagos",
  "America/New_York",
  "America/Toronto",
  "America/Chicago",
  "America/Denver",
  "America/Phoenix",
  "America/Los_Angeles",
  "America/Vancouver",
  "America/Anchorage",
  "Pacific/Honolulu",
  "America/Mexico_City",
  "America/Bogota",
  "America/Lima",
  "America/Sao_Paulo",
  "America/Argentina/Buenos_Aires",
];

const opt = (text: string, value: string) => ({
  text: { type: "plain_text", text: safePlain(text, 75) },
  value,
});

/** commandPrefix: how commands are typed in this workspace (Actor.commandPrefix), for the hints. */
export function homeView(
  progress: Reply[],
  settings: Reply[],
  notice?: string,
  commandPrefix?: string,
): Record<string, unknown> {
  const hint = commandMentions(commandPrefix, ["settings", "quiz", "help"]);
  const blocks: Block[] = [];
  if (notice)
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: safeMrkdwn(notice), verbatim: true }],
    });
  for (const r of progress) blocks.push(...bodyBlocks(r));
  blocks.push({ type: "divider" });
  for (const r of settings) blocks.push(...bodyBlocks(r));
  blocks.push({
    type: "actions",
    block_id: "home.settings",
    elements: [
      {
        type: "static_select",
        action_id: `${HOME_ACTION}#language`,
        placeholder: {
          type: "plain_text",
          text: msg(
            replyLocale(settings[0] ?? progress[0] ?? { text: "" }),
            "adapters.slack.home.language",
          ),
        },
        // Each language by its own name, so a learner finds theirs whatever the current language.
        options: LOCALES.map((l) => opt(msg(l, "common.languageName"), l)),
      },
      {
        type: "static_select",
        action_id: `${HOME_ACTION}#timezone`,
        placeholder: {
          type: "plain_text",
          text: msg(
            replyLocale(settings[0] ?? progress[0] ?? { text: "" }),
            "adapters.slack.home.timeZone",
          ),
        },
        options: HOME_TIME_ZONES.map((z) => opt(z, z)),
      },
    ],
  });
  blocks.push({
    type: "context",
    elements: [
      {
        type: "mrkdwn",
        text: hint(
          msg(
            replyLocale(settings[0] ?? progress[0] ?? { text: "" }),
            "adapters.slack.home.otherTimeZonesSettings",
          ),
        ),
      },
    ],
  });
  return { type: "home", blocks: blocks.slice(0, 100) };
}

/** Asks the core for the learner's progress and settings and renders them. */
export async function buildHome(
  bot: Bot,
  actor: Actor,
  notice?: string,
): Promise<Record<string, unknown>> {
  // One after the other: a first-time learner is created by the first call (no upsert race).
  const progress = await bot.handleCommand(actor, "progress", {});
  const settings = await bot.handleCommand(actor, "settings", {}, "show");
  return homeView(progress, settings, notice, actor.commandPrefix);
}

/** Home menu choice → the core's /settings subcommand. */
export function settingsChange(
  actionId: string,
  value: string,
): { sub: string; args: Record<string, string> } | undefined {
  const what = actionId.split("#")[1];
  if (what === "language" || what === "timezone") return { sub: what, args: { value } };
  return undefined;
}
