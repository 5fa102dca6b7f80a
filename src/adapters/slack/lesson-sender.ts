// LessonSender for Slack: posts scheduled lessons (Block Kit, with the lesson's buttons) to the
// subscription's channel or, for a personal subscription, to the learner's DM; and review
// reminders as DMs. Slack errors that retrying cannot fix (channel gone, bot not in it, archived,
// user deactivated) become permanent SendErrors; everything else is thrown and retried by the
// scheduler. Rate limits (429 + Retry-After) are waited out by the WebClient itself.
// Crash safety: every scheduled post carries the delivery id in its message metadata. Slack has
// no idempotency key, so before re-posting a delivery taken over from an instance that died
// mid-send, the channel's recent history is searched for that id; found, nothing is posted. (If
// the history cannot be read, e.g. the app lacks the history scope, the lesson is posted: a
// duplicate is better than a lesson lost.)
import type { webApi } from "@slack/bolt";
import type { LearnerKey } from "../../core/ports/learners";
import { SendError, type DeliveryRef, type LessonSender } from "../../core/ports/lesson-sender";
import type { SubscriptionRecord } from "../../core/ports/schedule";
import type { Reply } from "../../core/reply";
import { toMessage } from "./blocks";
import { dmChannel } from "./deliver";

type WebClient = webApi.WebClient;

/** Slack error codes after which the same message can never be posted to that target. */
export const PERMANENT_SLACK_ERRORS = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "restricted_action",
  "team_access_not_granted",
]);

/** The `error` code of a Slack platform error (`{ok:false, error}`), if it is one. */
export function slackErrorCode(e: unknown): string | undefined {
  const data = (e as { data?: { error?: unknown } } | null)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}

/** Slack failure → SendError (permanent when retrying cannot help). */
export function toSendError(e: unknown, what: string): SendError {
  const code = slackErrorCode(e);
  if (code) return new SendError(`slack ${what}: ${code}`, PERMANENT_SLACK_ERRORS.has(code));
  return new SendError(`slack ${what}: ${(e as Error)?.message ?? String(e)}`, false);
}

export const LESSON_EVENT_TYPE = "coursebot_lesson";
/** How far back a takeover looks for its delivery's first post. */
const HISTORY_LIMIT = 100;

export function createSlackLessonSender(client: WebClient): LessonSender {
  async function post(channel: string, reply: Reply, delivery?: DeliveryRef): Promise<void> {
    // Scheduled posts are public in their target (a channel, or the learner's own DM).
    const msg = toMessage({ ...reply, private: false });
    const metadata = delivery
      ? { event_type: LESSON_EVENT_TYPE, event_payload: { delivery: delivery.id } }
      : undefined;
    await client.chat.postMessage({
      channel,
      ...msg,
      unfurl_links: false,
      unfurl_media: false,
      ...(metadata ? { metadata } : {}),
    });
  }
  /** Whether the channel's recent history already holds this delivery's post. */
  async function alreadyPosted(channel: string, delivery: DeliveryRef): Promise<boolean> {
    try {
      const r = await client.conversations.history({
        channel,
        limit: HISTORY_LIMIT,
        include_all_metadata: true,
      });
      return (r.messages ?? []).some((m) => {
        const meta = (
          m as { metadata?: { event_type?: string; event_payload?: { delivery?: unknown } } }
        ).metadata;
        return (
          meta?.event_type === LESSON_EVENT_TYPE && meta.event_payload?.delivery === delivery.id
        );
      });
    } catch {
      return false;
    }
  }
  async function dm(userId: string): Promise<string> {
    try {
      return await dmChannel(client, userId);
    } catch (e) {
      throw toSendError(e, "conversations.open");
    }
  }
  return {
    platform: "slack",
    async send(sub: SubscriptionRecord, reply: Reply, delivery?: DeliveryRef) {
      const channel = sub.learnerExternalId ? await dm(sub.learnerExternalId) : sub.channelId;
      if (delivery?.takeover && (await alreadyPosted(channel, delivery))) return;
      try {
        await post(channel, reply, delivery);
      } catch (e) {
        throw toSendError(e, "chat.postMessage");
      }
    },
    async sendDirect(learner: LearnerKey, reply: Reply) {
      const channel = await dm(learner.externalId);
      try {
        await post(channel, reply);
      } catch (e) {
        throw toSendError(e, "chat.postMessage");
      }
    },
  };
}
