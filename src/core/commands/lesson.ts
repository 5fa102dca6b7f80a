// /lesson subscribe | list | unsubscribe | now | skip, and the lesson message's buttons.
// Admins manage a channel's lessons; anyone may subscribe themself in a DM. A target has one
// subscription: re-subscribing changes its slot and keeps its history, position and skips.
import { ACTION } from "./action-ids";
import { UserError } from "../errors";
import { bi } from "../i18n";
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

const settingsOf = (ctx: Ctx): LessonSettings => ctx.lessons ?? DEFAULT_LESSON_SETTINGS;
const channelOpt: CommandOption = {
  name: "channel",
  type: "channel",
  description: bi(
    "频道（默认：当前频道；私信里为你自己）",
    "Channel (default: this one; in a DM: yourself)",
  ),
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
      bi(
        `多余的内容：“${String(args.timezone).slice(0, 40)}”。`,
        `Unexpected extra text: "${String(args.timezone).slice(0, 40)}".`,
      ),
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
    throw new UserError(
      bi("cron 和 day/time 只能二选一。", "Give either cron or day/time, not both."),
      "bad_argument",
    );
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
    throw new UserError(
      bi("这个时间表在未来五年内都不会触发。", "That schedule never fires in the next five years."),
      "bad_cron",
    );

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
  const zh = ctx.locale === "zh";
  const when = (d: Date | null, l: "zh" | "en") =>
    d ? formatLocal(d, timeZone, l) : l === "zh" ? "无" : "none";
  const list = (ds: Date[], l: "zh" | "en") =>
    ds.map((d) => when(d, l)).join(l === "zh" ? "、" : "; ");
  const skips =
    (kept.length
      ? ctx.t(`\n⏭️ 仍然跳过：${list(kept, "zh")}。`, `\n⏭️ Still skipped: ${list(kept, "en")}.`)
      : "") +
    (dropped.length
      ? ctx.t(
          `\n⚠️ 新的时间表在 ${list(dropped, "zh")} 不再发送，所以那次跳过已取消。如需跳过 ${when(next, "zh")}，请再运行 /lesson skip。`,
          `\n⚠️ Your skip of ${list(dropped, "en")} no longer applies: the new schedule does not post then. To skip ${when(next, "en")} instead, run /lesson skip again.`,
        )
      : "");
  // This instance cannot post on the platform (e.g. Discord HTTP mode without a bot token): say so
  // rather than let the learner wait for a lesson that only another instance could post.
  // The setting is the platform's own word (the actor's terms), so Slack users never see Discord's.
  const token = ctx.actor.terms?.botToken;
  const [tokenZh, tokenEn] = token ? [`，如 ${token}`, `, e.g. ${token}`] : ["", ""];
  const cannotPost =
    ctx.lessonPlatforms && !ctx.lessonPlatforms.has(ctx.actor.platform)
      ? ctx.t(
          `\n⚠️ 注意：本实例无法在此平台发送课程（缺少机器人令牌${tokenZh}）。只有配置了令牌的实例才会发送；请联系管理员。`,
          `\n⚠️ Note: this instance cannot post lessons on this platform (it has no bot token${tokenEn}). Only an instance that has one will post them; tell the operator.`,
        )
      : "";
  return {
    title: existing
      ? ctx.t("订阅已更新", "Subscription updated")
      : ctx.t("已订阅每周课程", "Subscribed to weekly lessons"),
    text:
      (zh
        ? `${targetLabel(sub, "zh")}：${describeSchedule(sub, "zh")}。\n${lesson ? `下一课：第 ${sub.nextLesson + 1} 课“${lesson.title.zh}”，${when(next, "zh")}。` : `全部 ${count} 课都已发送。`}`
        : `${targetLabel(sub, "en")}: ${describeSchedule(sub, "en")}.\n${lesson ? `Next: lesson ${sub.nextLesson + 1}, "${lesson.title.en}", on ${when(next, "en")}.` : `All ${count} lessons have been posted.`}`) +
      skips +
      cannotPost,
    footer: ctx.t(
      "/lesson now 立即发送下一课 · /lesson skip 跳过一次 · /lesson list 查看",
      "/lesson now posts the next lesson at once · /lesson skip skips one · /lesson list shows status",
    ),
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
    text: ctx.t(
      `已取消 ${targetLabel(sub, "zh")} 的每周课程。`,
      `Weekly lessons for ${targetLabel(sub, "en")} stopped.`,
    ),
    tone: "success" as const,
    private: true,
  };
}

async function now(ctx: Ctx, args: Args) {
  const { sub } = await activeFor(ctx, args);
  if (!sub.learnerExternalId && ctx.actor.channelId !== sub.channelId)
    throw new UserError(
      bi(
        `请在 #${sub.channelId} 里运行 /lesson now，课程会发在那里。`,
        `Run /lesson now in #${sub.channelId}; the lesson is posted where you run it.`,
      ),
      "wrong_channel",
    );
  const count = ctx.index.course.lessons.length;
  if (sub.nextLesson >= count)
    return {
      text: ctx.t(`全部 ${count} 课都已发送。`, `All ${count} lessons have been posted.`),
      private: true,
    };
  const at = ctx.clock.now();
  const recorded = await ctx.store.deliveries.recordManual({
    subscriptionId: sub.id,
    occurrenceAt: at,
    lessonIndex: sub.nextLesson,
  });
  if (!recorded)
    throw new UserError(bi("这一课刚刚已经发过了。", "That lesson was just posted."), "duplicate");
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
  if (!next)
    throw new UserError(
      bi("没有即将到来的课程可以跳过。", "There is no upcoming lesson to skip."),
      "nothing_to_skip",
    );
  await ctx.store.deliveries.recordSkipped({
    subscriptionId: sub.id,
    occurrenceAt: next,
    lessonIndex: sub.nextLesson,
    reason: skipReason(sub),
    now: at,
  });
  const after = upcoming(schedule, at, [...pending, next]);
  return {
    text: ctx.t(
      `已跳过 ${formatLocal(next, sub.timeZone, "zh")} 的课程。第 ${sub.nextLesson + 1} 课改在 ${after ? formatLocal(after, sub.timeZone, "zh") : "之后"} 发送。`,
      `Skipped the post on ${formatLocal(next, sub.timeZone, "en")}. Lesson ${sub.nextLesson + 1} moves to ${after ? formatLocal(after, sub.timeZone, "en") : "later"}.`,
    ),
    tone: "success" as const,
    private: true,
  };
}

export const lessonCommand: CommandDef = {
  name: "lesson",
  description: bi(
    "每周课程：订阅、查看、立即发送、跳过",
    "Weekly lessons: subscribe, list, post now, skip",
  ),
  subcommands: [
    {
      name: "subscribe",
      description: bi(
        "订阅每周课程（频道需管理员；私信里为自己）",
        "Subscribe to weekly lessons (a channel: admins; in a DM: yourself)",
      ),
      options: [
        channelOpt,
        {
          name: "day",
          type: "string",
          maxLength: 64,
          description: bi(
            "星期几：mon…sun 或 1…7（默认周一）",
            "Day: mon…sun or 1…7 (default Monday)",
          ),
        },
        {
          name: "time",
          type: "string",
          maxLength: 64,
          description: bi("当地时间 HH:mm（默认 09:00）", "Local time HH:mm (default 09:00)"),
        },
        {
          name: "timezone",
          type: "string",
          maxLength: 64,
          autocomplete: "timezone",
          description: bi("IANA 时区，如 Asia/Shanghai", "IANA time zone, e.g. America/New_York"),
        },
        {
          name: "cron",
          type: "string",
          maxLength: 100,
          description: bi(
            "高级：cron 表达式（代替 day/time），如 0 9 * * 1",
            "Advanced: a cron expression instead of day/time, e.g. 0 9 * * 1",
          ),
        },
        {
          name: "language",
          type: "string",
          description: bi("课程语言", "Lesson language"),
          choices: [
            { value: "zh", name: bi("中文", "Chinese") },
            { value: "en", name: bi("英文", "English") },
          ],
        },
      ],
    },
    {
      name: "list",
      description: bi("查看订阅、下次发送时间和失败记录", "Subscriptions, next posts and failures"),
    },
    {
      name: "unsubscribe",
      description: bi("取消每周课程", "Stop weekly lessons"),
      options: [channelOpt],
    },
    {
      name: "now",
      description: bi("立即发送下一课", "Post the next lesson now"),
      options: [channelOpt],
    },
    {
      name: "skip",
      description: bi("跳过下一次发送", "Skip the next post"),
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
  if (!lesson)
    throw new UserError(
      bi("这一课已不在课程中。", "That lesson is no longer in the course."),
      "unknown_lesson",
    );
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
