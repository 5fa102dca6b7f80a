// /lesson subscribe | list | unsubscribe | now | skip, and the lesson message's buttons.
// Admins manage a channel's lessons; anyone may subscribe themself in a DM. A target has one
// subscription: re-subscribing changes its slot and keeps its history, position and skips.
import { ACTION } from "./action-ids";
import { UserError } from "../errors";
import type { SubscriptionRecord, SubscriptionTarget } from "../ports/schedule";
import { cronSpec } from "../schedule/cron";
import { askPromptReply, lessonReply } from "../schedule/lesson-message";
import { describeSchedule, listReply, upcoming } from "../schedule/list-view";
import { firesAt, formatLocal, scheduleOf, type Schedule } from "../schedule/occurrences";
import { DEFAULT_LESSON_SETTINGS, type LessonSettings } from "../schedule/settings";
import { looksLikeDay, parseDay, parseTime, parseZone } from "../schedule/slot";
import { noSubscription, resolveTarget, targetLabel } from "../schedule/target";
import { quizCommand } from "./quiz";
import type { ActionDef, Args, CommandDef, CommandOption, Ctx } from "./types";
import { bilingual, msg } from "../messages/catalogue";
import { tr } from "../i18n";

const settingsOf = (ctx: Ctx): LessonSettings => ctx.lessons ?? DEFAULT_LESSON_SETTINGS;
const channelOpt: CommandOption = {
  name: "channel",
  type: "channel",
  description: bilingual("commands.lesson.channelDefaultThisOne"),
};

/** Occurrences recorded ahead of time (pending /lesson skips). */
async function pendingOf(ctx: Ctx, subId: string, now: Date): Promise<Date[]> {
  return (await ctx.store.deliveries.recordedAfter([subId], now)).get(subId) ?? [];
}

async function activeFor(
  ctx: Ctx,
  args: Args,
): Promise<{ target: SubscriptionTarget; sub: SubscriptionRecord }> {
  const target = resolveTarget(ctx.actor, args.channel as string | undefined);
  const sub = await ctx.store.subscriptions.findActive(target);
  if (!sub) throw noSubscription(target);
  return { target, sub };
}

/** Text surfaces fill options by position: "/lesson subscribe mon 09:00 Asia/Shanghai" has no channel. */
function shiftPositional(args: Args): Args {
  const ch = args.channel as string | undefined;
  if (!ch || !looksLikeDay(ch) || (args.day !== undefined && looksLikeDay(String(args.day))))
    return args;
  if (args.timezone !== undefined)
    throw new UserError(
      bilingual("commands.lesson.unexpectedExtraText", {
        timezone: String(args.timezone).slice(0, 40),
      }),
      "bad_argument",
    );
  return { ...args, channel: undefined, day: ch, time: args.day, timezone: args.time };
}

async function subscribe(ctx: Ctx, raw: Args) {
  const args = shiftPositional(raw);
  const target = resolveTarget(ctx.actor, args.channel as string | undefined);
  // The target's one row, active or not: re-subscribing (also after /lesson unsubscribe) updates it.
  const current = await ctx.store.subscriptions.findForTarget(target);
  const existing = current?.active ? current : null;
  const cron = args.cron ? String(args.cron).trim().replace(/\s+/g, " ") : null;
  if (cron && (args.day !== undefined || args.time !== undefined))
    throw new UserError(bilingual("commands.lesson.giveEitherCronOr"), "bad_argument");
  const settings = settingsOf(ctx);
  if (cron) cronSpec(cron, settings.cron); // validates with a clear error before anything is written
  const weekday = args.day !== undefined ? parseDay(String(args.day)) : (existing?.weekday ?? 1);
  const time = args.time !== undefined ? parseTime(String(args.time)) : (existing?.time ?? "09:00");
  const timeZone = parseZone(
    args.timezone !== undefined
      ? String(args.timezone)
      : (existing?.timeZone ?? ctx.learner.timeZone),
  );
  const locale = (args.language as "zh" | "en" | undefined) ?? existing?.locale ?? ctx.locale;
  const now = ctx.clock.now();
  const schedule: Schedule = scheduleOf({ weekday, time, timeZone, cron }, settings.cron);
  if (!upcoming(schedule, now))
    throw new UserError(bilingual("commands.lesson.thatScheduleNeverFires"), "bad_cron");

  // The course position carries over unless the course changed or was complete (then it restarts).
  const courseId = ctx.index.course.id;
  const keepPosition =
    !!current &&
    current.courseId === courseId &&
    current.nextLesson < ctx.index.course.lessons.length;
  const nextLesson = keepPosition ? current.nextLesson : 0;
  // A new slot (or a reactivation) starts now: past occurrences of the new slot are not caught up.
  const slotChanged =
    !existing ||
    existing.weekday !== weekday ||
    existing.time !== time ||
    existing.timeZone !== timeZone ||
    existing.cron !== cron;
  const slot = { channelId: target.channelId, timeZone, weekday, time, cron, locale };
  const sub = await ctx.store.subscriptions.upsert(
    { ...target, ...slot, courseId, nextLesson, createdAt: now },
    {
      ...slot,
      ...(slotChanged ? { scheduleFrom: now } : {}),
      ...(keepPosition ? {} : { courseId, nextLesson: 0 }),
    },
  );
  // Pending skips stay with the subscription when the new slot still fires at that instant;
  // the others name an occurrence that no longer exists, so they are dropped and the reply says so.
  const pending = await pendingOf(ctx, sub.id, now);
  const kept = pending.filter((at) => firesAt(schedule, at));
  const dropped = pending.filter((at) => !firesAt(schedule, at));
  await ctx.store.deliveries.dropSkipped(sub.id, dropped);
  const next = upcoming(schedule, now, kept);
  // Undefined only if the last lesson was posted between the read above and the write.
  const lesson = ctx.index.course.lessons[sub.nextLesson];
  const count = ctx.index.course.lessons.length;
  const when = (d: Date | null, l: "zh" | "en") =>
    d ? formatLocal(d, timeZone, l) : msg(l, "commands.lesson.none");
  const list = (ds: Date[], l: "zh" | "en") =>
    ds.map((d) => when(d, l)).join(msg(l, "commands.lesson.dateJoin"));
  const skips =
    (kept.length ? ctx.msg("commands.lesson.stillSkipped", { list: list(kept, ctx.locale) }) : "") +
    (dropped.length
      ? ctx.msg("commands.lesson.yourSkipOfNo", {
          list: list(dropped, ctx.locale),
          when: when(next, ctx.locale),
        })
      : "");
  // This instance cannot post on the platform (e.g. Discord HTTP mode without a bot token): say so
  // rather than let the learner wait for a lesson that only another instance could post.
  // The setting is the platform's own word (the actor's terms), so Slack users never see Discord's.
  const token = ctx.actor.terms?.botToken;
  const cannotPost =
    ctx.lessonPlatforms && !ctx.lessonPlatforms.has(ctx.actor.platform)
      ? token
        ? ctx.msg("commands.lesson.noteThisInstanceCannotToken", { token })
        : ctx.msg("commands.lesson.noteThisInstanceCannot")
      : "";
  return {
    title: existing
      ? ctx.msg("commands.lesson.subscriptionUpdated")
      : ctx.msg("commands.lesson.subscribedToWeeklyLessons"),
    text:
      ctx.msg("commands.lesson.subscribedText", {
        target: targetLabel(sub, ctx.locale),
        schedule: describeSchedule(sub, ctx.locale),
        next: lesson
          ? ctx.msg("commands.lesson.nextLesson", {
              lesson: sub.nextLesson + 1,
              title: tr(lesson.title, ctx.locale),
              when: when(next, ctx.locale),
            })
          : ctx.msg("commands.lesson.allLessonsHaveBeen", { count }),
      }) +
      skips +
      cannotPost,
    footer: ctx.msg("commands.lesson.lessonNowPostsThe"),
    tone: "success" as const,
    private: true,
  };
}

async function list(ctx: Ctx) {
  const { actor } = ctx;
  const subs = actor.isAdmin
    ? await ctx.store.subscriptions.listActiveInWorkspace(actor.platform, actor.workspaceId)
    : [];
  const own = await ctx.store.subscriptions.findActive({
    platform: actor.platform,
    workspaceId: actor.workspaceId,
    channelId: "",
    learnerExternalId: actor.userId,
  });
  const all = own && !subs.some((s) => s.id === own.id) ? [own, ...subs] : subs;
  // Other learners' DM subscriptions are theirs alone, even for admins.
  const visible = all.filter((s) => !s.learnerExternalId || s.learnerExternalId === actor.userId);
  const settings = settingsOf(ctx);
  const pending = await ctx.store.deliveries.recordedAfter(
    visible.map((s) => s.id),
    ctx.clock.now(),
  );
  const items = await Promise.all(
    visible.map(async (sub) => {
      let schedule: Schedule | null = null;
      try {
        schedule = scheduleOf(sub, settings.cron);
      } catch {
        schedule = null;
      }
      return {
        sub,
        schedule,
        pending: pending.get(sub.id) ?? [],
        recent: await ctx.store.deliveries.listRecent(sub.id, 5),
      };
    }),
  );
  return listReply(items, ctx.index, ctx.clock.now(), ctx.locale, settings.rules.maxAttempts);
}

async function unsubscribe(ctx: Ctx, args: Args) {
  const { sub } = await activeFor(ctx, args);
  await ctx.store.subscriptions.deactivate(sub.id);
  return {
    text: ctx.msg("commands.lesson.weeklyLessonsForStopped", {
      target: targetLabel(sub, ctx.locale),
    }),
    tone: "success" as const,
    private: true,
  };
}

async function now(ctx: Ctx, args: Args) {
  const { sub } = await activeFor(ctx, args);
  if (!sub.learnerExternalId && ctx.actor.channelId !== sub.channelId)
    throw new UserError(
      bilingual("commands.lesson.runLessonNowIn", { channelId: sub.channelId }),
      "wrong_channel",
    );
  const count = ctx.index.course.lessons.length;
  if (sub.nextLesson >= count)
    return {
      text: ctx.msg("commands.lesson.allLessonsHaveBeen", { count }),
      private: true,
    };
  const at = ctx.clock.now();
  const recorded = await ctx.store.deliveries.recordManual({
    subscriptionId: sub.id,
    occurrenceAt: at,
    lessonIndex: sub.nextLesson,
  });
  if (!recorded) throw new UserError(bilingual("commands.lesson.thatLessonWasJust"), "duplicate");
  // Posted for everyone in the channel, even where commands answer privately by default (Discord).
  return {
    ...lessonReply(ctx.index, sub.nextLesson, sub.locale, {
      notesBaseUrl: settingsOf(ctx).notesBaseUrl,
      textOnly: ctx.actor.capabilities.textOnly,
    }),
    private: false,
  };
}

/** Why an occurrence was skipped, shown by /lesson list. Who skipped it is not stored: a user id in
 * this free-text column would survive that user's /forget-me. */
export function skipReason(sub: { learnerExternalId: string | null }): string {
  return sub.learnerExternalId ? "/lesson skip, by the learner" : "/lesson skip, by an admin";
}

async function skip(ctx: Ctx, args: Args) {
  const { sub } = await activeFor(ctx, args);
  const settings = settingsOf(ctx);
  const schedule = scheduleOf(sub, settings.cron);
  const at = ctx.clock.now();
  const pending = await pendingOf(ctx, sub.id, at);
  const next = upcoming(schedule, at, pending);
  if (!next) throw new UserError(bilingual("commands.lesson.thereIsNoUpcoming"), "nothing_to_skip");
  await ctx.store.deliveries.recordSkipped({
    subscriptionId: sub.id,
    occurrenceAt: next,
    lessonIndex: sub.nextLesson,
    reason: skipReason(sub),
    now: at,
  });
  const after = upcoming(schedule, at, [...pending, next]);
  return {
    text: ctx.msg("commands.lesson.skipped", {
      at: formatLocal(next, sub.timeZone, ctx.locale),
      lesson: sub.nextLesson + 1,
      after: after
        ? formatLocal(after, sub.timeZone, ctx.locale)
        : ctx.msg("commands.lesson.later"),
    }),
    tone: "success" as const,
    private: true,
  };
}

export const lessonCommand: CommandDef = {
  name: "lesson",
  description: bilingual("commands.lesson.weeklyLessonsSubscribeList"),
  subcommands: [
    {
      name: "subscribe",
      description: bilingual("commands.lesson.subscribeToWeeklyLessons"),
      options: [
        channelOpt,
        {
          name: "day",
          type: "string",
          maxLength: 64,
          description: bilingual("commands.lesson.dayMonSunOr"),
        },
        {
          name: "time",
          type: "string",
          maxLength: 64,
          description: bilingual("commands.lesson.localTimeHhMm"),
        },
        {
          name: "timezone",
          type: "string",
          maxLength: 64,
          autocomplete: "timezone",
          description: bilingual("commands.lesson.ianaTimeZoneE"),
        },
        {
          name: "cron",
          type: "string",
          maxLength: 100,
          description: bilingual("commands.lesson.advancedACronExpression"),
        },
        {
          name: "language",
          type: "string",
          description: bilingual("commands.lesson.lessonLanguage"),
          choices: [
            { value: "zh", name: bilingual("commands.basics.chinese") },
            { value: "en", name: bilingual("commands.basics.english") },
          ],
        },
      ],
    },
    {
      name: "list",
      description: bilingual("commands.lesson.subscriptionsNextPostsAnd"),
    },
    {
      name: "unsubscribe",
      description: bilingual("commands.lesson.stopWeeklyLessons"),
      options: [channelOpt],
    },
    {
      name: "now",
      description: bilingual("commands.lesson.postTheNextLesson"),
      options: [channelOpt],
    },
    {
      name: "skip",
      description: bilingual("commands.lesson.skipTheNextPost"),
      options: [channelOpt],
    },
  ],
  async run(ctx, args, sub) {
    switch (sub) {
      case "subscribe":
        return subscribe(ctx, args);
      case "list":
        return list(ctx);
      case "unsubscribe":
        return unsubscribe(ctx, args);
      case "now":
        return now(ctx, args);
      default:
        return skip(ctx, args);
    }
  },
};

function lessonById(ctx: Ctx, id: string | undefined) {
  const lesson = id ? ctx.index.lessons.get(id) : undefined;
  if (!lesson) throw new UserError(bilingual("commands.lesson.thatLessonIsNo"), "unknown_lesson");
  return lesson;
}

export const lessonActions: ActionDef[] = [
  // "Start this week's quiz": the ordinary /quiz on the lesson's topic, so scoring and sessions are the same.
  {
    prefix: ACTION.lessonQuiz,
    // A personal quiz, private like /quiz itself.
    private: quizCommand.private,
    run: (ctx, [id]) => quizCommand.run(ctx, { topic: lessonById(ctx, id).topics[0].id }),
  },
  {
    prefix: ACTION.lessonAsk,
    // /ask answers it (not imported: tutor.ts and this module load each other).
    collectsText: { command: "ask", option: "question" },
    run: async (ctx, [id]) => askPromptReply(lessonById(ctx, id), ctx.locale),
  },
];
