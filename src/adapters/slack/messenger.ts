// Slack's Messenger (platform/contract.ts): posts outside any request with chat.postMessage on
// the background Web API client (a short retry budget; 429 + Retry-After is waited out by the
// client itself). Slack has no idempotency key, so a post's key is carried in the message
// metadata, and alreadyPosted searches the channel's recent history for it: a lesson taken over
// from an instance that died mid-send is not posted twice. (If the history cannot be read, e.g.
// the app lacks the history scope, the post goes out: a duplicate is better than a lesson lost.)
import type { webApi } from "@slack/bolt";
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { Messenger } from "../platform/contract";
import { lessonSender } from "../platform/lesson-delivery";
import { toMessage } from "./blocks";
import { dmChannel } from "./deliver";
import { SLACK } from "./identity";

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

export const LESSON_EVENT_TYPE = "coursebot_lesson";
/** How far back a takeover looks for its first post. */
const HISTORY_LIMIT = 100;

export function slackMessenger(client: WebClient): Messenger {
  return {
    async post(target, reply, opts) {
      const metadata = opts?.key
        ? { event_type: LESSON_EVENT_TYPE, event_payload: { delivery: opts.key } }
        : undefined;
      const res = await client.chat.postMessage({
        channel: target.channelId,
        ...(target.threadId ? { thread_ts: target.threadId } : {}),
        ...toMessage({ ...reply, private: false }),
        unfurl_links: false,
        unfurl_media: false,
        ...(metadata ? { metadata } : {}),
      });
      return { channelId: target.channelId, id: res.ts };
    },
    openDm: (userId) => dmChannel(client, userId),
    async alreadyPosted(channel, key) {
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
          return meta?.event_type === LESSON_EVENT_TYPE && meta.event_payload?.delivery === key;
        });
      } catch {
        return false;
      }
    },
    classifySendError(e) {
      const code = slackErrorCode(e);
      return code && PERMANENT_SLACK_ERRORS.has(code) ? "permanent" : "retry";
    },
    describeSendError: (e) => `slack ${slackErrorCode(e) ?? (e as Error)?.message ?? String(e)}`,
  };
}

/** Scheduled lessons (Block Kit, with the lesson's buttons) and review reminders. */
export function createSlackLessonSender(client: WebClient): LessonSender {
  return lessonSender(SLACK, slackMessenger(client));
}
