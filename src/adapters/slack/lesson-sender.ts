// LessonSender for Slack: posts scheduled lessons (Block Kit, with the lesson's buttons) to the
// subscription's channel or, for a personal subscription, to the learner's DM; and review
// reminders as DMs. Slack errors that retrying cannot fix (channel gone, bot not in it, archived,
// user deactivated) become permanent SendErrors; everything else is thrown and retried by the
// scheduler. Rate limits (429 + Retry-After) are waited out by the WebClient itself.
import type { webApi } from "@slack/bolt";
import type { LearnerKey } from "../../core/ports/learners";
import { SendError, type LessonSender } from "../../core/ports/lesson-sender";
import type { SubscriptionRecord } from "../../core/ports/schedule";
import type { Reply } from "../../core/reply";
import { toMessage } from "./blocks";
import { dmChannel } from "./deliver";

type WebClient = webApi.WebClient;

/** Slack error codes after which the same message can never be posted to that target. */
export const PERMANENT_SLACK_ERRORS = new Set([
  "channel_not_found", "not_in_channel", "is_archived", "account_inactive",
  "user_not_found", "user_disabled", "cannot_dm_bot", "restricted_action", "team_access_not_granted",
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

export function createSlackLessonSender(client: WebClient): LessonSender {
  async function post(channel: string, reply: Reply): Promise<void> {
    // Scheduled posts are public in their target (a channel, or the learner's own DM).
    const msg = toMessage({ ...reply, private: false });
    await client.chat.postMessage({ channel, ...msg, unfurl_links: false, unfurl_media: false });
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
    async send(sub: SubscriptionRecord, reply: Reply) {
      const channel = sub.learnerExternalId ? await dm(sub.learnerExternalId) : sub.channelId;
      try {
        await post(channel, reply);
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
