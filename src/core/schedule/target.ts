// Which subscription a /lesson command is about: a channel (admins only) or, in a DM, the
// learner's own. Also reads channel mentions as platforms type them.
import type { Actor } from "../actor";
import { UserError } from "../errors";
import { bi, type Locale } from "../i18n";
import type { SubscriptionRecord, SubscriptionTarget } from "../ports/schedule";

/** "<#123>" (Discord), "<#C123|general>" (Slack), "#general" or a bare id → the channel id. */
export function channelId(text: string): string {
  const s = text.trim();
  const m = /^<#([A-Za-z0-9_-]+)(?:\|[^>]*)?>$/.exec(s);
  const id = m ? m[1] : s.replace(/^#/, "");
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(id))
    throw new UserError(
      bi(
        `“${s.slice(0, 40)}”不是频道；请用 #频道 或频道 ID。`,
        `"${s.slice(0, 40)}" is not a channel; use #channel or a channel id.`,
      ),
      "bad_channel",
    );
  return id;
}

const notAdmin = () =>
  new UserError(
    bi(
      "只有管理员可以管理频道的课程订阅。你可以在私信里用 /lesson subscribe 给自己订阅。",
      "Only admins can manage a channel's lessons. You can subscribe yourself with /lesson subscribe in a DM.",
    ),
    "not_admin",
  );

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
    throw new UserError(
      bi(
        "请指定频道：/lesson subscribe channel:#频道",
        "Name the channel: /lesson subscribe channel:#channel",
      ),
      "bad_channel",
    );
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
  if (t.learnerExternalId) return locale === "zh" ? "你（私信）" : "you (DM)";
  return `#${t.channelId}`;
}

export const noSubscription = (t: SubscriptionTarget) =>
  new UserError(
    t.learnerExternalId
      ? bi(
          "你还没有订阅每周课程。用 /lesson subscribe 订阅。",
          "You have no weekly lesson subscription. Use /lesson subscribe.",
        )
      : bi(
          `#${t.channelId} 没有订阅每周课程。用 /lesson subscribe 订阅。`,
          `#${t.channelId} has no weekly lessons. Use /lesson subscribe.`,
        ),
    "no_subscription",
  );

export type { SubscriptionRecord };
