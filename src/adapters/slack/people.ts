// Who is asking on Slack: users.info (with include_locale) gives the learner's locale, display
// name and whether they are a workspace admin or owner. Answers are cached per user for an
// hour so a busy quiz does not cost one API call per click; a failed lookup still lets the
// learner use the bot (English, not admin) and is logged once.
import type { webApi } from "@slack/bolt";
import type { Actor } from "../../core/actor";
import { localeFromTag, type Locale } from "../../core/i18n";
import type { Logger } from "../../core/ports/logger";
import { identityFields } from "../platform/contract";
import { SLACK } from "./identity";

export interface Person {
  displayName?: string;
  locale?: Locale;
  isAdmin: boolean;
}

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;

interface UserInfo {
  user?: {
    name?: string;
    real_name?: string;
    locale?: string;
    is_admin?: boolean;
    is_owner?: boolean;
    is_primary_owner?: boolean;
    profile?: { display_name?: string; real_name?: string };
  };
}

export class People {
  private cache = new Map<string, { at: number; person: Person }>();
  /** commandPrefix: how this app's commands are typed (see slash-command.ts), put on every actor. */
  constructor(
    private logger: Logger,
    private now: () => number = Date.now,
    private commandPrefix?: string,
  ) {}

  async lookup(client: webApi.WebClient, teamId: string, userId: string): Promise<Person> {
    const key = `${teamId}:${userId}`;
    const hit = this.cache.get(key);
    if (hit && this.now() - hit.at < TTL_MS) return hit.person;
    let person: Person = { isAdmin: false };
    try {
      const res = (await client.users.info({ user: userId, include_locale: true })) as UserInfo;
      const u = res.user ?? {};
      person = {
        displayName: u.profile?.display_name || u.profile?.real_name || u.real_name || u.name,
        locale: u.locale ? localeFromTag(u.locale) : undefined,
        isAdmin: !!(u.is_admin || u.is_owner || u.is_primary_owner),
      };
    } catch (e) {
      this.logger.warn(
        { user: userId, err: (e as Error).message },
        "slack users.info failed; continuing without locale",
      );
      return person; // not cached: the next request tries again
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, { at: this.now(), person });
    return person;
  }

  async actor(
    client: webApi.WebClient,
    where: { teamId: string; userId: string; channelId?: string; threadId?: string },
  ): Promise<Actor> {
    const p = await this.lookup(client, where.teamId, where.userId);
    return {
      ...identityFields(SLACK),
      workspaceId: where.teamId,
      userId: where.userId,
      displayName: p.displayName,
      platformLocale: p.locale,
      isAdmin: p.isAdmin,
      channelId: where.channelId,
      threadId: where.threadId,
      isDirectMessage: where.channelId?.startsWith("D") ?? false,
      ...(this.commandPrefix ? { commandPrefix: this.commandPrefix } : {}),
    };
  }
}
