// Discord as a platform: what it can do and its own words for admins and the bot token. Kept
// free of discord.js so the registry can read it without loading the SDK.
import { bilingual } from "../../core/messages/catalogue";
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
    admin: bilingual("adapters.discord.adminTerm"),
    botToken: "DISCORD_TOKEN",
  },
};
