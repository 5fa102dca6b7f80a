// Gateway mode: a discord.js Client receives interactions as raw JSON (handed to the same
// translation layer as HTTP mode; the first response goes to the REST callback endpoint) and,
// when the Message Content intent is granted, messages typed in the bot's own threads, which
// go to the tutor through bot.handleText with the thread as context.
import { identityFields } from "../platform/contract";
import { DISCORD } from "./identity";
import { Client, Events, GatewayIntentBits, type APIInteraction, type Message } from "discord.js";
import type { Actor } from "../../core/actor";
import type { Bot } from "../../core/bot";
import type { Logger } from "../../core/ports/logger";
import { localeFromTag } from "../../core/i18n";
import { isAdminPermissions } from "./actor";
import type { Respond } from "./interactions";
import { answerInThread } from "./thread-replies";
import type { DiscordRest } from "./rest";

export interface Gateway {
  client: Client;
  contentIntent: boolean;
  stop(): Promise<void>;
}

/**
 * Discord refused the bot token: GET /gateway/bot answered 401 (discord.js: TokenInvalid) or the
 * gateway closed with 4004 (discord.js: "Authentication failed"). Retrying cannot help, so the
 * gateway stays off until the token is fixed and the app restarted.
 */
export class GatewayTokenRejected extends Error {
  constructor(detail: string) {
    super(
      `Discord rejected DISCORD_TOKEN (${detail}): the gateway stays off until DISCORD_TOKEN is corrected ` +
        "(Developer Portal > Bot > Reset Token) and the app restarted; HTTP interactions, if configured, keep working",
    );
    this.name = "GatewayTokenRejected";
  }
}

const errText = (e: unknown) => String((e as Error)?.message ?? e);
const tokenRejected = (e: unknown) =>
  (e as { code?: string })?.code === "TokenInvalid" ||
  /authentication failed|invalid token/i.test(errText(e));

type Handle = (i: APIInteraction, respond: Respond) => Promise<void>;

function makeClient(withContent: boolean, apiUrl?: string): Client {
  const intents = [
    GatewayIntentBits.Guilds,
    GatewayIntentBits.GuildMessages,
    ...(withContent ? [GatewayIntentBits.MessageContent] : []),
  ];
  return new Client({ intents, ...(apiUrl ? { rest: { api: apiUrl.replace(/\/$/, "") } } : {}) });
}

async function onThreadMessage(
  msg: Message,
  client: Client,
  bot: Bot,
  rest: DiscordRest,
  logger: Logger,
) {
  if (
    msg.author.bot ||
    !msg.channel.isThread() ||
    msg.channel.ownerId !== client.user?.id ||
    !msg.content.trim()
  )
    return;
  const actor: Actor = {
    ...identityFields(DISCORD),
    workspaceId: msg.guildId ?? "",
    userId: msg.author.id,
    displayName: msg.member?.displayName ?? msg.author.globalName ?? msg.author.username,
    channelId: msg.channelId,
    threadId: msg.channelId,
    // Messages carry no user locale; the server's preferred locale is the best hint (a learner's own choice wins in the core).
    platformLocale: msg.guild?.preferredLocale
      ? localeFromTag(msg.guild.preferredLocale)
      : undefined,
    isAdmin: isAdminPermissions(msg.member?.permissions.bitfield.toString()),
    isDirectMessage: false,
  };
  try {
    await answerInThread({ bot, rest, logger }, actor, msg.content, {
      channelId: msg.channelId,
      messageId: msg.id,
    });
  } catch (e) {
    logger.error({ err: String(e), channel: msg.channelId }, "thread reply failed");
  }
}

/** Logs in; asks for Message Content first and falls back without it when it is not enabled. */
export async function startGateway(opts: {
  token: string;
  apiUrl?: string;
  bot: Bot;
  rest: DiscordRest;
  handle: Handle;
  logger: Logger;
}): Promise<Gateway> {
  const { logger } = opts;
  const attach = (client: Client) => {
    client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
      if (packet.t !== "INTERACTION_CREATE") return;
      const i = packet.d as APIInteraction;
      const respond: Respond = (body) => opts.rest.callback(i.id, i.token, body);
      opts
        .handle(i, respond)
        .catch((e) => logger.error({ err: String(e) }, "discord interaction failed"));
    });
    client.on(
      Events.MessageCreate,
      (msg) => void onThreadMessage(msg, client, opts.bot, opts.rest, logger),
    );
    client.on(Events.Error, (e) => logger.error({ err: e.message }, "discord gateway error"));
  };
  for (const withContent of [true, false]) {
    const client = makeClient(withContent, opts.apiUrl);
    attach(client);
    try {
      await client.login(opts.token);
      logger.info(
        { user: client.user?.tag, messageContent: withContent, shard: client.shard?.ids },
        "discord gateway connected",
      );
      return { client, contentIntent: withContent, stop: () => client.destroy() };
    } catch (e) {
      await client.destroy();
      if (tokenRejected(e))
        throw new GatewayTokenRejected(
          errText(e) === "Authentication failed" ? "gateway close code 4004" : errText(e),
        );
      const disallowed = /disallowed intents|4014/i.test(errText(e));
      if (!withContent || !disallowed) throw e;
      logger.warn(
        { closeCode: 4014 },
        "Message Content intent not enabled for this application (gateway close 4014): " +
          "connecting without it. Lost: replies typed in the bot's threads are not read (no tutor answers there); " +
          "Ask about this opens a modal instead of a thread. Slash commands, buttons and modals work as before",
      );
    }
  }
  throw new Error("unreachable");
}
