// Who is asking, from where: what an adapter knows about the person behind an interaction, and
// what the surface they use can do. The core reads capabilities, never the platform's name:
// "is this a text-only surface?" is a property the platform declares, so a new platform needs no
// change here.
import type { Bilingual, Locale } from "./i18n";

/** What a surface can do; each platform declares its own (src/adapters/platform/contract.ts). */
export interface Capabilities {
  /** No buttons or menus: answers are typed, so the next question follows a verdict at once. */
  textOnly: boolean;
  /** A posted message can be edited later (streaming, replacing a question with its verdict). */
  edits: boolean;
  /** Conversations can branch into threads whose replies reach the bot. */
  threads: boolean;
  /** Small forms (modals) can be opened for typed input. */
  forms: boolean;
  /** A message can be shown to one person only in a shared conversation. */
  ephemeral: boolean;
  /** The whole surface is one conversation (the terminal): its DM is also its community's
   *  channel, so commands that need a channel work there. */
  oneConversation: boolean;
}

/** The platform's own words for things core messages mention (never a platform name in core). */
export interface PlatformTerms {
  /** Who counts as an admin there ("Manage Server or Manage Channels", "workspace admins"). */
  admin?: Bilingual;
  /** The setting an operator changes to give the bot a token of its own ("DISCORD_TOKEN"). */
  botToken?: string;
}

export interface Actor {
  /** The platform's name: an opaque key for storage (learners, subscriptions), not for decisions. */
  platform: string;
  /** What this surface can do; core decisions read this, not `platform`. */
  capabilities: Capabilities;
  terms?: PlatformTerms;
  workspaceId: string; // guild / team id ("" for DMs and the console)
  userId: string;
  displayName?: string;
  /** The platform's idea of the user's language (Discord locale, Slack users.info). */
  platformLocale?: Locale;
  channelId?: string;
  /** Thread (or message) a follow-up belongs to, when the platform has threads. */
  threadId?: string;
  /** May manage the community's settings and subscriptions (checked by the adapter from platform permissions). */
  isAdmin?: boolean;
  isDirectMessage?: boolean;
  /** Opaque handle the core may store to post to this conversation later (Discord interaction token). */
  replyRef?: string;
  /**
   * How long after this request the bot can still post to this conversation, when that is
   * limited (a Discord interaction token lives 15 minutes and is the only way to post without a
   * bot token). Absent: no limit. Channel rounds that could outlast it are refused.
   */
  replyWindowMs?: number;
  /**
   * How this surface's users type a command, before its name: "/" (the default: "/quiz") or a
   * namespace such as "/coursebot " (Slack's single command). Replies name commands this way.
   */
  commandPrefix?: string;
}
