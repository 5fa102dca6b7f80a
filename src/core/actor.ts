// Who is asking, from where: what an adapter knows about the person behind an interaction.
import type { Locale } from "./i18n";

export interface Actor {
  platform: string; // console | discord | slack
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
