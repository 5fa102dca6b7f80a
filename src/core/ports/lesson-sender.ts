// The port each platform implements to post scheduled messages (lessons and review reminders)
// outside of any request. The scheduler picks the sender by subscription.platform.
import type { LearnerKey } from "./learners";
import type { SubscriptionRecord } from "./schedule";
import type { Reply } from "../reply";

/** Which scheduled delivery a post is, so a re-post after a crash can be recognised. */
export interface DeliveryRef {
  /** The delivery row's id: the same for every attempt at one occurrence. */
  id: string;
  /** This attempt takes over a claim whose instance died mid-send: that post may have gone out. */
  takeover: boolean;
}

export interface LessonSender {
  /** The platform this sender posts to (subscription.platform names it). */
  readonly platform: string;
  /** The platform shows text only (no buttons): lessons are sent without their buttons. */
  readonly textOnly?: boolean;
  /**
   * Posts the reply to the subscription's target: subscription.channelId, or, when
   * subscription.learnerExternalId is set, that learner's DM. Resolve only once the platform
   * accepted the message. Throw to fail the attempt (it is retried with backoff); throw a
   * SendError with permanent = true when retrying cannot help (channel gone, bot removed).
   * Honour the platform's rate limits (wait for retry_after) inside send.
   * `delivery` names the scheduled delivery (absent for hand-posted lessons): a sender should make
   * a second post of the same delivery a no-op where the platform allows it (Discord's nonce), or
   * look for the first one on a takeover (Slack's channel history).
   */
  send(subscription: SubscriptionRecord, reply: Reply, delivery?: DeliveryRef): Promise<void>;
  /** Posts a direct message to one learner (review reminders). Same error rules. */
  sendDirect(learner: LearnerKey, reply: Reply): Promise<void>;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = "SendError";
  }
}
