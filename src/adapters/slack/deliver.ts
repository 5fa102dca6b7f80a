// Sends core Replies to Slack. Where a reply goes is decided by where the request came from
// (a Target) and the reply's `private` flag: the first reply to a press on a question replaces
// that message (verdict in place of the widgets); replies in a thread stay in it; private
// replies are ephemeral in shared conversations; files go through files.uploadV2 (to the
// learner's DM when private, since Slack has no ephemeral files). When the response_url is
// refused (older than 30 minutes, or used 5 times: an old private quiz message), the reply goes
// another visible way: ephemeral (or, if public, a message) in the same conversation, else the
// learner's DM.
import type { RespondArguments, RespondFn, webApi } from "@slack/bolt";
import type { Logger } from "../../core/ports/logger";
import type { Reply } from "../../core/reply";
import { toMessage } from "./blocks";
import { bilingual, bothLanguages } from "../../core/messages/catalogue";

type WebClient = webApi.WebClient;

export interface Target {
  client: WebClient;
  userId: string;
  /** Conversation the request came from (absent for the App Home tab). */
  channel?: string;
  /** Post replies into this thread. */
  threadTs?: string;
  /** response_url responder (slash commands, button presses, modal submits). */
  respond?: RespondFn;
  /** The pressed message is ephemeral: everything that follows must be too. */
  ephemeralContext?: boolean;
  /** The first non-private reply replaces the pressed message. */
  replaceOriginal?: boolean;
  /** The bot can post real messages here (its own DM): threads and updates work. */
  postDirect?: boolean;
  /** Treat every reply as private (the command is declared private). */
  allPrivate?: boolean;
}

export interface Delivery {
  client: WebClient;
  logger: Logger;
}

/** Opens (or finds) the learner's DM with the bot. */
export async function dmChannel(client: WebClient, userId: string): Promise<string> {
  const res = await client.conversations.open({ users: userId });
  const id = (res.channel as { id?: string } | undefined)?.id;
  if (!id) throw new Error("conversations.open returned no channel");
  return id;
}

export async function deliver(t: Target, replies: Reply[], logger: Logger): Promise<void> {
  let first = true;
  // Once Slack refuses the response_url, the remaining replies skip it.
  let urlRefused = false;
  const respond = async (body: Record<string, unknown>, msg: Message, ephemeral: boolean) => {
    if (!urlRefused) {
      try {
        await t.respond!(body as RespondArguments);
        return;
      } catch (e) {
        urlRefused = true;
        logger.warn(
          { user: t.userId, channel: t.channel, err: (e as Error).message },
          "slack response_url failed; delivering another way",
        );
      }
    }
    await fallback(t, msg, ephemeral, logger);
  };
  for (const reply of replies) {
    const msg = toMessage(reply);
    // An explicit `private: false` overrides the command's default (a channel round from /quiz).
    const isPrivate = reply.private ?? t.allPrivate;
    const dm = t.channel?.startsWith("D") ?? false;
    const ephemeral = !!(t.ephemeralContext || (isPrivate && !dm));
    try {
      if (
        reply.private === false &&
        t.allPrivate &&
        t.channel &&
        !dm &&
        !t.threadTs &&
        !t.ephemeralContext
      ) {
        await postShared(t, msg);
      } else if (first && t.replaceOriginal && !reply.private && t.respond) {
        await respond({ ...msg, replace_original: true }, msg, ephemeral);
      } else if (t.threadTs && t.channel) {
        if (ephemeral)
          await t.client.chat.postEphemeral({
            channel: t.channel,
            user: t.userId,
            thread_ts: t.threadTs,
            ...msg,
          });
        else await t.client.chat.postMessage({ channel: t.channel, thread_ts: t.threadTs, ...msg });
      } else if (t.postDirect && t.channel && !t.ephemeralContext) {
        await t.client.chat.postMessage({ channel: t.channel, ...msg });
      } else if (t.respond) {
        await respond(
          {
            ...msg,
            response_type: ephemeral ? "ephemeral" : "in_channel",
            replace_original: false,
          },
          msg,
          ephemeral,
        );
      } else if (t.channel) {
        if (ephemeral)
          await t.client.chat.postEphemeral({ channel: t.channel, user: t.userId, ...msg });
        else await t.client.chat.postMessage({ channel: t.channel, ...msg });
      } else {
        await t.client.chat.postMessage({ channel: await dmChannel(t.client, t.userId), ...msg });
      }
      if (reply.attachments?.length) await uploadFiles(t, reply, !!isPrivate && !dm);
    } catch (e) {
      logger.error(
        { user: t.userId, channel: t.channel, err: (e as Error).message },
        "slack delivery failed",
      );
    }
    first = false;
  }
}

type Message = ReturnType<typeof toMessage>;

/**
 * The response_url was refused: the reply still has to be seen. In the conversation it came
 * from (ephemeral when it is private there, like the response would have been), else, when the
 * bot cannot post there (not a member, channel gone, no channel), in the learner's DM.
 */
async function fallback(
  t: Target,
  msg: Message,
  ephemeral: boolean,
  logger: Logger,
): Promise<void> {
  const thread = t.threadTs ? { thread_ts: t.threadTs } : {};
  if (t.channel) {
    try {
      if (ephemeral)
        await t.client.chat.postEphemeral({
          channel: t.channel,
          user: t.userId,
          ...thread,
          ...msg,
        });
      else await t.client.chat.postMessage({ channel: t.channel, ...thread, ...msg });
      return;
    } catch (e) {
      logger.warn(
        { user: t.userId, channel: t.channel, err: (e as Error).message },
        "slack fallback in the conversation failed; sending to the DM",
      );
    }
  }
  await t.client.chat.postMessage({ channel: await dmChannel(t.client, t.userId), ...msg });
}

/**
 * A public reply to a private command starts something the whole channel shares (a channel
 * round): it is a real channel message, posted by the bot like the round's later steps. When
 * the bot may not post there, the learner is told how to fix it and the reply still shows.
 */
async function postShared(t: Target, msg: Message): Promise<void> {
  try {
    await t.client.chat.postMessage({ channel: t.channel!, ...msg });
  } catch (e) {
    if (!t.respond) throw e;
    await t.respond({
      ...msg,
      response_type: "in_channel",
      replace_original: false,
    } as RespondArguments);
    await t.respond({
      response_type: "ephemeral",
      replace_original: false,
      // Sent before the learner's language is looked up: both languages.
      text: bothLanguages(bilingual("adapters.slack.deliver.cannotPostRound")),
    } as RespondArguments);
  }
}

async function uploadFiles(t: Target, reply: Reply, toDm: boolean): Promise<void> {
  const channel =
    toDm || !t.channel || t.ephemeralContext ? await dmChannel(t.client, t.userId) : t.channel;
  await t.client.files.uploadV2({
    channel_id: channel,
    ...(t.threadTs && channel === t.channel ? { thread_ts: t.threadTs } : {}),
    file_uploads: (reply.attachments ?? []).map((a) => ({
      file: Buffer.from(a.data),
      filename: a.filename,
      title: a.description ?? a.filename,
    })),
  });
}
