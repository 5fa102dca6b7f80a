// /progress: mastery per lesson (bars and a PNG chart), due reviews, streak and points.
import { budgetFooter } from "../tutor/render";
import { lessonMastery, latestScores, topicMastery } from "../learning/mastery";
import { tr } from "../i18n";
import { weekStart } from "../progress/leaderboard";
import { currentStreak, localDay } from "../progress/streak";
import { formatLocal } from "../progress/time-format";
import type { Attachment, Reply } from "../reply";
import type { CommandDef, Ctx } from "./types";
import { bilingual } from "../messages/catalogue";

export function bar(pct: number, width = 10): string {
  const full = Math.round((Math.max(0, Math.min(100, pct)) / 100) * width);
  return "█".repeat(full) + "░".repeat(width - full);
}

async function chart(ctx: Ctx, rows: { pct: number }[]): Promise<Attachment[]> {
  if (!ctx.charts) return [];
  try {
    const data = await ctx.charts.masteryPng({
      title: "Mastery per lesson (%)",
      bars: ctx.index.course.lessons.map((l, i) => ({ label: `L${l.order}`, pct: rows[i].pct })),
    });
    return [
      {
        filename: "mastery.png",
        contentType: "image/png",
        data,
        description: ctx.msg("commands.progress.masteryPerLesson"),
      },
    ];
  } catch (e) {
    // A chart is a nicety: the bars above carry the same numbers.
    ctx.logger.warn({ err: e instanceof Error ? e.message : String(e) }, "mastery chart failed");
    return [];
  }
}

export const progressCommand: CommandDef = {
  name: "progress",
  description: bilingual("commands.progress.yourProgressMasteryReviews"),
  private: true,
  async run(ctx): Promise<Reply> {
    const l = ctx.learner;
    const answers = await ctx.store.answers.listByLearner(l.id);
    const budget =
      ctx.tutor?.mode === "llm"
        ? `${ctx.msg("tutor.service.tutor")}: ${budgetFooter(await ctx.tutor.budgetLeft(l.id), ctx.locale)}`
        : undefined;
    if (answers.length === 0)
      return {
        text: [ctx.msg("commands.progress.youHaveNotAnswered"), budget].filter(Boolean).join("\n"),
        private: true,
      };
    const now = ctx.clock.now();
    const latest = latestScores(answers);
    const lessons = lessonMastery(ctx.index, latest);
    const topics = new Map(topicMastery(ctx.index, latest).map((t) => [t.id, t]));
    const community = await ctx.store.communities.get({
      platform: l.platform,
      workspaceId: l.workspaceId,
    });
    const since = weekStart(now, community?.timeZone ?? "UTC");
    const points = answers.reduce((n, a) => n + a.points, 0);
    const weekly = answers.filter((a) => a.createdAt >= since).reduce((n, a) => n + a.points, 0);
    const right = answers.filter((a) => a.correct).length;
    const due = await ctx.store.cards.countDue(l.id, now);
    const next = due ? null : await ctx.store.cards.nextDue(l.id);
    const streak = currentStreak(
      { count: l.streakCount, lastDay: l.streakLastDay, freezes: l.streakFreezes },
      localDay(now, l.timeZone),
    );

    const fields = ctx.index.course.lessons.map((lesson, i) => {
      const m = lessons[i];
      // Lessons with several topics list each topic's bar too.
      const sub =
        lesson.topics.length > 1
          ? lesson.topics
              .map(
                (t) =>
                  `\n  ${tr(t.name, ctx.locale)} ${bar(topics.get(t.id)?.pct ?? 0, 5)} ${topics.get(t.id)?.pct ?? 0}%`,
              )
              .join("")
          : "";
      return {
        name: `L${lesson.order} ${tr(lesson.title, ctx.locale)}`,
        value: `${bar(m.pct)} ${m.pct}% (${m.seen}/${m.total})${sub}`,
        inline: false,
      };
    });
    const lines = [
      ctx.msg("commands.progress.answeredRight", { answersCount: answers.length, right }),
      ctx.msg("commands.progress.pointsInAllThis", { points, weekly }),
      ctx.msg("commands.progress.streakDayFreezeSaved", {
        days: ctx.msg("common.days", { count: streak }),
        freezes: ctx.msg("common.freezes", { count: l.streakFreezes }),
      }),
      due
        ? ctx.msg("commands.progress.reviewsDueTypeReview", { due })
        : ctx.msg("commands.progress.noReviewsDue", {
            next: next
              ? ctx.msg("commands.progress.nextReview", {
                  at: formatLocal(next, l.timeZone, ctx.locale),
                })
              : "",
          }),
    ];
    // The tutor's budget only matters when a model answers; offline answers are unlimited.
    if (budget) lines.push(budget);
    return {
      title: ctx.msg("commands.progress.yourProgress"),
      text: lines.join("\n"),
      fields,
      footer: ctx.msg("commands.progress.masteryYourLatestScore"),
      attachments: await chart(ctx, lessons),
      private: true,
    };
  },
};
