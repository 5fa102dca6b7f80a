// /ask, the "Ask about this" button under a verdict (tutor.about:<questionId>), and the
// free-text hook: plain text when no quiz is open goes to the tutor.
import { ACTION } from "./action-ids";
import { UserError } from "../errors";
import type { Reply } from "../reply";
import { MAX_QUESTION } from "../tutor/service";
import type { ActionDef, CommandDef, Ctx } from "./types";
import { bilingual } from "../messages/catalogue";

function tutorOf(ctx: Ctx) {
  if (!ctx.tutor) throw new UserError(bilingual("commands.tutor.theTutorIsNot"), "tutor_off");
  return ctx.tutor;
}

export const askCommand: CommandDef = {
  name: "ask",
  streams: true,
  description: bilingual("commands.tutor.askTheTutorA"),
  options: [
    {
      name: "question",
      type: "string",
      required: true,
      rest: true,
      maxLength: MAX_QUESTION,
      description: bilingual("commands.tutor.yourQuestion"),
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
      text: ctx.msg("commands.tutor.noQuizIsOpen"),
    };
  return ctx.tutor.ask(ctx, text, { onProgress: ctx.onProgress });
}
