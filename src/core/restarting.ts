// The reply for a request the bot could not finish because it is shutting down (a deploy or a
// restart) and its time ran out: nothing was lost that the learner cannot redo, so "try again".
import { tr, type Locale } from "./i18n";
import type { Reply } from "./reply";
import { bilingual } from "./messages/catalogue";

export const RESTARTING = bilingual("restarting.theBotIsRestarting");

export function restartingReply(locale: Locale): Reply {
  return { text: tr(RESTARTING, locale), tone: "warning", private: true, locale };
}
