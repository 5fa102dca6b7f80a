// /ask, the "Ask about this" button under a verdict (tutor.about:<questionId>), and the
// free-text hook: plain text when no quiz is open goes to the tutor.
import { ACTION } from "./action-ids";
import { UserError } from "../errors";
import { bi } from "../i18n";
import type { Reply } from "../reply";
import { MAX_QUESTION } from "../tutor/service";
import type { ActionDef, CommandDef, Ctx } from "./types";

function tutorOf(ctx: Ctx) {
  if (!ctx.tutor)
    throw new UserError(bi("助教功能没有启用。", "The tutor is not enabled here."), "tutor_off");
  return ctx.tutor;
}

export const askCommand: CommandDef = {
  name: "ask",
  streams: true,
  description: bi(
    "向助教提问（根据课程笔记回答）",
    "Ask the tutor a question (answered from the course notes)",
  ),
  options: [
    {
      name: "question",
      type: "string",
      required: true,
      rest: true,
      maxLength: MAX_QUESTION,
      description: bi("你的问题", "Your question"),
    },
  ],
  run: (ctx, args) =>
    tutorOf(ctx).ask(ctx, String(args.question ?? ""), { onProgress: ctx.onProgress }),
};

export const tutorActions: ActionDef[] = [
  {
    prefix: ACTION.tutorAbout,
    opensThread: true,
    run: (ctx, [questionId]) => tutorOf(ctx).about(ctx, questionId ?? ""),
  },
];

/** For createBot's onFreeText: the tutor answers, or the usual pointer when it is off. */
export async function tutorFreeText(ctx: Ctx, text: string): Promise<Reply> {
  if (!ctx.tutor)
    return {
      text: ctx.t(
        "现在没有进行中的测验。输入 /quiz 开始，或 /help 查看命令。",
        "No quiz is open. Type /quiz to start one, or /help for commands.",
      ),
    };
  return ctx.tutor.ask(ctx, text, { onProgress: ctx.onProgress });
}
