// Who is behind a Discord interaction: user, guild, channel (and thread), locale, and whether
// their permissions make them an admin (Manage Server or Manage Channels).
import { ChannelType, PermissionFlagsBits, type APIInteraction } from "discord.js";
import type { Actor } from "../../core/actor";
import { localeFromTag } from "../../core/i18n";
import { identityFields } from "../platform/contract";
import { DISCORD } from "./identity";

const THREAD_TYPES = new Set<number>([
  ChannelType.PublicThread,
  ChannelType.PrivateThread,
  ChannelType.AnnouncementThread,
]);
const ADMIN_BITS = PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageChannels;

export function isAdminPermissions(bits: string | undefined): boolean {
  if (!bits || !/^\d+$/.test(bits)) return false;
  return (BigInt(bits) & ADMIN_BITS) !== 0n;
}

export function actorFromInteraction(i: APIInteraction): Actor {
  const user = i.member?.user ?? i.user;
  const channelType = i.channel?.type;
  const thread = channelType !== undefined && THREAD_TYPES.has(channelType);
  const tag = ("locale" in i ? i.locale : undefined) ?? i.guild_locale;
  return {
    ...identityFields(DISCORD),
    workspaceId: i.guild_id ?? "",
    userId: user?.id ?? "unknown",
    displayName:
      (i.member?.nick ?? user?.global_name ?? user?.username ?? "").slice(0, 100) || undefined,
    platformLocale: tag ? localeFromTag(tag) : undefined,
    channelId: i.channel_id ?? i.channel?.id,
    threadId: thread ? (i.channel_id ?? i.channel?.id) : undefined,
    isAdmin: !!i.guild_id && isAdminPermissions(i.member?.permissions),
    isDirectMessage: !i.guild_id,
  };
}
