// /quiz, /hint, /skip and the quiz buttons: start a session, answer, hint, skip, next.
// Malformed answers raise a UserError before anything is written.
import { ACTION } from "./action-ids";
import type { Question } from "../content/schema";
import { UserError } from "../errors";
import { grade } from "../grading/grade";
import { parseAnswer, type StructuredAnswer } from "../grading/parse-answer";
import { tr } from "../i18n";
import { planAdaptive } from "../learning/adaptive";
import { ratingFor, review } from "../learning/fsrs";
import { latestScores } from "../learning/mastery";
import type { SessionMode, SessionRecord } from "../ports/quiz";
import { pointsFor } from "../progress/points";
import { localDay, recordActivity, type StreakUpdate } from "../progress/streak";
import { DEFAULT_QUIZ_LENGTH, MAX_QUIZ_LENGTH, planQuiz } from "../quiz/planner";
import { questionReply, skipReply, summaryReply, verdictReply } from "../quiz/render";
import type { Reply } from "../reply";
import { answerRound, startRound } from "../rounds/channel-round";
import { ROUND_DEFAULT_SECONDS, ROUND_MAX_SECONDS, ROUND_MIN_SECONDS } from "../rounds/rules";
import type { ActionDef, ActionInput, CommandDef, Ctx } from "./types";
import { bilingual } from "../messages/catalogue";

const noQuiz = () => new UserError(bilingual("commands.quiz.youHaveNoQuiz"), "no_quiz");

async function openSession(ctx: Ctx, sessionId?: string): Promise<SessionRecord> {
  const s = sessionId
    ? await ctx.store.sessions.get(sessionId)
    : await ctx.store.sessions.findOpen(ctx.learner.id);
  return checkOpen(ctx, s);
}

/** The learner's own open session, or the reason there is none. */
function checkOpen(ctx: Ctx, s: SessionRecord | null): SessionRecord {
  if (!s || s.learnerId !== ctx.learner.id) throw noQuiz();
  if (s.status !== "open")
    throw new UserError(bilingual("commands.quiz.thatQuizIsOver"), "quiz_over");
  return s;
}

function currentQuestion(ctx: Ctx, s: SessionRecord): Question {
  const q = ctx.index.question(s.questionIds[s.position]);
  // Content changed since the session started: the question is gone. Not the learner's fault.
  if (!q) throw new UserError(bilingual("commands.quiz.thisQuestionWasRemoved"), "question_gone");
  return q;
}

function checkPosition(s: SessionRecord, pos: string | undefined): void {
  if (pos !== undefined && Number(pos) !== s.position)
    throw new UserError(bilingual("commands.quiz.thatQuestionWasAlready"), "stale_question");
}

/** After an answer or skip: the next question, or the summary when the quiz is over. */
async function nextOrSummary(ctx: Ctx, s: SessionRecord): Promise<Reply> {
  if (s.status === "open") return questionReply(currentQuestion(ctx, s), s, ctx.locale);
  const answers = await ctx.store.answers.listBySession(s.id);
  return summaryReply(answers, s.questionIds.length, ctx.locale);
}

export async function submitAnswer(
  ctx: Ctx,
  input: string | StructuredAnswer,
  sessionId?: string,
  pos?: string,
): Promise<Reply[]> {
  // The session and the learner's card for its current question, in one read.
  const found = await ctx.store.sessions.withCard(
    sessionId ? { id: sessionId } : { learnerId: ctx.learner.id },
  );
  const s = checkOpen(ctx, found?.session ?? null);
  checkPosition(s, pos);
  const q = currentQuestion(ctx, s);
  const given = parseAnswer(q, input, s.id);
  const g = grade(q, given, s.id);
  const now = ctx.clock.now();
  const hintUsed = s.hintsShown > 0;
  // Every answer writes the question's card in its transaction, so a card exists exactly when
  // the learner answered this question of this course before.
  const before = found?.card ?? null;
  const firstTry = before === null;
  const points = pointsFor({
    difficulty: q.difficulty,
    score: g.score,
    correct: g.correct,
    firstTry,
    hintUsed,
  });
  const timeTakenMs = Math.max(0, now.getTime() - (s.questionShownAt ?? s.startedAt).getTime());
  // The card and the streak are written in the answer's transaction (see SessionRepo.answer).
  const rating = ratingFor({
    correct: g.correct,
    hintUsed,
    timeTakenMs,
    type: q.type,
    card: before,
  });
  const card = { learnerId: ctx.learner.id, questionId: q.id, ...review(before, rating, now) };
  const l = ctx.learner;
  const streak = recordActivity(
    { count: l.streakCount, lastDay: l.streakLastDay, freezes: l.streakFreezes },
    localDay(now, l.timeZone),
  );
  // Written only if the stored day is still the one read: a stale copy cannot count a day twice.
  const streakWrite =
    streak.lastDay === l.streakLastDay
      ? undefined
      : {
          count: streak.count,
          lastDay: streak.lastDay,
          freezes: streak.freezes,
          previousDay: l.streakLastDay,
        };
  const last = s.position + 1 >= s.questionIds.length;
  const { session } = await ctx.store.sessions.answer(
    s.id,
    s.version,
    {
      position: s.position + 1,
      hintsShown: 0,
      questionShownAt: now,
      ...(last ? { status: "finished" as const, finishedAt: now } : {}),
    },
    {
      learnerId: ctx.learner.id,
      sessionId: s.id,
      questionId: q.id,
      topic: q.topic,
      lessonId: q.lesson,
      workspaceId: ctx.actor.workspaceId,
      given,
      correct: g.correct,
      score: g.score,
      points,
      timeTakenMs,
      hintUsed,
      firstTry,
      createdAt: now,
    },
    { card, streak: streakWrite },
  );
  const verdict = verdictReply(q, g, points, session, ctx.locale, ctx.index.termsOf(q));
  const note = streakNote(ctx, streak, l.streakLastDay);
  if (note) verdict.footer = `${verdict.footer} · ${note}`;
  // Text-only surfaces have no Next button to press, so the next question follows at once.
  if (ctx.actor.capabilities.textOnly || session.status !== "open")
    return [verdict, await nextOrSummary(ctx, session)];
  return [verdict];
}

/** A word about the streak on the first answer of a local day (or when a freeze saved it). */
function streakNote(ctx: Ctx, s: StreakUpdate, previousDay: string | null): string | undefined {
  if (s.lastDay === previousDay) return undefined;
  const parts = [ctx.msg("commands.quiz.dayStreak", { count: s.count })];
  if (s.frozeDays)
    parts.push(ctx.msg("commands.quiz.freezeUsedToKeep", { frozeDays: s.frozeDays }));
  if (s.earnedFreeze) parts.push(ctx.msg("commands.quiz.earnedAStreakFreeze"));
  if (s.broke) parts.push(ctx.msg("commands.quiz.aFreshStart"));
  return parts.join(", ");
}

/**
 * Replaces any open quiz with a new session over `questionIds` and shows the first question.
 * A quiz still open is closed, and the learner is told so: its answers stay recorded, and a
 * second /quiz typed by mistake costs only the question that was showing.
 */
export async function startSession(
  ctx: Ctx,
  mode: SessionMode,
  topic: string | null,
  questionIds: string[],
  intro: Reply,
): Promise<Reply[]> {
  const now = ctx.clock.now();
  const previous = await ctx.store.sessions.findOpen(ctx.learner.id);
  await ctx.store.sessions.abandonOpen(ctx.learner.id, now);
  const s = await ctx.store.sessions.create({
    learnerId: ctx.learner.id,
    mode,
    topic,
    questionIds,
    questionShownAt: now,
    startedAt: now,
  });
  // Said in the intro itself: every surface shows the intro with the first question.
  const shown = previous
    ? { ...intro, text: `${replacedNote(ctx, previous)}\n${intro.text ?? ""}` }
    : intro;
  return [shown, questionReply(currentQuestion(ctx, s), s, ctx.locale)];
}

function replacedNote(ctx: Ctx, old: SessionRecord): string {
  const done = old.position;
  const total = old.questionIds.length;
  return ctx.msg("commands.quiz.yourPreviousQuizWas", { count: total, done });
}

async function hint(ctx: Ctx, sessionId?: string, pos?: string): Promise<Reply> {
  const s = await openSession(ctx, sessionId);
  checkPosition(s, pos);
  const q = currentQuestion(ctx, s);
  if (s.hintsShown >= q.hints.length)
    return {
      text: ctx.msg("commands.quiz.noMoreHintsLast", {
        hint: tr(q.hints[q.hints.length - 1], ctx.locale),
      }),
      private: true,
    };
  await ctx.store.sessions.update(s.id, s.version, { hintsShown: s.hintsShown + 1 });
  return {
    text: `💡 ${tr(q.hints[s.hintsShown], ctx.locale)}`,
    footer: ctx.msg("commands.quiz.usingAHintHalves"),
    private: true,
  };
}

async function skip(ctx: Ctx, sessionId?: string, pos?: string): Promise<Reply[]> {
  const s = await openSession(ctx, sessionId);
  checkPosition(s, pos);
  const now = ctx.clock.now();
  const last = s.position + 1 >= s.questionIds.length;
  const q = ctx.index.question(s.questionIds[s.position]);
  const next = await ctx.store.sessions.update(s.id, s.version, {
    position: s.position + 1,
    hintsShown: 0,
    questionShownAt: now,
    ...(last ? { status: "finished" as const, finishedAt: now } : {}),
  });
  if (q) await ctx.store.answers.recordSkip(ctx.learner.id, ctx.actor.workspaceId, q.id, now);
  // The answer and its explanation are worth reading: like a verdict, they wait for Next on
  // surfaces that have the button (which then starts the next question's clock).
  const shown = skipReply(q, next, ctx.locale);
  if (ctx.actor.capabilities.textOnly || next.status !== "open")
    return [shown, await nextOrSummary(ctx, next)];
  return [shown];
}

export const quizCommand: CommandDef = {
  name: "quiz",
  description: bilingual("commands.quiz.startAQuizWithout"),
  private: true,
  options: [
    {
      name: "topic",
      type: "string",
      autocomplete: "topic",
      maxLength: 100,
      description: bilingual("commands.quiz.topicSeeTopics"),
    },
    {
      name: "count",
      type: "integer",
      min: 1,
      max: MAX_QUIZ_LENGTH,
      description: bilingual("commands.quiz.numberOfQuestionsDefault", { DEFAULT_QUIZ_LENGTH }),
    },
    {
      name: "mode",
      type: "string",
      description: bilingual("commands.quiz.personalPracticeOrA"),
      choices: [
        { value: "personal", name: bilingual("commands.quiz.personal") },
        { value: "channel", name: bilingual("commands.quiz.channelRound") },
      ],
    },
    {
      name: "seconds",
      type: "integer",
      min: ROUND_MIN_SECONDS,
      max: ROUND_MAX_SECONDS,
      description: bilingual("commands.quiz.secondsPerQuestionIn", { ROUND_DEFAULT_SECONDS }),
    },
  ],
  async run(ctx, args) {
    if (args.mode === "channel")
      return startRound(ctx, {
        topic: args.topic as string | undefined,
        count: args.count as number | undefined,
        seconds: args.seconds as number | undefined,
      });
    const topicText = args.topic as string | undefined;
    const topic = topicText ? ctx.index.findTopic(topicText) : undefined;
    if (topicText && !topic)
      throw new UserError(
        bilingual("commands.quiz.thereIsNoTopic", { topicText: topicText.slice(0, 50) }),
        "unknown_topic",
      );
    const count = (args.count as number | undefined) ?? DEFAULT_QUIZ_LENGTH;
    const now = ctx.clock.now();
    const seed = `${ctx.learner.id}:${now.getTime()}`;
    if (topic) {
      const questionIds = planQuiz(ctx.index, { topic: topic.id, count, seed });
      if (questionIds.length === 0)
        throw new UserError(bilingual("commands.quiz.thisTopicHasNo"), "empty_topic");
      return startSession(ctx, "practice", topic.id, questionIds, {
        text: ctx.msg("commands.quiz.quizOn", {
          name: tr(topic.name, ctx.locale),
          questions: ctx.msg("common.questions", { count: questionIds.length }),
        }),
      });
    }
    // No topic: adaptive — due reviews first, then new questions from the weakest topic. More
    // due cards than the quiz holds, so that quick ones can stand in for slow formats over the allowance.
    const due = (await ctx.store.cards.listDue(ctx.learner.id, now, count * 3)).map(
      (c) => c.questionId,
    );
    const latest = latestScores(await ctx.store.answers.listByLearner(ctx.learner.id));
    const questionIds = planAdaptive(ctx.index, { count, seed, due, latest });
    if (questionIds.length === 0)
      throw new UserError(bilingual("commands.quiz.theCourseHasNo"), "empty_course");
    const reviews = questionIds.filter((id) => due.includes(id)).length;
    const intro: Reply = {
      text: ctx.msg("commands.quiz.pickedForYou", {
        questions: ctx.msg("common.questions", { count: questionIds.length }),
        reviews: reviews ? ctx.msg("commands.quiz.dueForReview", { count: reviews }) : "",
      }),
    };
    return startSession(ctx, "practice", null, questionIds, intro);
  },
};

export const hintCommand: CommandDef = {
  name: "hint",
  description: bilingual("commands.quiz.aHintForThe"),
  private: true,
  run: (ctx) => hint(ctx),
};

export const skipCommand: CommandDef = {
  name: "skip",
  description: bilingual("commands.quiz.skipTheCurrentQuestion"),
  private: true,
  run: (ctx) => skip(ctx),
};

const answerValue = (input: ActionInput): string | StructuredAnswer =>
  input.text !== undefined ? input.text : { ids: input.values ?? [] };

export const quizActions: ActionDef[] = [
  {
    prefix: ACTION.quizAnswer,
    run: (ctx, [sid, pos], input) => submitAnswer(ctx, answerValue(input), sid, pos),
  },
  {
    prefix: ACTION.roundAnswer,
    advancesRounds: true,
    run: async (ctx, [rid, pos], input) => answerRound(ctx, rid, pos, answerValue(input)),
  },
  { prefix: ACTION.quizHint, run: (ctx, [sid, pos]) => hint(ctx, sid, pos) },
  { prefix: ACTION.quizSkip, run: (ctx, [sid, pos]) => skip(ctx, sid, pos) },
  {
    prefix: ACTION.quizNext,
    async run(ctx, [sid, pos]) {
      // The answer time starts now, when the question is shown, not when the previous one was
      // graded (the learner was reading its explanation). A Next from an older verdict shows the
      // current question again without restarting its clock. Showing leaves the version alone,
      // so a double click of Next, or an answer racing it, is never "already handled".
      const at = pos === undefined ? undefined : Number(pos);
      const s = sid
        ? await ctx.store.sessions.showQuestion(
            sid,
            ctx.learner.id,
            // A malformed position matches no position: the question is shown, its clock kept.
            at === undefined || Number.isInteger(at) ? at : -1,
            ctx.clock.now(),
          )
        : await ctx.store.sessions.findOpen(ctx.learner.id);
      const open = checkOpen(ctx, s);
      if (!sid) await ctx.store.sessions.markShown(open.id, open.position, ctx.clock.now());
      return questionReply(currentQuestion(ctx, open), open, ctx.locale);
    },
  },
];
