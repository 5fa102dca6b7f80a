// Bolt listeners: Slack events in, core calls out. Every listener acknowledges first (Slack
// wants an answer within 3 s), then asks the core, then delivers the replies. Slash commands
// arrive as text and go through the core's command-line parser (bot.handleText), so any
// command in the registry works without code here. Replies through a response_url use our own
// responder (response-url.ts), which also notices an {ok:false} answer, so delivery can fall
// back when Slack refuses an old URL.
import type { App, RespondFn, webApi } from "@slack/bolt";
import type { Actor } from "../../core/actor";
import type { BotPort } from "../platform/contract";
import type { Logger } from "../../core/ports/logger";
import { ANSWER_BLOCK, ANSWER_INPUT, ANSWER_VIEW, answerModal, readMeta } from "./answer-modal";
import { downloadFailedText, downloadFile } from "../files/download";
import { FILE_VIEW, fileModal, readFileMeta, submittedFile } from "./file-modal";
import { deliver, dmChannel } from "./deliver";
import { HOME_ACTION, buildHome, settingsChange } from "./home";
import type { People } from "./people";
import {
  messageStream,
  placeholderText,
  responseUrlStream,
  type ProgressStream,
} from "./streaming";
import {
  PICK_ACTION,
  QUESTION_BLOCK,
  SUFFIX,
  TYPE_ACTION,
  picksFromState,
} from "./question-blocks";
import { responder } from "./response-url";
import { notRegisteredText, routeSlash, type SlashSettings } from "./slash-command";

type WebClient = webApi.WebClient;

export interface ListenerDeps {
  bot: BotPort;
  people: People;
  logger: Logger;
  /** Channel rounds: advanced right after an answer too, not only on the next tick. */
  rounds?: { tick(): Promise<void> };
  /** The slash command namespace (/coursebot quiz) and whether top-level aliases are answered. */
  slash: SlashSettings;
  /** Downloads files users upload (url_private needs the bot token). */
  botToken?: string;
}

interface Container {
  type?: string;
  message_ts?: string;
  thread_ts?: string;
  channel_id?: string;
  is_ephemeral?: boolean;
}
interface ActionBody {
  type: string;
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string };
  container?: Container;
  trigger_id?: string;
  response_url?: string;
  message?: { text?: string; ts?: string; thread_ts?: string };
  state?: { values?: Record<string, Record<string, unknown>> };
}
interface ActionPayload {
  action_id: string;
  block_id?: string;
  value?: string;
  selected_option?: { value: string } | null;
}

/** What every listener shares: the deps, the DM lookup and the error guard. */
interface Listening {
  bot: BotPort;
  people: People;
  logger: Logger;
  deps: ListenerDeps;
  /** Whether the channel is the user's own DM with the bot (commands there get real messages). */
  isOwnDm(client: WebClient, userId: string, channelId: string): Promise<boolean>;
  /** Runs a listener's work; a failure is logged, never thrown at Bolt. */
  guard(what: string, fn: () => Promise<void>): Promise<void>;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const { bot, people, logger } = deps;
  /** Per user: the id of their DM with the bot (so commands typed there get real messages). */
  const ownDm = new Map<string, string>();

  async function isOwnDm(client: WebClient, userId: string, channelId: string): Promise<boolean> {
    if (!channelId.startsWith("D")) return false;
    if (!ownDm.has(userId)) ownDm.set(userId, await dmChannel(client, userId).catch(() => ""));
    return ownDm.get(userId) === channelId;
  }

  const guard = (what: string, fn: () => Promise<void>) =>
    fn().catch((e) =>
      logger.error(
        { what, err: e instanceof Error ? e.message : String(e) },
        "slack listener failed",
      ),
    );
  const l: Listening = { bot, people, logger, deps, isOwnDm, guard };
  onSlashCommand(app, l);
  onAction(app, l);
  onAnswerForm(app, l);
  onFileForm(app, l);
  onMessage(app, l);
  onHomeOpened(app, l);
}

// Slash commands: "/coursebot" + "quiz topic:units 2" (or, with aliases, "/quiz" + "topic:units 2")
// → the core's parser, whatever the command.
function onSlashCommand(app: App, l: Listening): void {
  const { bot, people, logger, guard, deps } = l;
  app.command(/^\/[a-z0-9_-]+$/i, async ({ command, ack, client }) => {
    await ack();
    await guard("command", async () => {
      const respond = responder(command.response_url);
      const route = routeSlash(command.command, command.text ?? "", deps.slash, bot.commands);
      if ("notRegistered" in route) {
        await respond({
          response_type: "ephemeral",
          text: notRegisteredText(route.notRegistered, deps.slash),
        });
        return;
      }
      const name = route.name;
      const actor = await people.actor(client, {
        teamId: command.team_id,
        userId: command.user_id,
        channelId: command.channel_id,
      });
      const def = bot.commands.find((c) => c.name === name);
      const postDirect = await l.isOwnDm(client, command.user_id, command.channel_id);
      const target = {
        client,
        userId: command.user_id,
        channel: command.channel_id,
        respond,
        postDirect,
        allPrivate: def?.private,
      };
      let stream: ProgressStream | undefined;
      if (def?.streams) {
        stream = postDirect
          ? messageStream({ client, channel: command.channel_id, privateOk: true, logger })
          : responseUrlStream({ respond, ephemeral: !!def?.private, logger });
        await stream.start(placeholderText(actor.platformLocale));
      }
      const replies = await bot.handleText(
        actor,
        `/${name} ${route.text}`.trim(),
        stream ? { onProgress: (p) => stream.onProgress(p) } : undefined,
      );
      if (stream) await stream.finish(replies, (rest) => deliver(target, rest, logger));
      else if (!(await askForFile(l, client, command, replies, actor.platformLocale)))
        await deliver(target, replies, logger);
    });
  });
}

/** A command that needs a file opens the file form; false when there is none to open. */
async function askForFile(
  l: Listening,
  client: WebClient,
  command: { trigger_id?: string; response_url: string; channel_id: string },
  replies: Awaited<ReturnType<BotPort["handleText"]>>,
  locale: Actor["platformLocale"],
): Promise<boolean> {
  const ask = replies.find((r) => r.fileRequest);
  if (!ask?.fileRequest || !command.trigger_id) return false;
  const { command: cmd, sub, option, title } = ask.fileRequest;
  const meta = { cmd, sub, opt: option, r: command.response_url, c: command.channel_id };
  try {
    await client.views.open({
      trigger_id: command.trigger_id,
      view: fileModal(meta, title, ask.text, ask.locale ?? locale ?? "en") as never,
    });
    return true;
  } catch (e) {
    // The trigger lives 3 s: when it has expired, the reply's text says what to do instead.
    l.logger.warn({ err: (e as Error).message }, "slack file form could not be opened");
    return false;
  }
}

// Buttons and menus.
function onAction(app: App, l: Listening): void {
  const { bot, people, logger, guard, deps } = l;
  app.action(/.*/, async ({ ack, body, action, client }) => {
    await ack();
    if (body.type !== "block_actions") return;
    await guard("action", async () => {
      const b = body as unknown as ActionBody;
      const respond = b.response_url ? responder(b.response_url) : undefined;
      const a = action as unknown as ActionPayload;
      const id = a.action_id;
      if (id.startsWith(PICK_ACTION)) return; // kept in the message state until Submit
      const teamId = b.team?.id ?? b.user.team_id ?? "";
      const channelId = b.channel?.id ?? b.container?.channel_id;
      const ctr = b.container ?? {};
      if (id.startsWith(HOME_ACTION))
        return homeChoice(l, client, teamId, b.user.id, id, a.selected_option?.value ?? "");
      if (id === TYPE_ACTION) {
        const locale = (await people.lookup(client, teamId, b.user.id)).locale ?? "en";
        const meta = { a: a.value ?? "", r: b.response_url, c: channelId, e: !!ctr.is_ephemeral };
        await client.views.open({
          trigger_id: b.trigger_id!,
          view: answerModal(meta, b.message?.text ?? "", locale),
        });
        return;
      }
      const [coreId, suffix] = id.split(SUFFIX);
      const input =
        suffix === "submit"
          ? { values: picksFromState(b.state) }
          : suffix !== undefined
            ? { values: [a.value ?? ""] }
            : a.selected_option
              ? { values: [a.selected_option.value] }
              : {};
      // How to carry the action is declared with it (ActionDef), not known here by name.
      const declared = bot.action(coreId).def;
      if (declared?.opensThread) return threaded(l, client, teamId, b, coreId, respond);
      const actor = await people.actor(client, {
        teamId,
        userId: b.user.id,
        channelId,
        threadId: ctr.thread_ts,
      });
      const replies = await bot.handleAction(actor, coreId, input);
      const onQuestion = a.block_id?.startsWith(`${QUESTION_BLOCK}.`) ?? false;
      await deliver(
        {
          client,
          userId: b.user.id,
          channel: channelId,
          respond,
          ephemeralContext: !!ctr.is_ephemeral,
          replaceOriginal: onQuestion,
          threadTs: ctr.thread_ts,
          allPrivate: declared?.private,
        },
        replies,
        logger,
      );
      if (declared?.advancesRounds) void deps.rounds?.tick();
    });
  });
}

// The typed-answer modal.
function onAnswerForm(app: App, l: Listening): void {
  const { bot, people, logger, guard } = l;
  app.view(ANSWER_VIEW, async ({ ack, view, body, client }) => {
    await ack();
    await guard("view", async () => {
      const meta = readMeta(view.private_metadata);
      if (!meta) return;
      const text =
        (view.state.values[ANSWER_BLOCK]?.[ANSWER_INPUT] as { value?: string | null } | undefined)
          ?.value ?? "";
      const actor = await people.actor(client, {
        teamId: body.team?.id ?? body.user.team_id ?? "",
        userId: body.user.id,
        channelId: meta.c,
      });
      const replies = await bot.handleAction(actor, meta.a, { text });
      await deliver(
        {
          client,
          userId: body.user.id,
          channel: meta.c,
          respond: meta.r ? responder(meta.r) : undefined,
          ephemeralContext: meta.e,
          replaceOriginal: true,
        },
        replies,
        logger,
      );
    });
  });
}

// The file form (see file-modal.ts): download the file with the bot token, run the command.
function onFileForm(app: App, l: Listening): void {
  const { bot, people, logger, guard, deps } = l;
  app.view(FILE_VIEW, async ({ ack, view, body, client }) => {
    await ack();
    await guard("file view", async () => {
      const meta = readFileMeta(view.private_metadata);
      if (!meta) return;
      const actor = await people.actor(client, {
        teamId: body.team?.id ?? body.user.team_id ?? "",
        userId: body.user.id,
        channelId: meta.c,
      });
      const target = {
        client,
        userId: body.user.id,
        channel: meta.c,
        respond: meta.r ? responder(meta.r) : undefined,
        allPrivate: bot.commands.find((c) => c.name === meta.cmd)?.private,
      };
      const file = submittedFile(view.state.values as Record<string, Record<string, unknown>>);
      let args: Record<string, unknown> = {};
      if (file) {
        try {
          args = {
            [meta.opt]: await downloadFile(file.url, file.name, {
              headers: deps.botToken ? { authorization: `Bearer ${deps.botToken}` } : {},
            }),
          };
        } catch (e) {
          logger.warn({ err: String(e) }, "slack file download failed");
          const text = downloadFailedText(e, actor.platformLocale ?? "en");
          await deliver(target, [{ text, tone: "warning", private: true }], logger);
          return;
        }
      }
      const replies = await bot.handleCommand(actor, meta.cmd, args, meta.sub);
      await deliver(target, replies, logger);
    });
  });
}

// Messages: everything in the bot's DM; in channels only thread replies under the bot's posts.
function onMessage(app: App, l: Listening): void {
  const { bot, people, logger, guard } = l;
  app.event("message", async ({ event, client, context, body }) => {
    await guard("message", async () => {
      const e = event as {
        subtype?: string;
        bot_id?: string;
        user?: string;
        text?: string;
        ts: string;
        thread_ts?: string;
        parent_user_id?: string;
        channel: string;
        channel_type?: string;
        team?: string;
      };
      if (e.subtype || e.bot_id || !e.user) return; // edits, joins, other bots
      const inThread = !!e.thread_ts && e.thread_ts !== e.ts;
      if (
        e.channel_type !== "im" &&
        !(inThread && e.parent_user_id && e.parent_user_id === context.botUserId)
      )
        return;
      const teamId = e.team ?? (body as { team_id?: string }).team_id ?? "";
      const threadTs = inThread ? e.thread_ts : undefined;
      const actor = await people.actor(client, {
        teamId,
        userId: e.user,
        channelId: e.channel,
        threadId: threadTs,
      });
      // Text in a thread goes to the tutor: show a placeholder at once and stream into it.
      // Other DM text may be a quiz answer: a message appears only if the tutor starts streaming.
      const text = e.text ?? "";
      const stream = messageStream({
        client,
        channel: e.channel,
        threadTs,
        privateOk: e.channel_type === "im",
        logger,
      });
      if (inThread && !text.trim().startsWith("/"))
        await stream.start(placeholderText(actor.platformLocale));
      const replies = await bot.handleText(actor, text, {
        onProgress: (p) => stream.onProgress(p),
      });
      await stream.finish(replies, (rest) =>
        deliver({ client, userId: e.user!, channel: e.channel, threadTs }, rest, logger),
      );
    });
  });
}

// App Home.
function onHomeOpened(app: App, l: Listening): void {
  const { bot, people, guard } = l;
  app.event("app_home_opened", async ({ event, client, body }) => {
    await guard("home", async () => {
      if (event.tab !== "home") return;
      const teamId = (body as { team_id?: string }).team_id ?? "";
      const actor = await people.actor(client, { teamId, userId: event.user });
      await client.views.publish({
        user_id: event.user,
        view: (await buildHome(bot, actor)) as never,
      });
    });
  });
}

/** Tutor answers go in a thread: under the pressed message, or (ephemeral) in the learner's DM. */
async function threaded(
  l: Listening,
  client: WebClient,
  teamId: string,
  b: ActionBody,
  coreId: string,
  respond: RespondFn | undefined,
) {
  const { bot, people, logger } = l;
  const ctr = b.container ?? {};
  let channel = ctr.channel_id ?? b.channel?.id;
  let threadTs = ctr.thread_ts ?? ctr.message_ts;
  const person = await people.lookup(client, teamId, b.user.id);
  const zh = person.locale === "zh";
  if (ctr.is_ephemeral || !channel || !threadTs) {
    channel = await dmChannel(client, b.user.id);
    const root = await client.chat.postMessage({
      channel,
      text: zh
        ? "💬 关于这道题的提问——在这个话题串里继续追问。"
        : "💬 About that question — reply in this thread to keep asking.",
    });
    threadTs = root.ts;
    // Only a pointer: the answer itself is in the DM thread, so a refused (old) response_url may not stop it.
    await respond?.({
      response_type: "ephemeral",
      replace_original: false,
      text: zh
        ? "我在私信里回答了你，可以在那个话题串里继续追问。"
        : "I answered in our DM; reply in that thread to keep asking.",
    }).catch((e: Error) =>
      logger.warn(
        { user: b.user.id, err: e.message },
        "slack response_url failed; the answer is in the DM thread",
      ),
    );
  }
  const actor: Actor = await people.actor(client, {
    teamId,
    userId: b.user.id,
    channelId: channel,
    threadId: threadTs,
  });
  const replies = await bot.handleAction(actor, coreId, {});
  await deliver({ client, userId: b.user.id, channel, threadTs }, replies, logger);
}

async function homeChoice(
  l: Listening,
  client: WebClient,
  teamId: string,
  userId: string,
  id: string,
  value: string,
) {
  const { bot, people } = l;
  const change = settingsChange(id, value);
  const actor = await people.actor(client, { teamId, userId });
  const notice = change
    ? (await bot.handleCommand(actor, "settings", change.args, change.sub))
        .map((r) => r.text)
        .join("\n")
    : undefined;
  await client.views.publish({
    user_id: userId,
    view: (await buildHome(bot, actor, notice)) as never,
  });
}
