// The mode-agnostic translation layer: one Discord interaction (raw JSON, from the gateway or
// the HTTP endpoint) → a core call → Discord responses. `respond` sends the first response (HTTP
// body or REST callback); follow-ups and edits go through REST. The core decides everything;
// this file only picks widgets, defers slow calls and routes ids.
import { actionId } from "../../core/commands/action-ids";
import {
  ApplicationCommandOptionType,
  ChannelType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteraction,
  type APIInteraction,
} from "discord.js";
import type { Actor } from "../../core/actor";
import type { BotPort } from "../platform/contract";
import type { ActionInput, CommandOption } from "../../core/commands/types";
import { suggest } from "../../core/commands/suggest";
import type { CourseIndex } from "../../core/content/model";
import { tr, type Locale } from "../../core/i18n";
import type { Logger } from "../../core/ports/logger";
import { downloadFile, downloadFailedText } from "../files/download";
import { actorFromInteraction } from "./actor";
import { parseCustomId } from "./custom-ids";
import type { DiscordRest } from "./rest";
import { deliver as deliverTo, type Respond, type Source } from "./deliver-interaction";
import { answerModal, lessonQuestionModal, NO_MENTIONS, questionModal, toMessage } from "./render";

export interface InteractionDeps {
  bot: BotPort;
  index: CourseIndex;
  rest: DiscordRest;
  logger: Logger;
  /** How long to wait for the core before deferring; 0 defers every command and component. */
  deferAfterMs: number;
  /** True when messages typed in a thread reach us (gateway with the Message Content intent). */
  threadsAvailable: () => boolean;
  /** Work that continues after the first response (follow-ups); awaited on shutdown. */
  track: (p: Promise<unknown>) => void;
  /** Runs after each interaction (advances channel rounds whose time is up). */
  afterInteraction?: () => void;
  /** Deferred interactions whose answer is still being worked on (token → locale), so shutdown
   *  can tell them to try again when its time runs out. */
  unfinished?: Map<string, Locale>;
}

export type { Respond };

type DeliverArgs = Parameters<typeof deliverTo> extends [unknown, ...infer R] ? R : never;
type RawOption = {
  name: string;
  type: number;
  value?: unknown;
  focused?: boolean;
  options?: RawOption[];
};

/** How long Discord accepts follow-ups through an interaction's token (its webhook). */
export const INTERACTION_TOKEN_LIFETIME_MS = 15 * 60_000;
const THREADABLE = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);
const l = (locale: Locale, zh: string, en: string) => (locale === "zh" ? zh : en);

/** A command's options as sent (context-menu commands have none). */
const optionsOf = (data: object): RawOption[] | undefined =>
  "options" in data ? (data.options as RawOption[] | undefined) : undefined;

/** Subcommand name and flat args from a slash command's (possibly nested) options. */
export function readOptions(options: RawOption[] | undefined): {
  sub?: string;
  args: Record<string, unknown>;
  focused?: RawOption;
} {
  let list = options ?? [];
  let sub: string | undefined;
  while (
    list.length === 1 &&
    (list[0].type === ApplicationCommandOptionType.Subcommand ||
      list[0].type === ApplicationCommandOptionType.SubcommandGroup)
  ) {
    sub = list[0].name;
    list = list[0].options ?? [];
  }
  const args: Record<string, unknown> = {};
  let focused: RawOption | undefined;
  for (const o of list) {
    args[o.name] = o.value;
    if (o.focused) focused = o;
  }
  return { sub, args, focused };
}

export function createInteractionHandler(deps: InteractionDeps) {
  const { bot, rest, logger } = deps;
  const deliver = (...a: DeliverArgs) => deliverTo(deps, ...a);

  /** "Ask about this": a thread where replies reach the tutor, or a modal where that is impossible. */
  async function askAbout(
    i: APIInteraction,
    respond: Respond,
    actor: Actor,
    action: string,
    locale: Locale,
  ) {
    const [questionId = ""] = bot.action(action).parts;
    const canThread =
      deps.threadsAvailable() &&
      rest.hasBotToken &&
      !!i.guild_id &&
      i.channel?.type !== undefined &&
      THREADABLE.has(i.channel.type) &&
      !!actor.channelId;
    if (!canThread) {
      await respond(modal(questionModal(questionId, locale)));
      return;
    }
    await respond({
      type: InteractionResponseType.DeferredChannelMessageWithSource,
      data: { flags: MessageFlags.Ephemeral },
    });
    deps.track(
      (async () => {
        const thread = await rest.createThread(
          actor.channelId!,
          `${l(locale, "提问", "Question")} ${questionId} · ${actor.displayName ?? ""}`.trim(),
        );
        const inThread: Actor = { ...actor, channelId: thread.id, threadId: thread.id };
        for (const r of await bot.handleAction(inThread, action, {}))
          await rest.channelMessage(thread.id, toMessage(r, locale));
        await rest.editOriginal(
          i.token,
          toMessage(
            {
              text: l(
                locale,
                `已开帖：<#${thread.id}>，在帖子里直接提问即可。`,
                `Thread opened: <#${thread.id}>. Ask your questions there.`,
              ),
              tone: "info",
            },
            locale,
          ),
        );
      })().catch((e) =>
        logger.error({ err: String(e), interaction: i.id }, "discord thread failed"),
      ),
    );
  }

  async function onCommand(
    i: APIApplicationCommandInteraction,
    respond: Respond,
    actor: Actor,
    locale: Locale,
  ) {
    const { sub, args } = readOptions(optionsOf(i.data));
    const cmd = bot.commands.find((c) => c.name === i.data.name);
    const source: Source = { kind: "command", ephemeral: cmd?.private ?? true };
    // Without a bot token, the interaction's token is the only way to post here later, and it
    // lives 15 minutes: the core refuses what could outlast it (channel rounds).
    const window = rest.hasBotToken ? {} : { replyWindowMs: INTERACTION_TOKEN_LIFETIME_MS };
    const fileOptions = (
      (sub ? cmd?.subcommands?.find((s) => s.name === sub)?.options : cmd?.options) ?? []
    ).filter((o) => o.type === "attachment");
    await deliver(
      i,
      respond,
      source,
      async (req) => {
        // An attachment option's value is an id into data.resolved: the core gets the file's bytes.
        for (const o of fileOptions) {
          const ref = args[o.name];
          if (typeof ref !== "string") continue;
          const att = resolvedAttachments(i.data)?.[ref];
          if (!att) {
            args[o.name] = undefined;
            continue;
          }
          try {
            args[o.name] = await downloadFile(att.url, att.filename);
          } catch (e) {
            logger.warn(
              { err: String(e), interaction: i.id },
              "discord attachment download failed",
            );
            return [{ text: downloadFailedText(e, locale), tone: "warning", private: true }];
          }
        }
        return bot.handleCommand(
          { ...actor, replyRef: i.token, ...window },
          i.data.name,
          args,
          sub,
          req,
        );
      },
      locale,
    );
  }

  async function onAutocomplete(
    i: APIApplicationCommandAutocompleteInteraction,
    respond: Respond,
    actor: Actor,
    locale: Locale,
  ) {
    const { sub, focused } = readOptions(optionsOf(i.data));
    const cmd = bot.commands.find((c) => c.name === i.data.name);
    const options: CommandOption[] =
      (sub ? cmd?.subcommands?.find((s) => s.name === sub)?.options : cmd?.options) ?? [];
    const kind = options.find((o) => o.name === focused?.name)?.autocomplete;
    // Topics and glossary terms of the course this channel runs.
    const choices = kind
      ? suggest(
          await bot.courseFor(actor),
          kind,
          String(focused?.value ?? "").slice(0, 100),
          locale,
        )
      : [];
    await respond({
      type: InteractionResponseType.ApplicationCommandAutocompleteResult,
      data: { choices },
    });
  }

  /**
   * A press on a message everyone sees (a lesson post, a channel round) starts or continues
   * something of the presser's own: it never replaces that message, and what comes back is a new
   * message only the presser sees (unless the core marks a reply public).
   */
  const sourceOf = (message: { flags?: number } | undefined): Source =>
    message && ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0
      ? { kind: "component", ephemeral: true }
      : { kind: "command", ephemeral: true };

  const modal = (data: Record<string, unknown>) => ({ type: InteractionResponseType.Modal, data });
  const typeAnswerModal = (action: string, locale: Locale) =>
    modal(answerModal(action, l(locale, "作答", "Your answer"), l(locale, "答案", "Answer")));

  async function onComponent(i: APIInteraction, respond: Respond, actor: Actor, locale: Locale) {
    const data = i.data as { custom_id: string; component_type: number; values?: string[] };
    const message = (i as { message?: { flags?: number; components?: RawRow[] } }).message;
    const source = sourceOf(message);
    const shared = !!message && source.kind === "command";
    const id = parseCustomId(data.custom_id);
    const act = (action: string, input: ActionInput) =>
      deliver(i, respond, source, (req) => bot.handleAction(actor, action, input, req), locale);
    switch (id.kind) {
      case "ask":
        return respond(typeAnswerModal(id.action, locale));
      case "oslot":
      case "mslot":
        // A shared message must not carry one person's picks: type the answer instead.
        if (shared) return respond(typeAnswerModal(id.action, locale));
        // Remember the choice in the message itself (as the select's default), so no state is kept here.
        return respond({
          type: InteractionResponseType.UpdateMessage,
          data: {
            components: withDefaults(message?.components ?? [], data.custom_id, data.values ?? []),
            allowed_mentions: NO_MENTIONS,
          },
        });
      case "submit":
        return act(id.action, { values: slotValues(message?.components ?? [], id.action) });
      case "pick":
        return act(id.action, { values: [id.option] });
      case "multi":
        return act(id.action, { values: data.values ?? [] });
      default: {
        const action = "action" in id ? id.action : data.custom_id;
        // How to carry the action is declared with it (ActionDef), not known here by name.
        const { def, parts } = bot.action(action);
        if (def?.opensThread) return askAbout(i, respond, actor, action, locale);
        // Text to type (a question under a lesson): Discord delivers typed messages only in the
        // bot's threads (and only with Message Content), so it is asked for in a form.
        if (def?.collectsText)
          return respond(
            modal(
              lessonQuestionModal(
                parts[0] ?? "",
                lessonTitle(parts[0], locale, await bot.courseFor(actor)),
                locale,
              ),
            ),
          );
        return act(action, data.values ? { values: data.values } : {});
      }
    }
  }

  const lessonTitle = (lessonId: string | undefined, locale: Locale, index: CourseIndex) => {
    const lesson = index.course.lessons.find((x) => x.id === lessonId);
    return lesson ? tr(lesson.title, locale) : undefined;
  };
  /** The actions behind Discord's two question forms, found by what they declare. */
  const threadAction = () => bot.actions.find((a) => a.opensThread);
  const textAction = () => bot.actions.find((a) => a.collectsText);

  async function onModal(i: APIInteraction, respond: Respond, actor: Actor, locale: Locale) {
    const data = i.data as {
      custom_id: string;
      components?: { components?: { custom_id: string; value?: string }[] }[];
    };
    const text = (data.components ?? [])
      .flatMap((r) => r.components ?? [])
      .map((c) => c.value ?? "")
      .join("\n")
      .trim();
    const message = (i as { message?: { flags?: number } }).message;
    const source = sourceOf(message);
    const id = parseCustomId(data.custom_id);
    // Tutor answers are new private messages (never replacing the quiz), so they can stream.
    const privateAnswer: Source = { kind: "command", ephemeral: true };
    const about = threadAction();
    if (id.kind === "tutorq" && about) {
      const inThread: Actor = { ...actor, threadId: `modal:${id.questionId}:${actor.userId}` };
      return deliver(
        i,
        respond,
        privateAnswer,
        async (req) => {
          const intro = await bot.handleAction(inThread, actionId(about.prefix, id.questionId), {});
          // If the tutor could not take the question, say so rather than grading the text as an answer.
          if (intro.some((r) => r.tone === "warning" || r.tone === "error")) return intro;
          return bot.handleText(inThread, text, req);
        },
        locale,
      );
    }
    const collects = textAction()?.collectsText;
    if (id.kind === "lessonq" && collects)
      return deliver(
        i,
        respond,
        privateAnswer,
        (req) =>
          bot.handleCommand(actor, collects.command, { [collects.option]: text }, undefined, req),
        locale,
      );
    const action = id.kind === "text" ? id.action : data.custom_id;
    return deliver(
      i,
      respond,
      source,
      (req) => bot.handleAction(actor, action, { text }, req),
      locale,
    );
  }

  return async function handle(i: APIInteraction, respond: Respond): Promise<void> {
    if (i.type === InteractionType.Ping) return respond({ type: InteractionResponseType.Pong });
    const actor = actorFromInteraction(i);
    const locale: Locale = actor.platformLocale ?? "en";
    try {
      switch (i.type) {
        case InteractionType.ApplicationCommand:
          return await onCommand(i, respond, actor, locale);
        case InteractionType.ApplicationCommandAutocomplete:
          return await onAutocomplete(i, respond, actor, locale);
        case InteractionType.MessageComponent:
          return await onComponent(i, respond, actor, locale);
        case InteractionType.ModalSubmit:
          return await onModal(i, respond, actor, locale);
      }
    } finally {
      deps.afterInteraction?.();
    }
  };
}

type RawComponent = {
  type: number;
  custom_id?: string;
  options?: { value: string; label: string; default?: boolean }[];
  [k: string]: unknown;
};
type RawRow = { type: number; components: RawComponent[] };

/** Copies the message's components, marking the chosen option of one slot select as its default. */
export function withDefaults(rows: RawRow[], customIdChosen: string, values: string[]): RawRow[] {
  return rows.map((r) => ({
    ...r,
    components: r.components.map((c) =>
      c.custom_id === customIdChosen && c.options
        ? { ...c, options: c.options.map((o) => ({ ...o, default: values.includes(o.value) })) }
        : c,
    ),
  }));
}

/** The answer the slot selects hold: ordering → ids by position; matching → "left=right" pairs. */
export function slotValues(rows: RawRow[], action: string): string[] {
  const out: string[] = [];
  for (const c of rows.flatMap((r) => r.components)) {
    const id = c.custom_id ? parseCustomId(c.custom_id) : undefined;
    if (!id || (id.kind !== "oslot" && id.kind !== "mslot") || id.action !== action) continue;
    const chosen = c.options?.find((o) => o.default)?.value;
    if (chosen === undefined) continue;
    out.push(id.kind === "mslot" ? `${id.key}=${chosen}` : chosen);
  }
  return out;
}

/** Attachments Discord resolved for a slash command's attachment options (chat input only). */
function resolvedAttachments(
  data: APIApplicationCommandInteraction["data"],
): Record<string, { url: string; filename: string }> | undefined {
  return "resolved" in data
    ? (data.resolved as { attachments?: Record<string, { url: string; filename: string }> })
        ?.attachments
    : undefined;
}
