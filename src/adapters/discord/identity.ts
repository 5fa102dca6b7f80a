// Discord as a platform: what it can do and its own words for admins and the bot token. Kept
// free of discord.js so the registry can read it without loading the SDK.
import { bilingual } from "../../core/messages/catalogue";
import { CHAT_CAPABILITIES, type PlatformIdentity } from "../platform/contract";

export const DISCORD: PlatformIdentity = {
  name: "discord",
  capabilities: CHAT_CAPABILITIES,
  terms: {
    admin: bilingual("adapters.discord.adminTerm"),
    botToken: "DISCORD_TOKEN",
  },
};
