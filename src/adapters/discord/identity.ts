// Discord as a platform: what it can do and its own words for admins and the bot token. Kept
// free of discord.js so the registry can read it without loading the SDK.
import { bi } from "../../core/i18n";
import type { PlatformIdentity } from "../platform/contract";

export const DISCORD: PlatformIdentity = {
  name: "discord",
  capabilities: {
    textOnly: false,
    edits: true,
    threads: true,
    forms: true,
    ephemeral: true,
    oneConversation: false,
  },
  terms: {
    admin: bi("管理服务器/频道权限", "Manage Server or Manage Channels"),
    botToken: "DISCORD_TOKEN",
  },
};
