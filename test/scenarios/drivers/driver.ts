// The one interface the scenario suite drives every platform through. Each implementation talks
// to the running app over that platform's real wire format (signed HTTP, the terminal's
// streams) and reads back what the platform would show; nothing here reaches into the core.
import type { AnswerValue, FixtureCourse, FixtureQuestion } from "./common";

/** What a person sees of one message: all its text, and the labels of its widgets. */
export interface Shown {
  text: string;
  labels: string[];
  /** Who sees it: only the learner it answers, or everyone in the conversation. */
  visibility: "private" | "public";
}

export interface Learner {
  id: string;
  name: string;
}

/** What a platform can do; the scenario asserts the documented fallback where it cannot. */
export interface Capabilities {
  /** Tutor answers are edited in place while they stream (else: one final message). */
  streaming: boolean;
  /** Shared channels with several learners: channel rounds and channel lesson subscriptions
   *  (else: rounds are refused with a pointer to /quiz, lessons go to the learner's DM). */
  channels: boolean;
}

export interface PlatformDriver {
  readonly name: "discord" | "slack" | "console";
  readonly caps: Capabilities;
  /** The two learners of the scenario; the first is an admin (may subscribe channels). */
  readonly learners: [Learner, Learner];
  start(course: FixtureCourse): Promise<void>;
  stop(): Promise<void>;
  /** /quiz count:N → the first question shown. */
  startQuiz(who: Learner, count: number): Promise<Shown>;
  /** Answers the question on screen with the platform's widget for its type; returns the
   *  verdict, and the next question (or the end-of-quiz summary) the learner then sees. */
  answer(
    who: Learner,
    q: FixtureQuestion,
    value: AnswerValue,
  ): Promise<{ verdict: Shown; next?: Shown }>;
  /** Hint on the question on screen. */
  hint(who: Learner): Promise<Shown>;
  /** Skip on the question on screen; returns what the skip shows (answer, explanation). */
  skip(who: Learner): Promise<Shown>;
  /** /ask: every version of the answer shown, in order (the last is what stays). */
  ask(who: Learner, question: string): Promise<{ versions: string[]; final: Shown }>;
  /** /quiz mode:channel count:N in the shared channel → its first question. */
  startRound(who: Learner, count: number): Promise<Shown>;
  /** A learner answers the round's open question (on the shared message); returns what the
   *  learner sees. */
  answerRound(who: Learner, q: FixtureQuestion, value: AnswerValue): Promise<Shown>;
  /** Lets the open question's time run out; returns what the channel is then shown (the
   *  reveal, and the next question or the scoreboard), which becomes the open question. */
  timeUp(): Promise<Shown[]>;
  /** /lesson subscribe (first learner, in the channel) and runs the scheduler at the due time;
   *  returns the lesson posts of that tick and of a second tick right after. */
  deliverLesson(): Promise<{ first: Shown[]; second: Shown[]; where: "channel" | "dm" }>;
  /** /progress: a reply meant for the asker only. */
  progress(who: Learner): Promise<Shown>;
}
