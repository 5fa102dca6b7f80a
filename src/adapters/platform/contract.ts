// The platform contract: what every chat platform (Discord, Slack, the terminal) implements so
// that delivery (streaming, channel rounds, lessons, reminders) is written once, in this folder,
// on top of a few primitives. Modelled on Vercel Chat SDK's `Adapter` (postMessage, editMessage,
// deleteMessage, openDM, optional capabilities): required primitives every platform has, optional
// ones declared by `capabilities` so the shared code degrades instead of asking "which platform?".
import type { Actor, Capabilities, PlatformTerms } from "../../core/actor";
import type { Bot } from "../../core/bot";
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { Reply } from "../../core/reply";
import type { RoundSteps } from "../../core/rounds/channel-round";

export type { Capabilities, PlatformTerms };

/** Who the platform is: its storage name, what it can do, its own words for admins and tokens. */
export interface PlatformIdentity {
  /** Stored with learners and subscriptions; never compared in core. */
  readonly name: string;
  readonly capabilities: Capabilities;
  readonly terms?: PlatformTerms;
}

/** The actor fields a platform always sets from its identity. */
export function identityFields(
  p: PlatformIdentity,
): Pick<Actor, "platform" | "capabilities"> & Partial<Pick<Actor, "terms">> {
  return { platform: p.name, capabilities: p.capabilities, ...(p.terms ? { terms: p.terms } : {}) };
}

/** Where a message goes: a channel (a DM channel too), or a reply handle when the platform can
 *  only post through the request that started it (a Discord interaction token). */
export interface Target {
  channelId: string;
  threadId?: string;
  /** Actor.replyRef saved with the work (channel rounds without a bot token). */
  replyRef?: string;
}

/** A posted message, as the platform names it, so it can be edited or deleted. */
export interface MessageRef {
  channelId: string;
  /** Absent when the platform did not say (a webhook follow-up). */
  id?: string;
}

export interface PostOptions {
  /** The same key for the same logical post: a second post with it is a no-op where the platform
   *  allows (Discord's nonce) or can be found again (Slack's message metadata). */
  key?: string;
}

/** After a failed send: try again later, or never (channel gone, bot removed, DMs closed). */
export type SendFailure = "retry" | "permanent";

/** The primitives the shared delivery code (channel rounds, lessons, reminders) is built on:
 *  posting outside any request. Edits and deletions of a request's own messages (a streamed
 *  answer, a placeholder) go through that request's StreamSink (stream.ts), since on Discord only
 *  the interaction token may edit them. Replies given here are public in their target. */
export interface Messenger {
  post(target: Target, reply: Reply, opts?: PostOptions): Promise<MessageRef>;
  /** The DM channel with one user (opened when there is none). */
  openDm(userId: string): Promise<string>;
  /** Whether a post with this key is already in the channel (a crash mid-post, taken over). */
  alreadyPosted?(channelId: string, key: string): Promise<boolean>;
  /** Which failure this is (see SendFailure). */
  classifySendError(e: unknown): SendFailure;
  /** A short description of the failure for logs and the delivery row (never a token). */
  describeSendError(e: unknown): string;
}

/** The full contract of one platform. */
export interface Platform extends PlatformIdentity {
  readonly messenger: Messenger;
}

/** Channel rounds as the adapters see them: the core's round steps (not Services). */
export type RoundsPort = RoundSteps;

/** What adapters may ask of the core: the bot's front door (every call behind its error
 *  boundary and metrics) and the declarations of its commands and actions. No App, no Services:
 *  adapters translate, the core decides. */
export type BotPort = Pick<
  Bot,
  "commands" | "actions" | "action" | "handleCommand" | "handleAction" | "handleText" | "courseFor"
>;

/** A started platform, as the registry keeps it. */
export interface RunningPlatform {
  readonly name: string;
  /** Posts scheduled lessons and reminders, when this instance can. */
  readonly sender?: LessonSender;
  /** Advances due channel rounds now and posts their steps. */
  tick?(): Promise<void>;
  /** Stops taking work, then waits up to drainMs for work already accepted. */
  stop(drainMs: number): Promise<void>;
}

/** What a full chat platform can do (Discord and Slack alike): buttons, edits, threads, forms,
 *  messages only the asker sees, many conversations. */
export const CHAT_CAPABILITIES: Capabilities = {
  textOnly: false,
  edits: true,
  threads: true,
  forms: true,
  ephemeral: true,
  oneConversation: false,
};
