// The core's front door. Adapters call handleCommand / handleAction / handleText with an Actor
// and get Replies back. This is also the one error boundary: a UserError is shown in plain
// words; a database outage says "try again shortly"; anything else is logged with context and
// answered with a short apology. Nothing here throws to the adapter.
import type { Actor } from "./actor";
import { commandMentions, rewriteReply } from "./command-mentions";
import { parseActionId } from "./commands/action-ids";
import { checkArgs } from "./commands/args";
import { parseCommandLine } from "./commands/parse-text";
import { submitAnswer } from "./commands/quiz";
import { looksLikeAnswer } from "./grading/answer-shape";
import { buildActions, buildCommands } from "./commands/registry";
import type { ActionDef, ActionInput, CommandDef, Ctx, Services } from "./commands/types";
import type { CourseIndex } from "./content/model";
import { UnavailableError, UserError } from "./errors";
import { tr, type Bilingual, type Locale } from "./i18n";
import { StaleSessionError } from "./ports/quiz";
import { bilingual, bilingualBy, msg } from "./messages/catalogue";
import type { Reply } from "./reply";
import { safeReply, truncate, wellFormed } from "./safe-text";
import { withLanguageNotice } from "./courses/language-notice";
import { scopeToCourse } from "./courses/scope";

export interface HandledEvent {
  kind: "command" | "action" | "text";
  name: string;
  outcome: "ok" | "user_error" | "unavailable" | "error";
  ms: number;
}

export interface BotOptions {
  commands?: CommandDef[];
  actions?: ActionDef[];
  /** Called after every request (metrics). */
  onHandled?: (e: HandledEvent) => void;
  /** Answers plain text that is not a quiz answer (the tutor); default: a pointer to /help. */
  onFreeText?: (ctx: Ctx, text: string) => Promise<Reply | Reply[]>;
}

/**
 * Per-request options from the adapter. `onProgress` receives the partial first reply of a
 * long answer (the tutor streaming), at most about once a second; the adapter edits its
 * message with it, then once more with the final reply that the handle* call returns.
 */
export interface RequestOptions {
  onProgress?: (partial: Reply) => void | Promise<void>;
}

export interface Bot {
  commands: CommandDef[];
  actions: ActionDef[];
  /** The action an id routes to, with its declared behaviour and the id's parts. */
  action(id: string): { def?: ActionDef; parts: string[] };
  handleCommand(
    actor: Actor,
    name: string,
    rawArgs: Record<string, unknown>,
    sub?: string,
    req?: RequestOptions,
  ): Promise<Reply[]>;
  handleAction(
    actor: Actor,
    actionId: string,
    input: ActionInput,
    req?: RequestOptions,
  ): Promise<Reply[]>;
  handleText(actor: Actor, text: string, req?: RequestOptions): Promise<Reply[]>;
  /** The course this actor's channel (or community) runs: for adapters' autocomplete and labels. */
  courseFor(actor: Actor): Promise<CourseIndex>;
}

const MAX_TEXT = 4000;

/** Names the platform's own admin role when the platform gave one (Discord's permissions are not
 *  Slack's workspace admins). */
function notAdmin(role: Bilingual | undefined): Bilingual {
  return role
    ? bilingualBy("bot.onlyAdminsRole", (l) => ({ role: role[l] }))
    : bilingual("bot.onlyAdmins");
}

export function createBot(services: Services, opts: BotOptions = {}): Bot {
  const commands = opts.commands ?? buildCommands();
  /** learner|course pairs already told (saves the database a write per request). */
  const told = new Set<string>();
  const actions = opts.actions ?? buildActions();

  /** Platform input may carry invalid Unicode; clean it once, here, before anything stores it. */
  const clean = (v: unknown): unknown =>
    typeof v === "string" ? wellFormed(v) : Array.isArray(v) ? v.map(clean) : v;
  const cleanActor = (a: Actor): Actor => ({
    ...a,
    userId: wellFormed(a.userId),
    workspaceId: wellFormed(a.workspaceId),
    ...(a.displayName !== undefined
      ? { displayName: truncate(wellFormed(a.displayName), 100) }
      : {}),
  });
  const cleanArgs = (raw: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(raw ?? {}).map(([k, v]) => [wellFormed(k), clean(v)]));

  async function context(actor: Actor, req: RequestOptions = {}): Promise<Ctx> {
    const learner = await services.store.learners.upsert(
      { platform: actor.platform, workspaceId: actor.workspaceId, externalId: actor.userId },
      actor.displayName,
    );
    const locale: Locale = learner.locale ?? actor.platformLocale ?? "en";
    const out = outgoing(actor);
    return {
      ...(await courseServices(actor)),
      actor,
      learner,
      locale,
      msg: (key, ...params) => msg(locale, key, ...params),
      t: (zh, en) => (locale === "zh" ? zh : en),
      onProgress: req.onProgress && ((partial: Reply) => req.onProgress!(out(partial))),
    };
  }

  /** The services of the course this actor's channel (or community) runs. */
  async function courseServices(actor: Actor): Promise<Services> {
    // One course: nothing to choose, and no query on every request.
    if (!services.catalogue || services.catalogue.courses.size < 2)
      return scopeToCourse(services, services.catalogue?.defaultId ?? services.index.course.id);
    const choices = await services.store.courses.choices(
      { platform: actor.platform, workspaceId: actor.workspaceId },
      actor.channelId,
    );
    return scopeToCourse(services, services.catalogue.resolve(choices).course.id);
  }

  const commandNames = commands.map((c) => c.name);
  const mentionsByPrefix = new Map<string, (text: string) => string>();
  /** What every reply goes through on its way out: commands named as this surface types them, no pings. */
  function outgoing(actor: Actor): (r: Reply) => Reply {
    const prefix = actor.commandPrefix ?? "/";
    if (!mentionsByPrefix.has(prefix))
      mentionsByPrefix.set(prefix, commandMentions(prefix, commandNames));
    const mentions = mentionsByPrefix.get(prefix)!;
    return (r) => safeReply(rewriteReply(r, mentions));
  }

  /** Every reply leaves through here: no reply may ping (see safe-text.ts). */
  async function guarded(
    actor: Actor,
    kind: HandledEvent["kind"],
    name: string,
    fn: (ctx: Ctx) => Promise<Reply | Reply[]>,
    req?: RequestOptions,
  ): Promise<Reply[]> {
    return (await boundary(actor, kind, name, fn, req)).map(outgoing(actor));
  }

  async function boundary(
    actor: Actor,
    kind: HandledEvent["kind"],
    name: string,
    fn: (ctx: Ctx) => Promise<Reply | Reply[]>,
    req?: RequestOptions,
  ): Promise<Reply[]> {
    const started = Date.now();
    let locale: Locale = actor.platformLocale ?? "en";
    let outcome: HandledEvent["outcome"] = "ok";
    try {
      const ctx = await context(actor, req);
      locale = ctx.locale;
      const out = await fn(ctx);
      const replies = (Array.isArray(out) ? out : [out]).map((r) => ({
        ...r,
        locale: r.locale ?? ctx.locale,
      }));
      return withLanguageNotice(ctx, replies, told);
    } catch (e) {
      if (e instanceof UserError) {
        outcome = "user_error";
        return [{ text: tr(e.text, locale), tone: "warning", private: true, locale }];
      }
      if (e instanceof StaleSessionError) {
        outcome = "user_error";
        return [
          {
            text: tr(bilingual("bot.thatWasAlreadyHandled"), locale),
            tone: "warning",
            private: true,
            locale,
          },
        ];
      }
      if (e instanceof UnavailableError) {
        outcome = "unavailable";
        services.logger.warn(
          { kind, name, platform: actor.platform, err: String(e.cause ?? e) },
          "database unavailable",
        );
        return [
          {
            text: tr(bilingual("bot.theDatabaseIsBriefly"), locale),
            tone: "warning",
            private: true,
            locale,
          },
        ];
      }
      outcome = "error";
      services.logger.error(
        {
          kind,
          name,
          platform: actor.platform,
          workspace: actor.workspaceId,
          err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e),
        },
        "request failed",
      );
      return [
        {
          text: tr(bilingual("bot.sorrySomethingWentWrong"), locale),
          tone: "error",
          private: true,
          locale,
        },
      ];
    } finally {
      opts.onHandled?.({ kind, name, outcome, ms: Date.now() - started });
    }
  }

  function findCommand(name: string): CommandDef {
    const cmd = commands.find((c) => c.name === name);
    if (!cmd)
      throw new UserError(
        bilingual("bot.thereIsNoCommand", { name: name.slice(0, 30) }),
        "unknown_command",
      );
    return cmd;
  }

  async function runCommand(
    ctx: Ctx,
    name: string,
    rawArgs: Record<string, unknown>,
    subName?: string,
  ) {
    const cmd = findCommand(name);
    const { args, sub } = checkArgs(cmd, rawArgs, subName);
    if ((cmd.admin || sub?.admin) && !ctx.actor.isAdmin)
      throw new UserError(notAdmin(ctx.actor.terms?.admin), "not_admin");
    return cmd.run(ctx, args, sub?.name);
  }

  return {
    commands,
    async courseFor(actor) {
      return (await courseServices(cleanActor(actor))).index;
    },
    actions,
    action(id) {
      const { prefix, parts } = parseActionId(id);
      return { def: actions.find((a) => a.prefix === prefix), parts };
    },
    handleCommand(rawActor, rawName, rawArgs, rawSub, req) {
      const [actor, name, args, sub] = [
        cleanActor(rawActor),
        wellFormed(String(rawName)),
        cleanArgs(rawArgs),
        rawSub === undefined ? undefined : wellFormed(String(rawSub)),
      ];
      return guarded(actor, "command", name, (ctx) => runCommand(ctx, name, args, sub), req);
    },
    handleAction(rawActor, rawId, rawInput, req) {
      const actor = cleanActor(rawActor);
      const actionId = wellFormed(truncate(String(rawId), 200));
      const input = {
        ...(rawInput?.text !== undefined ? { text: wellFormed(String(rawInput.text)) } : {}),
        ...(rawInput?.values ? { values: rawInput.values.map((v) => wellFormed(String(v))) } : {}),
      };
      const { prefix, parts } = parseActionId(actionId);
      return guarded(
        actor,
        "action",
        prefix,
        async (ctx) => {
          const action = actions.find((a) => a.prefix === prefix);
          if (!action) throw new UserError(bilingual("bot.thatButtonNoLonger"), "unknown_action");
          return action.run(ctx, parts, input);
        },
        req,
      );
    },
    handleText(rawActor, raw, req) {
      const actor = cleanActor(rawActor);
      const text = wellFormed(truncate(String(raw), MAX_TEXT + 1));
      const parsed = text.trim().startsWith("/") ? parseCommandLine(text, commands) : undefined;
      if (parsed) {
        const { _extra, ...args } = parsed.args;
        return guarded(
          actor,
          "command",
          parsed.name,
          async (ctx) => {
            if (_extra !== undefined)
              throw new UserError(
                bilingual("bot.unexpectedExtraText", { _extra: _extra.slice(0, 40) }),
                "bad_argument",
              );
            return runCommand(ctx, parsed.name, args, parsed.sub);
          },
          req,
        );
      }
      return guarded(
        actor,
        "text",
        "text",
        async (ctx) => {
          if (!text.trim()) throw new UserError(bilingual("bot.typeAnAnswerOr"), "empty");
          // Text in a thread is a follow-up question for the tutor; elsewhere, with a quiz open,
          // it is the answer (the console and DMs have no buttons)...
          if (!ctx.actor.threadId && (await ctx.store.sessions.findOpen(ctx.learner.id))) {
            // ...unless it is a question that does not read as an answer ("what does fp16 mean?"):
            // that goes to the tutor, which never gives the open question's answer away. "140?" or
            // "B?" is still an answer. Nothing about the quiz changes when the tutor takes it.
            if (!opts.onFreeText || !/[?？]\s*$/.test(text)) return submitAnswer(ctx, text);
            try {
              return await submitAnswer(ctx, text.replace(/[?？\s]+$/, ""));
            } catch (e) {
              if (!(e instanceof UserError && e.code === "malformed_answer")) throw e;
            }
            return opts.onFreeText(ctx, text);
          }
          // "B", "1" or "1-B" with nothing open is an answer to no question, not one for the tutor.
          if (!ctx.actor.threadId && looksLikeAnswer(text))
            return {
              text: ctx.msg("bot.noQuestionIsOpen"),
              private: true,
            };
          if (opts.onFreeText) return opts.onFreeText(ctx, text);
          return {
            text: ctx.msg("commands.tutor.noQuizIsOpen"),
          };
        },
        req,
      );
    },
  };
}
