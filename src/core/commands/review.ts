// /review: a quiz of the learner's due FSRS cards, oldest due first.
import { formatLocal } from "../progress/time-format";
import { MAX_QUIZ_LENGTH } from "../quiz/planner";
import { startSession } from "./quiz";
import type { CommandDef } from "./types";
import { bilingual } from "../messages/catalogue";

export const DEFAULT_REVIEW_LENGTH = 10;

export const reviewCommand: CommandDef = {
  name: "review",
  description: bilingual("commands.review.reviewTheQuestionsThat"),
  private: true,
  options: [
    {
      name: "count",
      type: "integer",
      min: 1,
      max: MAX_QUIZ_LENGTH,
      description: bilingual("commands.review.atMostThisMany", { DEFAULT_REVIEW_LENGTH }),
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
          ? ctx.msg("commands.review.nothingIsDueRight", { when })
          : ctx.msg("commands.review.noReviewCardsYet"),
        private: true,
      };
    }
    const ids = due.slice(0, count);
    const more = due.length - ids.length;
    return startSession(ctx, "review", null, ids, {
      text: ctx.msg("commands.review.started", {
        count: ids.length,
        more: more ? ctx.msg("commands.review.moreWaiting", { count: more }) : "",
      }),
    });
  },
};
