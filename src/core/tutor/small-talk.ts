// Greetings and thanks sent to the tutor ("hello", "thanks!", "你好", "谢谢"): answered with a short
// greeting that says what the bot can do, or a short "you're welcome", instead of a search of the
// notes that can only end in "the notes don't cover that". Only a whole message counts: "hello,
// what is attention?" is a question and goes to the notes.
import type { Locale } from "../i18n";
import { msg } from "../messages/catalogue";

const POLITE = `(?:please|pls|bot|tutor|there|everyone|all|老师|助教|你|您|呀|啊|哈|啦|呢)`;
const END = String.raw`[\s!！.。~～,，:)）😀🙂👋🙏]*`;
const GREETING = new RegExp(
  String.raw`^\s*(?:hi+|hello+|hey+|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)|你好|您好|嗨|哈喽|哈啰|早上好|上午好|下午好|晚上好|早安|大家好)${END}(?:${POLITE}${END})*$`,
  "iu",
);
const THANKS = new RegExp(
  String.raw`^\s*(?:(?:ok(?:ay)?|great|cool|nice|got it|perfect|好的|明白了|懂了|好)${END})?(?:thanks?(?: you)?(?: (?:a lot|so much|very much))?|thx|ty|cheers|many thanks|much appreciated|谢谢|多谢|感谢|谢啦|谢了|辛苦了)${END}(?:${POLITE}${END})*$`,
  "iu",
);

export type SmallTalk = "greeting" | "thanks";

export function smallTalkKind(text: string): SmallTalk | undefined {
  if (text.length > 60) return undefined;
  if (GREETING.test(text)) return "greeting";
  if (THANKS.test(text)) return "thanks";
  return undefined;
}

/** The reply to a greeting or a thank-you, in the learner's language. */
export function smallTalkReply(kind: SmallTalk, locale: Locale): string {
  if (kind === "greeting") return msg(locale, "tutor.small-talk.hiIMThe");
  return msg(locale, "tutor.small-talk.youReWelcomeAsk");
}
