// Which subscription a /lesson command is about: a channel (admins only) or, in a DM, the
// learner's own. Also reads channel mentions as platforms type them.
import type { Actor } from "../actor";
import { UserError } from "../errors";
import type { Locale } from "../i18n";
import type { SubscriptionRecord, SubscriptionTarget } from "../ports/schedule";
import { bilingual, msg } from "../messages/catalogue";

/** "<#123>" (Discord), "<#C123|general>" (Slack), "#general" or a bare id → the channel id. */
export function channelId(text: string): string {
  const s = text.trim();
  const m = /^<#([A-Za-z0-9_-]+)(?:\|[^>]*)?>$/.exec(s);
  const id = m ? m[1] : s.replace(/^#/, "");
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id))
    throw new UserError(
      bilingual("schedule.target.isNotAChannel", { s: s.slice(0, 40) }),
      "bad_channel",
    );
  return id;
}

const notAdmin = () => new UserError(bilingual("schedule.target.onlyAdminsCanManage"), "not_admin");

export function resolveTarget(actor: Actor, channelArg: string | undefined): SubscriptionTarget {
  const base = { platform: actor.platform, workspaceId: actor.workspaceId };
  if (channelArg) {
    if (!actor.isAdmin) throw notAdmin();
    return { ...base, channelId: channelId(channelArg), learnerExternalId: null };
  }
  if (actor.isDirectMessage)
    return {
      ...base,
      channelId: actor.channelId ?? `dm:${actor.userId}`,
      learnerExternalId: actor.userId,
    };
  if (!actor.channelId)
    throw new UserError(bilingual("schedule.target.nameTheChannelLesson"), "bad_channel");
  if (!actor.isAdmin) throw notAdmin();
  return { ...base, channelId: actor.channelId, learnerExternalId: null };
}

/**
 * The target as one string, unique per subscription row in the database: a channel by its id,
 * a learner's DM by who they are (DM channel ids change; the console has none). The 0002
 * migration builds the same string in SQL for existing rows.
 */
export function subscriptionKey(t: SubscriptionTarget): string {
  return t.learnerExternalId
    ? `${t.platform}|${t.workspaceId}|dm|${t.learnerExternalId}`
    : `${t.platform}|${t.workspaceId}|channel|${t.channelId}`;
}

export function targetLabel(t: SubscriptionTarget, locale: Locale): string {
  if (t.learnerExternalId) return msg(locale, "schedule.target.youDm");
  return `#${t.channelId}`;
}

export const noSubscription = (t: SubscriptionTarget) =>
  new UserError(
    t.learnerExternalId
      ? bilingual("schedule.target.youHaveNoWeekly")
      : bilingual("schedule.target.hasNoWeeklyLessons", { channelId: t.channelId }),
    "no_subscription",
  );

export type { SubscriptionRecord };
