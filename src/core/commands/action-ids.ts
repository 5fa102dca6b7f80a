// Action ids, built and parsed here only: "<prefix>:<part>:<part>…" (≤ 100 characters, Discord's
// limit for the ids it carries). The core builds them for buttons and question widgets; the bot
// parses them to find the ActionDef; adapters ask the bot for the action's declared behaviour
// (ActionDef) instead of matching prefixes themselves.

const SEPARATOR = ":";

/** Every action the core routes; an ActionDef's prefix must be one of them. */
export const ACTION = {
  quizAnswer: "quiz.answer",
  quizHint: "quiz.hint",
  quizSkip: "quiz.skip",
  quizNext: "quiz.next",
  roundAnswer: "round.answer",
  tutorAbout: "tutor.about",
  lessonQuiz: "lesson.quiz",
  lessonAsk: "lesson.ask",
  forgetConfirm: "forget.confirm",
  content: "content",
} as const;

export type ActionPrefix = (typeof ACTION)[keyof typeof ACTION];

export interface ParsedAction {
  prefix: string;
  parts: string[];
}

export function actionId(prefix: ActionPrefix, ...parts: (string | number)[]): string {
  return [prefix, ...parts.map(String)].join(SEPARATOR);
}

export function parseActionId(id: string): ParsedAction {
  const [prefix, ...parts] = id.split(SEPARATOR);
  return { prefix, parts };
}
