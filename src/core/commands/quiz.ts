// /quiz, /hint, /skip and the quiz buttons: start a session, answer, hint, skip, next.
// Malformed answers raise a UserError before anything is written.
import type { Question } from "../content/schema";
import { UserError } from "../errors";
import { grade } from "../grading/grade";
import { parseAnswer, type StructuredAnswer } from "../grading/parse-answer";
import { bi, tr } from "../i18n";
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

const noQuiz = () =>
  new UserError(
    bi(
      "你现在没有进行中的测验。输入 /quiz 开始。",
      "You have no quiz in progress. Type /quiz to start one.",
    ),
    "no_quiz",
  );

async function openSession(ctx: Ctx, sessionId?: string): Promise<SessionRecord> {
  const s = sessionId
    ? await ctx.store.sessions.get(sessionId)
    : await ctx.store.sessions.findOpen(ctx.learner.id);
  if (!s || s.learnerId !== ctx.learner.id) throw noQuiz();
  if (s.status !== "open")
    throw new UserError(
      bi(
        "这轮测验已经结束了。输入 /quiz 再来一轮。",
        "That quiz is over. Type /quiz for a new one.",
      ),
      "quiz_over",
    );
  return s;
}

function currentQuestion(ctx: Ctx, s: SessionRecord): Question {
  const q = ctx.index.question(s.questionIds[s.position]);
  // Content changed since the session started: the question is gone. Not the learner's fault.
  if (!q)
    throw new UserError(
      bi(
        "这道题已从课程中移除，请用 /skip 跳过。",
        "This question was removed from the course; use /skip to move on.",
      ),
      "question_gone",
    );
  return q;
}

function checkPosition(s: SessionRecord, pos: string | undefined): void {
  if (pos !== undefined && Number(pos) !== s.position)
    throw new UserError(
      bi(
        "这道题已经答过了，请看最新的题目。",
        "That question was already answered; see the latest one.",
      ),
      "stale_question",
    );
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
  const s = await openSession(ctx, sessionId);
  checkPosition(s, pos);
  const q = currentQuestion(ctx, s);
  const given = parseAnswer(q, input, s.id);
  const g = grade(q, given, s.id);
  const now = ctx.clock.now();
  const hintUsed = s.hintsShown > 0;
  const firstTry = !(await ctx.store.answers.hasAnswered(ctx.learner.id, q.id));
  const points = pointsFor({
    difficulty: q.difficulty,
    score: g.score,
    correct: g.correct,
    firstTry,
    hintUsed,
  });
  const timeTakenMs = Math.max(0, now.getTime() - (s.questionShownAt ?? s.startedAt).getTime());
  // The card and the streak are written in the answer's transaction (see SessionRepo.answer).
  const before = await ctx.store.cards.get(ctx.learner.id, q.id);
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
  const learnerPatch =
    streak.lastDay === l.streakLastDay
      ? {}
      : { streakCount: streak.count, streakLastDay: streak.lastDay, streakFreezes: streak.freezes };
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
    { card, learner: learnerPatch },
  );
  const verdict = verdictReply(q, g, points, session, ctx.locale, ctx.index.termsOf(q));
  const note = streakNote(ctx, streak, l.streakLastDay);
  if (note) verdict.footer = `${verdict.footer} · ${note}`;
  // Text-only surfaces have no Next button to press, so the next question follows at once.
  if (ctx.actor.platform === "console" || session.status !== "open")
    return [verdict, await nextOrSummary(ctx, session)];
  return [verdict];
}

/** A word about the streak on the first answer of a local day (or when a freeze saved it). */
function streakNote(ctx: Ctx, s: StreakUpdate, previousDay: string | null): string | undefined {
  if (s.lastDay === previousDay) return undefined;
  const parts = [ctx.t(`🔥 连续 ${s.count} 天`, `🔥 ${s.count}-day streak`)];
  if (s.frozeDays)
    parts.push(
      ctx.t(`用掉 ${s.frozeDays} 个冻结保住了连续记录`, `${s.frozeDays} freeze used to keep it`),
    );
  if (s.earnedFreeze) parts.push(ctx.t("获得 1 个连续冻结", "earned a streak freeze"));
  if (s.broke) parts.push(ctx.t("重新开始", "a fresh start"));
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
  return ctx.t(
    `⚠️ 你上一轮测验还没做完（${total} 题中已完成 ${done} 题），现在由这一轮代替；已答的题都保留在进度里。`,
    `⚠️ Your previous quiz was not finished (${done} of ${total} question${total === 1 ? "" : "s"} done); this one replaces it. Answers you gave are kept in your progress.`,
  );
}

async function hint(ctx: Ctx, sessionId?: string, pos?: string): Promise<Reply> {
  const s = await openSession(ctx, sessionId);
  checkPosition(s, pos);
  const q = currentQuestion(ctx, s);
  if (s.hintsShown >= q.hints.length)
    return {
      text: ctx.t(
        `没有更多提示了。提示：${tr(q.hints[q.hints.length - 1], "zh")}`,
        `No more hints. Last hint: ${tr(q.hints[q.hints.length - 1], "en")}`,
      ),
      private: true,
    };
  await ctx.store.sessions.update(s.id, s.version, { hintsShown: s.hintsShown + 1 });
  return {
    text: `💡 ${tr(q.hints[s.hintsShown], ctx.locale)}`,
    footer: ctx.t("用了提示，本题得分减半。", "Using a hint halves this question's points."),
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
  if (ctx.actor.platform === "console" || next.status !== "open")
    return [shown, await nextOrSummary(ctx, next)];
  return [shown];
}

export const quizCommand: CommandDef = {
  name: "quiz",
  description: bi(
    "开始一轮测验（不指定主题时按你的进度挑题）",
    "Start a quiz (without a topic: picked for you — due reviews, then your weakest topic)",
  ),
  private: true,
  options: [
    {
      name: "topic",
      type: "string",
      autocomplete: "topic",
      maxLength: 100,
      description: bi("主题（见 /topics）", "Topic (see /topics)"),
    },
    {
      name: "count",
      type: "integer",
      min: 1,
      max: MAX_QUIZ_LENGTH,
      description: bi(
        `题数（默认 ${DEFAULT_QUIZ_LENGTH}）`,
        `Number of questions (default ${DEFAULT_QUIZ_LENGTH})`,
      ),
    },
    {
      name: "mode",
      type: "string",
      description: bi(
        "个人练习，或在频道里限时抢答",
        "Personal practice, or a timed round for the whole channel",
      ),
      choices: [
        { value: "personal", name: bi("个人", "Personal") },
        { value: "channel", name: bi("频道抢答", "Channel round") },
      ],
    },
    {
      name: "seconds",
      type: "integer",
      min: ROUND_MIN_SECONDS,
      max: ROUND_MAX_SECONDS,
      description: bi(
        `频道抢答每题秒数（默认 ${ROUND_DEFAULT_SECONDS}）`,
        `Seconds per question in a channel round (default ${ROUND_DEFAULT_SECONDS})`,
      ),
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
        bi(
          `没有叫“${topicText.slice(0, 50)}”的主题。输入 /topics 查看全部主题。`,
          `There is no topic "${topicText.slice(0, 50)}". Type /topics to see them all.`,
        ),
        "unknown_topic",
      );
    const count = (args.count as number | undefined) ?? DEFAULT_QUIZ_LENGTH;
    const now = ctx.clock.now();
    const seed = `${ctx.learner.id}:${now.getTime()}`;
    const n = (k: number) => `${k} question${k === 1 ? "" : "s"}`;
    if (topic) {
      const questionIds = planQuiz(ctx.index, { topic: topic.id, count, seed });
      if (questionIds.length === 0)
        throw new UserError(
          bi("这个主题还没有题目。", "This topic has no questions yet."),
          "empty_topic",
        );
      return startSession(ctx, "practice", topic.id, questionIds, {
        text: ctx.t(
          `开始测验：${tr(topic.name, "zh")}，共 ${questionIds.length} 题。`,
          `Quiz on ${tr(topic.name, "en")}: ${n(questionIds.length)}.`,
        ),
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
      throw new UserError(
        bi("课程里还没有题目。", "The course has no questions yet."),
        "empty_course",
      );
    const reviews = questionIds.filter((id) => due.includes(id)).length;
    const intro: Reply = {
      text: ctx.t(
        `为你挑选的测验：共 ${questionIds.length} 题${reviews ? `（其中 ${reviews} 道到期复习）` : ""}。`,
        `A quiz picked for you: ${n(questionIds.length)}${reviews ? ` (${reviews} due for review)` : ""}.`,
      ),
    };
    return startSession(ctx, "practice", null, questionIds, intro);
  },
};

export const hintCommand: CommandDef = {
  name: "hint",
  description: bi(
    "当前题目的提示（得分减半）",
    "A hint for the current question (halves its points)",
  ),
  private: true,
  run: (ctx) => hint(ctx),
};

export const skipCommand: CommandDef = {
  name: "skip",
  description: bi("跳过当前题目", "Skip the current question"),
  private: true,
  run: (ctx) => skip(ctx),
};

const answerValue = (input: ActionInput): string | StructuredAnswer =>
  input.text !== undefined ? input.text : { ids: input.values ?? [] };

export const quizActions: ActionDef[] = [
  {
    prefix: "quiz.answer",
    run: (ctx, [sid, pos], input) => submitAnswer(ctx, answerValue(input), sid, pos),
  },
  {
    prefix: "round.answer",
    run: async (ctx, [rid, pos], input) => answerRound(ctx, rid, pos, answerValue(input)),
  },
  { prefix: "quiz.hint", run: (ctx, [sid, pos]) => hint(ctx, sid, pos) },
  { prefix: "quiz.skip", run: (ctx, [sid, pos]) => skip(ctx, sid, pos) },
  {
    prefix: "quiz.next",
    async run(ctx, [sid, pos]) {
      const s = await openSession(ctx, sid);
      const q = currentQuestion(ctx, s);
      // The answer time starts now, when the question is shown, not when the previous one was
      // graded (the learner was reading its explanation). A Next from an older verdict shows the
      // current question again without restarting its clock. markShown leaves the version alone,
      // so a double click of Next, or an answer racing it, is never "already handled".
      if (pos === undefined || Number(pos) === s.position)
        await ctx.store.sessions.markShown(s.id, s.position, ctx.clock.now());
      return questionReply(q, s, ctx.locale);
    },
  },
];
