// /stats (admins): a short instructor report for this workspace — totals, the hardest
// questions, questions that do not discriminate, and topic mastery medians.
// The full report is `npm run cli -- report`.
import { questionStats } from "../analytics/question-stats";
import { topicDistribution } from "../analytics/topic-distribution";
import { tr } from "../i18n";
import type { Reply } from "../reply";
import type { CommandDef } from "./types";
import { bilingual } from "../messages/catalogue";

export const MIN_ATTEMPTS = 5;

export const statsCommand: CommandDef = {
  name: "stats",
  description: bilingual("commands.stats.adminsQuestionStatisticsFor"),
  admin: true,
  private: true,
  options: [
    {
      name: "days",
      type: "integer",
      min: 1,
      max: 3650,
      description: bilingual("commands.stats.onlyTheLastN"),
    },
  ],
  async run(ctx, args): Promise<Reply> {
    const days = args.days as number | undefined;
    const since = days ? new Date(ctx.clock.now().getTime() - days * 86_400_000) : undefined;
    const facts = await ctx.store.analytics.answerFacts({
      since,
      community: { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId },
    });
    if (facts.length === 0) return { text: ctx.msg("commands.stats.noAnswersYet"), private: true };
    const qs = questionStats(ctx.index, facts);
    const learners = new Set(facts.map((f) => f.learnerId)).size;
    const pct = Math.round((facts.filter((f) => f.correct).length / facts.length) * 100);
    const enough = qs.filter((q) => q.attempts >= MIN_ATTEMPTS);
    const hardest = [...enough].sort((a, b) => a.correctPct - b.correctPct).slice(0, 5);
    const weak = enough
      .filter((q) => q.discrimination !== null && q.discrimination < 0.2)
      .sort((a, b) => a.discrimination! - b.discrimination!)
      .slice(0, 5);
    const topics = topicDistribution(ctx.index, facts).filter((t) => t.learners > 0);
    const fields = [
      {
        name: ctx.msg("commands.stats.hardestQuestionsCorrect"),
        value:
          hardest
            .map(
              (q) =>
                `${q.questionId} ${q.correctPct}%${q.topWrong ? ` · ${ctx.msg("commands.stats.topWrong")} ${q.topWrong.label}` : ""}`,
            )
            .join("\n") || ctx.msg("commands.stats.needsAttemptsPerQuestion", { MIN_ATTEMPTS }),
      },
      {
        name: ctx.msg("commands.stats.lowDiscrimination"),
        value: weak.map((q) => `${q.questionId} D=${q.discrimination}`).join("\n") || "—",
      },
      {
        name: ctx.msg("commands.stats.topicMasteryMedian"),
        value:
          topics
            .map(
              (t) =>
                `${tr(ctx.index.topics.get(t.topic)?.name ?? { zh: t.topic, en: t.topic }, ctx.locale)}: ${t.median}% (${t.learners})`,
            )
            .join("\n") || "—",
      },
    ];
    return {
      title: ctx.msg("commands.stats.questionStatistics"),
      text: ctx.msg("commands.stats.correct", {
        learners: ctx.msg("common.count.learner", { count: learners }),
        answers: ctx.msg("common.count.answerGiven", { count: facts.length }),
        pct,
      }),
      fields,
      footer: ctx.msg("commands.stats.fullReportNpmRun"),
      private: true,
    };
  },
};
