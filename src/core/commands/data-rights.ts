// Learner data rights: /export (everything stored about you, as a JSON file, privately) and
// /forget-me (deletes every row about you after a confirmation: a button on Discord/Slack,
// `/forget-me confirm` (or `confirm:yes`) on text surfaces; the confirmation expires after 10 minutes).
import { bi, count } from "../i18n";
import type { LearnerExport } from "../ports/learning";
import type { Reply } from "../reply";
import { exportMissed } from "./export-missed";
import type { ActionDef, CommandDef, Ctx } from "./types";

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
  description: bi(
    "导出关于你的全部数据（JSON），或答错的题（Anki 卡组）",
    "Export everything stored about you (JSON), or the questions you missed (Anki deck)",
  ),
  private: true,
  options: [
    {
      name: "what",
      type: "string",
      description: bi(
        "missed：答错的题，做成 Anki 卡组",
        "missed: the questions you got wrong, as an Anki deck",
      ),
      choices: [{ value: "missed", name: bi("答错的题（Anki）", "missed questions (Anki)") }],
    },
  ],
  async run(ctx, args): Promise<Reply> {
    if (args.what === "missed") return exportMissed(ctx);
    const data = await ctx.store.privacy.exportLearner(ctx.learner.id);
    if (!data || isEmptyExport(data))
      return {
        text: ctx.t("我们没有存储关于你的任何学习数据。", "We store no learning data about you."),
        private: true,
      };
    const json = JSON.stringify({ exportedAt: ctx.clock.now().toISOString(), ...data }, null, 2);
    const date = ctx.clock.now().toISOString().slice(0, 10);
    return {
      text: ctx.t(
        `这是关于你的全部数据：${data.answers.length} 条作答，${data.sessions.length} 次测验，${data.cards.length} 张复习卡片。`,
        `Here is everything stored about you: ${count(data.answers.length, "answer")}, ${count(data.sessions.length, "quiz", "quizzes")}, ${count(data.cards.length, "review card")}.`,
      ),
      attachments: [
        {
          filename: `coursebot-export-${date}.json`,
          contentType: "application/json",
          data: new TextEncoder().encode(json),
          description: ctx.t("你的数据", "Your data"),
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
    text: ctx.t(
      `已删除关于你的全部数据（${counts.answers ?? 0} 条作答）。之后再发消息会作为新用户开始。`,
      `Everything about you has been deleted (${count(counts.answers ?? 0, "answer")}). If you write again you start as a new learner.`,
    ),
    tone: "success",
    private: true,
  };
}

export const forgetMeCommand: CommandDef = {
  name: "forget-me",
  description: bi(
    "删除关于你的全部数据（需确认）",
    "Delete everything stored about you (asks first)",
  ),
  private: true,
  options: [
    {
      name: "confirm",
      type: "string",
      description: bi("确认删除：yes", "Confirm deletion: yes"),
      choices: [{ value: "yes", name: bi("是", "yes") }],
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
      title: ctx.t("删除全部数据？", "Delete all your data?"),
      text: ctx.t(
        `这会永久删除你的作答、进度、复习卡片、连续天数、积分和对话，无法恢复。${CONFIRM_MINUTES} 分钟内点“删除”或输入 /forget-me confirm 确认。需要备份的话先用 /export。`,
        `This permanently deletes your answers, progress, review cards, streak, points and tutor conversations. It cannot be undone. Within ${CONFIRM_MINUTES} minutes press Delete or type /forget-me confirm. Use /export first if you want a copy.`,
      ),
      tone: "warning",
      buttons: [
        {
          type: "button",
          id: `forget.confirm:${token}`,
          label: ctx.t("删除", "Delete"),
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
    prefix: "forget.confirm",
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
          text: ctx.t(
            "这个确认已过期。请重新输入 /forget-me。",
            "That confirmation has expired. Type /forget-me again.",
          ),
          tone: "warning",
          private: true,
        };
      return forget(ctx);
    },
  },
];
