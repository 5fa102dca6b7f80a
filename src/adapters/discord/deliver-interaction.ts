// Answering one Discord interaction in time: at once when the core is quick, else defer and edit
// or follow up (Discord wants a first response within 3 s). Which message a reply replaces and
// who sees it follow from the interaction's source (a command, or a press on a message) and the
// reply's own visibility; a command's streamed answer edits the deferral's placeholder through
// the shared stream (platform/stream.ts).
import { InteractionResponseType, MessageFlags, type APIInteraction } from "discord.js";
import type { RequestOptions } from "../../core/bot";
import type { Locale } from "../../core/i18n";
import type { Logger } from "../../core/ports/logger";
import type { Reply } from "../../core/reply";
import { progressStream } from "../platform/stream";
import { toMessage } from "./render";
import type { DiscordRest } from "./rest";

export type Respond = (body: Record<string, unknown>) => Promise<void>;

/** Where the interaction came from: a command (a new message) or a press on a message. */
export type Source =
  | { kind: "command"; ephemeral: boolean }
  | { kind: "component"; ephemeral: boolean };

export interface DeliverDeps {
  rest: DiscordRest;
  logger: Logger;
  /** How long to wait for the core before deferring; 0 defers every command and component. */
  deferAfterMs: number;
  /** Work that continues after the first response (follow-ups); awaited on shutdown. */
  track: (p: Promise<unknown>) => void;
  /** Deferred interactions whose answer is still being worked on (token → locale). */
  unfinished?: Map<string, Locale>;
}

const TIMEOUT = Symbol("timeout");
const sleep = (ms: number) =>
  new Promise<typeof TIMEOUT>((r) => setTimeout(() => r(TIMEOUT), ms).unref?.());

export const ephemeralOf = (r: Reply, source: Source) => r.private ?? source.ephemeral;
/** A component's message is replaced when the reply is its next state (a verdict, the next question). */
const replacesMessage = (r: Reply, source: Source) =>
  source.kind === "component" &&
  (!!r.question || !!r.buttons?.length) &&
  ephemeralOf(r, source) === source.ephemeral;

async function followUps(
  rest: DiscordRest,
  token: string,
  replies: Reply[],
  source: Source,
  locale: Locale,
) {
  for (const r of replies)
    await rest.followUp(token, toMessage(r, locale, { ephemeral: ephemeralOf(r, source) }));
}

/** The first response that buys time: a "thinking…" message for commands, a silent ack for components. */
const deferral = (source: Source) =>
  source.kind === "command"
    ? {
        type: InteractionResponseType.DeferredChannelMessageWithSource,
        data: source.ephemeral ? { flags: MessageFlags.Ephemeral } : {},
      }
    : { type: InteractionResponseType.DeferredMessageUpdate };

/**
 * Answers within Discord's 3 s: at once when the core is quick, else defer and edit/follow up.
 * For commands the core may stream (the tutor): the first partial defers at once, each partial
 * edits @original (the core throttles them to about one a second), and the final reply edits it
 * once more. Edits are chained so a late partial can never overwrite the final answer.
 */
export async function deliver(
  deps: DeliverDeps,
  i: APIInteraction,
  respond: Respond,
  source: Source,
  start: (req: RequestOptions) => Promise<Reply[]>,
  locale: Locale,
) {
  const { rest, logger } = deps;
  let deferred: Promise<void> | undefined;
  const defer = () => (deferred ??= respond(deferral(source)));
  let streamed!: (v: typeof TIMEOUT) => void;
  const streaming = new Promise<typeof TIMEOUT>((r) => {
    streamed = r;
  });
  // A command's answer may stream: the deferral's "thinking…" is the placeholder, @original
  // is edited with each partial and then with the final reply (platform/stream.ts).
  const stream = progressStream(
    {
      async show(partial) {
        await defer();
        await rest.editOriginal(i.token, toMessage(partial, locale));
      },
      replace: (final) => rest.editOriginal(i.token, toMessage(final, locale)),
      // The deferred placeholder has the wrong visibility (e.g. a public channel round from
      // a private command): it goes, and the reply is a follow-up of its own.
      remove: () => rest.deleteOriginal(i.token),
      fits: (final) => ephemeralOf(final, source) === source.ephemeral,
    },
    logger,
    { interaction: i.id },
  );
  const onProgress = (partial: Reply) => {
    streamed(TIMEOUT);
    return stream.onProgress(partial);
  };
  const work = start(source.kind === "command" ? { onProgress } : {});
  const early =
    deps.deferAfterMs > 0
      ? await Promise.race([work, sleep(deps.deferAfterMs), streaming])
      : TIMEOUT;
  if (early !== TIMEOUT && early.length && !early[0].attachments?.length) {
    stream.close();
    const [first, ...more] = early;
    const eph = ephemeralOf(first, source);
    if (replacesMessage(first, source))
      await respond({
        type: InteractionResponseType.UpdateMessage,
        data: toMessage(first, locale).body,
      });
    else
      await respond({
        type: InteractionResponseType.ChannelMessageWithSource,
        data: toMessage(first, locale, { ephemeral: eph }).body,
      });
    if (more.length) deps.track(followUps(rest, i.token, more, source, locale));
    return;
  }
  await defer();
  deps.unfinished?.set(i.token, locale);
  deps.track(
    (async () => {
      const replies = await work.finally(() => deps.unfinished?.delete(i.token));
      if (source.kind === "command") {
        stream.markShown();
        return stream.finish(replies, (rs) => followUps(rest, i.token, rs, source, locale));
      }
      const [first, ...more] = replies;
      if (!first) return;
      if (replacesMessage(first, source))
        await rest.editOriginal(i.token, toMessage(first, locale));
      else
        await rest.followUp(
          i.token,
          toMessage(first, locale, { ephemeral: ephemeralOf(first, source) }),
        );
      await followUps(rest, i.token, more, source, locale);
    })().catch((e) =>
      logger.error({ err: String(e), interaction: i.id }, "discord follow-up failed"),
    ),
  );
}
