// Learner data rights: /export (everything stored about you, as a JSON file, privately) and
// /forget-me (deletes every row about you after a confirmation: a button on Discord/Slack,
// `/forget-me confirm` (or `confirm:yes`) on text surfaces; the confirmation expires after 10 minutes).
import { ACTION, actionId } from "./action-ids";
import type { LearnerExport } from "../ports/learning";
import type { Reply } from "../reply";
import { exportMissed } from "./export-missed";
import type { ActionDef, CommandDef, Ctx } from "./types";
import { bilingual } from "../messages/catalogue";

export const FORGET_ACTION = "forget-me";
export const CONFIRM_MINUTES = 10;

/** True when nothing beyond the bare profile row (re-created by any message) is stored. */
export function isEmptyExport(e: LearnerExport): boolean {
  const l = e.learner as {
    locale?: unknown;
    timeZone?: unknown;
    remindersOn?: unknown;
    streakCount?: unknown;
  };
  const lists = [
    e.sessions,
    e.answers,
    e.cards,
    e.tutorTurns,
    e.llmUsage,
    e.confirmations,
    e.reminders,
    e.roundAnswers,
    e.subscriptions,
  ];
  return (
    lists.every((x) => x.length === 0) &&
    !e.llmBudget &&
    l.locale == null &&
    l.timeZone === "UTC" &&
    !l.remindersOn &&
    !l.streakCount
  );
}

export const exportCommand: CommandDef = {
  name: "export",
  description: bilingual("commands.data-rights.exportEverythingStoredAbout"),
  private: true,
  options: [
    {
      name: "what",
      type: "string",
      description: bilingual("commands.data-rights.missedTheQuestionsYou"),
      choices: [{ value: "missed", name: bilingual("commands.data-rights.missedQuestionsAnki") }],
    },
  ],
  async run(ctx, args): Promise<Reply> {
    if (args.what === "missed") return exportMissed(ctx);
    const data = await ctx.store.privacy.exportLearner(ctx.learner.id);
    if (!data || isEmptyExport(data))
      return {
        text: ctx.msg("commands.data-rights.weStoreNoLearning"),
        private: true,
      };
    const json = JSON.stringify({ exportedAt: ctx.clock.now().toISOString(), ...data }, null, 2);
    const date = ctx.clock.now().toISOString().slice(0, 10);
    return {
      text: ctx.msg("commands.data-rights.hereIsEverythingStored", {
        answers: ctx.msg("common.count.answer", { count: data.answers.length }),
        quizzes: ctx.msg("common.count.quiz", { count: data.sessions.length }),
        cards: ctx.msg("common.count.reviewCard", { count: data.cards.length }),
      }),
      attachments: [
        {
          filename: `coursebot-export-${date}.json`,
          contentType: "application/json",
          data: new TextEncoder().encode(json),
          description: ctx.msg("commands.data-rights.yourData"),
        },
      ],
      private: true,
    };
  },
};

async function forget(ctx: Ctx): Promise<Reply> {
  const counts = await ctx.store.privacy.forgetLearner(ctx.learner.id);
  ctx.logger.info({ learner: ctx.learner.id, counts }, "learner data deleted on request");
  return {
    text: ctx.msg("commands.data-rights.everythingAboutYouHas", {
      answers: ctx.msg("common.count.answer", { count: counts.answers ?? 0 }),
    }),
    tone: "success",
    private: true,
  };
}

export const forgetMeCommand: CommandDef = {
  name: "forget-me",
  description: bilingual("commands.data-rights.deleteEverythingStoredAbout"),
  private: true,
  options: [
    {
      name: "confirm",
      type: "string",
      description: bilingual("commands.data-rights.confirmDeletionYes"),
      choices: [{ value: "yes", name: bilingual("commands.data-rights.yes") }],
    },
  ],
  async run(ctx, args): Promise<Reply> {
    const now = ctx.clock.now();
    if (
      args.confirm === "yes" &&
      (await ctx.store.confirmations.consume(ctx.learner.id, FORGET_ACTION, now))
    )
      return forget(ctx);
    const token = await ctx.store.confirmations.issue(
      ctx.learner.id,
      FORGET_ACTION,
      new Date(now.getTime() + CONFIRM_MINUTES * 60_000),
    );
    return {
      title: ctx.msg("commands.data-rights.deleteAllYourData"),
      text: ctx.msg("commands.data-rights.thisPermanentlyDeletesYour", { CONFIRM_MINUTES }),
      tone: "warning",
      buttons: [
        {
          type: "button",
          id: actionId(ACTION.forgetConfirm, token),
          label: ctx.msg("commands.data-rights.delete"),
          style: "danger",
          command: "/forget-me confirm",
        },
      ],
      private: true,
    };
  },
};

export const dataRightsActions: ActionDef[] = [
  {
    prefix: ACTION.forgetConfirm,
    async run(ctx, [token]) {
      if (
        !token ||
        !(await ctx.store.confirmations.consume(
          ctx.learner.id,
          FORGET_ACTION,
          ctx.clock.now(),
          token,
        ))
      )
        return {
          text: ctx.msg("commands.data-rights.thatConfirmationHasExpired"),
          tone: "warning",
          private: true,
        };
      return forget(ctx);
    },
  },
];
