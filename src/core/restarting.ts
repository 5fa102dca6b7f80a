// The reply for a request the bot could not finish because it is shutting down (a deploy or a
// restart) and its time ran out: nothing was lost that the learner cannot redo, so "try again".
import { bi, tr, type Locale } from "./i18n";
import type { Reply } from "./reply";

export const RESTARTING = bi(
  "机器人正在重启，这一步没有完成。请稍后再试一次。",
  "The bot is restarting and could not finish this. Please try again in a moment.",
);

export function restartingReply(locale: Locale): Reply {
  return { text: tr(RESTARTING, locale), tone: "warning", private: true, locale };
}
