// Timed channel rounds: start one in a channel, take answers against the deadline, and advance
// rounds whose time is up. Everything is derived from stored state (no timers here): any
// instance may call advanceDueRounds on a tick or on an interaction, and the version guard lets
// exactly one of them post the reveal and the next question. Adapters post the returned replies.
import type { Ctx, Services } from "../commands/types";
import type { Question } from "../content/schema";
import { UserError } from "../errors";
import { grade } from "../grading/grade";
import { parseAnswer, type StructuredAnswer } from "../grading/parse-answer";
import { bi } from "../i18n";
import { DuplicateRoundAnswerError, StaleRoundError, type RoundRecord } from "../ports/rounds";
import { planQuiz } from "../quiz/planner";
import type { Reply } from "../reply";
import { roundQuestionReply, revealReply, scoreboardReply } from "./render";
import { deadlineOf, isDue, pointsForQuestion, scoreboard, ROUND_DEFAULT_QUESTIONS, ROUND_DEFAULT_SECONDS } from "./rules";

export interface StartRoundOptions { topic?: string; count?: number; seconds?: number }

/** What an adapter must post to a round's channel after advancing it. */
export interface RoundEvent { round: RoundRecord; replies: Reply[]; finished: boolean }

function questionOf(services: Pick<Services, "index">, round: RoundRecord, index: number): Question {
  const q = services.index.question(round.questionIds[index]);
  if (!q) throw new UserError(bi("这道题已从课程中移除。", "This question was removed from the course."), "question_gone");
  return q;
}

export async function startRound(ctx: Ctx, opts: StartRoundOptions): Promise<Reply[]> {
  const { actor } = ctx;
  if (actor.isDirectMessage || !actor.channelId)
    throw new UserError(bi("频道抢答只能在服务器频道里进行；私聊里请用 /quiz。", "Channel rounds run in a server channel; in a direct message use /quiz."), "round_needs_channel");
  const running = await ctx.store.rounds.findRunning(actor.platform, actor.channelId);
  if (running && !isDue(running, ctx.clock.now()))
    throw new UserError(bi("这个频道已经有一轮抢答在进行中。", "A round is already running in this channel."), "round_running");
  const topic = opts.topic ? ctx.index.findTopic(opts.topic) : undefined;
  if (opts.topic && !topic) throw new UserError(bi(`没有叫“${opts.topic.slice(0, 50)}”的主题。输入 /topics 查看全部主题。`, `There is no topic "${opts.topic.slice(0, 50)}". Type /topics to see them all.`), "unknown_topic");
  const now = ctx.clock.now();
  const questionIds = planQuiz(ctx.index, { topic: topic?.id, count: opts.count ?? ROUND_DEFAULT_QUESTIONS, seed: `round:${actor.channelId}:${now.getTime()}` });
  if (questionIds.length === 0) throw new UserError(bi("这个主题还没有题目。", "This topic has no questions yet."), "empty_topic");
  const round = await ctx.store.rounds.create({
    platform: actor.platform, workspaceId: actor.workspaceId, channelId: actor.channelId, questionIds,
    secondsPerQuestion: opts.seconds ?? ROUND_DEFAULT_SECONDS, questionStartedAt: now, locale: ctx.locale, messageRef: actor.replyRef ?? null,
  });
  return [roundQuestionReply(questionOf(ctx, round, 0), round)];
}

/** One learner's answer to the open question; acknowledged privately, revealed at the deadline. */
export async function answerRound(ctx: Ctx, roundId: string, pos: string | undefined, input: string | StructuredAnswer): Promise<Reply> {
  const round = await ctx.store.rounds.get(roundId);
  if (!round) throw new UserError(bi("找不到这一轮抢答。", "That round no longer exists."), "round_gone");
  const now = ctx.clock.now();
  if (round.status !== "running" || Number(pos) !== round.position || isDue(round, now))
    throw new UserError(bi("这道题已经截止了。", "Time is up for that question."), "round_closed");
  const q = questionOf(ctx, round, round.position);
  const g = grade(q, parseAnswer(q, input, round.id), round.id);
  const elapsedMs = Math.max(0, now.getTime() - (round.questionStartedAt ?? round.createdAt).getTime());
  try {
    await ctx.store.rounds.recordAnswer({ roundId, questionIndex: round.position, learnerId: ctx.learner.id, correct: g.correct, elapsedMs, createdAt: now });
  } catch (e) {
    if (e instanceof DuplicateRoundAnswerError) throw new UserError(bi("这道题你已经答过了。", "You already answered this question."), "round_duplicate");
    throw e;
  }
  const left = Math.max(0, Math.ceil((deadlineOf(round).getTime() - now.getTime()) / 1000));
  return {
    text: ctx.t(`已记录你的答案（用时 ${(elapsedMs / 1000).toFixed(1)} 秒）。${left} 秒后公布结果。`, `Answer locked in (${(elapsedMs / 1000).toFixed(1)} s). Results in ${left} s.`),
    private: true,
  };
}

/** Closes the open question of one due round: scores it, opens the next question or finishes. */
async function advanceRound(services: Services, round: RoundRecord, now: Date): Promise<RoundEvent | undefined> {
  const index = round.position;
  const answers = await services.store.rounds.listAnswers(round.id, index);
  const points = pointsForQuestion(answers);
  const last = index + 1 >= round.questionIds.length;
  let next: RoundRecord;
  try {
    next = await services.store.rounds.advance(round.id, round.version, { position: index + 1, questionStartedAt: now, ...(last ? { status: "finished" as const } : {}) },
      answers.map((a) => ({ answerId: a.id, points: points.get(a.id) ?? 0 })));
  } catch (e) {
    if (e instanceof StaleRoundError) return undefined; // another instance advanced it
    throw e;
  }
  const scored = answers.map((a) => ({ ...a, points: points.get(a.id) ?? 0 }));
  const q = services.index.question(round.questionIds[index]);
  const replies: Reply[] = [];
  if (q) replies.push(revealReply(q, round, index, scored, round.locale));
  if (last) replies.push(scoreboardReply(scoreboard(await services.store.rounds.listAnswers(round.id)), next));
  else {
    // Skip questions removed from the course since the round started, rather than stall.
    const nq = services.index.question(next.questionIds[next.position]);
    if (nq) replies.push(roundQuestionReply(nq, next));
  }
  return { round: next, replies, finished: last };
}

/**
 * Advances every running round whose deadline passed (of one platform, when given). Safe to
 * call from several instances at once and after a restart: state comes from storage only.
 */
export async function advanceDueRounds(services: Services, opts: { platform?: string; now?: Date } = {}): Promise<RoundEvent[]> {
  const now = opts.now ?? services.clock.now();
  const events: RoundEvent[] = [];
  for (const round of await services.store.rounds.listRunning(opts.platform)) {
    let current: RoundRecord | undefined = round;
    // A long outage may have skipped several deadlines: catch up one question at a time.
    while (current && isDue(current, now)) {
      const ev = await advanceRound(services, current, now);
      if (!ev) break;
      events.push(ev);
      current = ev.finished ? undefined : ev.round;
      if (current && !current.questionIds[current.position]) break;
    }
  }
  return events;
}
