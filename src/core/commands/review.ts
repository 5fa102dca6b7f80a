// /review: a quiz of the learner's due FSRS cards, oldest due first.
import { bi } from "../i18n";
import { formatLocal } from "../progress/time-format";
import { MAX_QUIZ_LENGTH } from "../quiz/planner";
import { startSession } from "./quiz";
import type { CommandDef } from "./types";

export const DEFAULT_REVIEW_LENGTH = 10;

export const reviewCommand: CommandDef = {
  name: "review",
  description: bi(
    "复习到期的题目（间隔重复）",
    "Review the questions that are due (spaced repetition)",
  ),
  private: true,
  options: [
    {
      name: "count",
      type: "integer",
      min: 1,
      max: MAX_QUIZ_LENGTH,
      description: bi(
        `最多几题（默认 ${DEFAULT_REVIEW_LENGTH}）`,
        `At most this many (default ${DEFAULT_REVIEW_LENGTH})`,
      ),
    },
  ],
  async run(ctx, args) {
    const now = ctx.clock.now();
    const count = (args.count as number | undefined) ?? DEFAULT_REVIEW_LENGTH;
    // Cards of questions removed from the course are skipped rather than served.
    const due = (await ctx.store.cards.listDue(ctx.learner.id, now))
      .map((c) => c.questionId)
      .filter((id) => ctx.index.question(id));
    if (due.length === 0) {
      const next = await ctx.store.cards.nextDue(ctx.learner.id);
      const when = next ? formatLocal(next, ctx.learner.timeZone, ctx.locale) : undefined;
      return {
        text: when
          ? ctx.t(
              `现在没有要复习的题目。下一次复习：${when}。`,
              `Nothing is due right now. Next review: ${when}.`,
            )
          : ctx.t(
              "还没有复习卡片。先用 /quiz 答几道题吧。",
              "No review cards yet. Answer a few questions with /quiz first.",
            ),
        private: true,
      };
    }
    const ids = due.slice(0, count);
    const more = due.length - ids.length;
    return startSession(ctx, "review", null, ids, {
      text: ctx.t(
        `复习：${ids.length} 道到期题目${more ? `（还有 ${more} 道）` : ""}。`,
        `Review: ${ids.length} due question${ids.length === 1 ? "" : "s"}${more ? ` (${more} more waiting)` : ""}.`,
      ),
    });
  },
};
