// /stats (admins): a short instructor report for this workspace — totals, the hardest
// questions, questions that do not discriminate, and topic mastery medians.
// The full report is `npm run cli -- report`.
import { questionStats } from "../analytics/question-stats";
import { topicDistribution } from "../analytics/topic-distribution";
import { bi, tr } from "../i18n";
import type { Reply } from "../reply";
import type { CommandDef } from "./types";

export const MIN_ATTEMPTS = 5;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export const statsCommand: CommandDef = {
  name: "stats",
  description: bi(
    "（管理员）本社区的题目统计摘要",
    "(admins) Question statistics for this community",
  ),
  admin: true,
  private: true,
  options: [
    {
      name: "days",
      type: "integer",
      min: 1,
      max: 3650,
      description: bi("只看最近几天（默认全部）", "Only the last N days (default: all)"),
    },
  ],
  async run(ctx, args): Promise<Reply> {
    const days = args.days as number | undefined;
    const since = days ? new Date(ctx.clock.now().getTime() - days * 86_400_000) : undefined;
    const facts = await ctx.store.analytics.answerFacts({
      since,
      community: { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId },
    });
    if (facts.length === 0)
      return { text: ctx.t("还没有作答数据。", "No answers yet."), private: true };
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
        name: ctx.t("最难的题（正确率）", "Hardest questions (% correct)"),
        value:
          hardest
            .map(
              (q) =>
                `${q.questionId} ${q.correctPct}%${q.topWrong ? ` · ${ctx.t("常见错选", "top wrong")} ${q.topWrong.label}` : ""}`,
            )
            .join("\n") ||
          ctx.t(
            `（每题至少 ${MIN_ATTEMPTS} 次作答才统计）`,
            `(needs ${MIN_ATTEMPTS}+ attempts per question)`,
          ),
      },
      {
        name: ctx.t("区分度低（< 0.2）", "Low discrimination (< 0.2)"),
        value: weak.map((q) => `${q.questionId} D=${q.discrimination}`).join("\n") || "—",
      },
      {
        name: ctx.t("主题掌握度中位数", "Topic mastery median"),
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
      title: ctx.t("题目统计", "Question statistics"),
      text: ctx.t(
        `${learners} 位学习者，${facts.length} 次作答，正确率 ${pct}%。`,
        `${plural(learners, "learner")}, ${plural(facts.length, "answer")}, ${pct}% correct.`,
      ),
      fields,
      footer: ctx.t("完整报告：npm run cli -- report", "Full report: npm run cli -- report"),
      private: true,
    };
  },
};
