// The LessonSender every platform gets, built on its Messenger: scheduled lessons go to the
// subscription's channel or, for a learner's own subscription, their DM; review reminders to
// DMs. Written once: the DM lookup (cached, forgotten after a failure), the crash takeover check
// (a post with the delivery's key already there is not posted again), and turning a platform
// failure into a SendError that is permanent when no retry can help.
import type { LearnerKey } from "../../core/ports/learners";
import { SendError, type DeliveryRef, type LessonSender } from "../../core/ports/lesson-sender";
import type { Reply } from "../../core/reply";
import type { Messenger, PlatformIdentity, SendFailure } from "./contract";

/** DM channel ids are stable per user; remembering them saves a request per post. */
const DM_CACHE_MAX = 10_000;

/** A platform failure as the scheduler's SendError (permanent: it is not retried). */
export function sendError(failure: SendFailure, message: string): SendError {
  return new SendError(message, failure === "permanent");
}

const failed = (messenger: Messenger, e: unknown, where: string) =>
  sendError(messenger.classifySendError(e), `${where}: ${messenger.describeSendError(e)}`);

export function lessonSender(platform: PlatformIdentity, messenger: Messenger): LessonSender {
  const dms = new Map<string, string>();

  async function dm(userId: string): Promise<string> {
    const known = dms.get(userId);
    if (known) return known;
    try {
      const channel = await messenger.openDm(userId);
      if (dms.size >= DM_CACHE_MAX) dms.clear();
      dms.set(userId, channel);
      return channel;
    } catch (e) {
      throw failed(messenger, e, `DM to user ${userId}`);
    }
  }

  async function post(channel: string, reply: Reply, delivery: DeliveryRef | undefined) {
    // A takeover of a claim whose instance died mid-send: that post may be there already.
    if (delivery?.takeover && (await messenger.alreadyPosted?.(channel, delivery.id))) return;
    try {
      // Scheduled posts are public in their target (a channel, or the learner's own DM).
      await messenger.post(
        { channelId: channel },
        { ...reply, private: false },
        {
          key: delivery?.id,
        },
      );
    } catch (e) {
      throw failed(messenger, e, `channel ${channel}`);
    }
  }

  return {
    platform: platform.name,
    textOnly: platform.capabilities.textOnly,
    async send(sub, reply, delivery) {
      const r = { ...reply, locale: reply.locale ?? sub.locale };
      if (!sub.learnerExternalId) return post(sub.channelId, r, delivery);
      const channel = await dm(sub.learnerExternalId);
      try {
        await post(channel, r, delivery);
      } catch (e) {
        dms.delete(sub.learnerExternalId); // the next attempt asks the platform again
        throw e;
      }
    },
    async sendDirect(learner: LearnerKey, reply: Reply) {
      const channel = await dm(learner.externalId);
      try {
        await post(channel, reply, undefined);
      } catch (e) {
        dms.delete(learner.externalId);
        throw e;
      }
    },
  };
}
