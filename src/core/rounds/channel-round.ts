// Timed channel rounds: start one in a channel, take answers against the deadline, and advance
// rounds whose time is up. Everything is derived from stored state (no timers here): any
// instance may call advanceDueRounds on a tick or on an interaction, and the version guard lets
// exactly one of them post the reveal and the next question. Adapters post the returned replies.
//
// Delivery is at least once: advancing saves the next step with postPendingSince set, the adapter
// posts it and then calls roundPosted. A step still pending ROUND_REPOST_AFTER_MS later (the
// process died between saving and posting, or the platform failed) is claimed again under the
// version guard and re-posted; a round is not advanced past a step nobody has seen. When the
// platform says a step can never be posted (channel gone, webhook expired), roundUndeliverable
// cancels the round so it stops holding the channel.
import type { Ctx, Services } from "../commands/types";
import { scopeToCourse } from "../courses/scope";
import type { Question } from "../content/schema";
import { UserError } from "../errors";
import { grade } from "../grading/grade";
import { parseAnswer, type StructuredAnswer } from "../grading/parse-answer";
import { bi } from "../i18n";
import {
  DuplicateRoundAnswerError,
  RoundRunningError,
  StaleRoundError,
  type RoundPatch,
  type RoundRecord,
} from "../ports/rounds";
import { planQuiz } from "../quiz/planner";
import type { Reply } from "../reply";
import { roundQuestionReply, revealReply, scoreboardReply } from "./render";
import {
  deadlineOf,
  fitPostWindow,
  isDue,
  isStuck,
  needsRepost,
  pointsForQuestion,
  scoreboard,
  ROUND_DEFAULT_QUESTIONS,
  ROUND_DEFAULT_SECONDS,
  ROUND_MIN_SECONDS,
} from "./rules";
import { bilingual } from "../messages/catalogue";

export interface StartRoundOptions {
  topic?: string;
  count?: number;
  seconds?: number;
}

/**
 * What an adapter must post to a round's channel, in order, then confirm with roundPosted (or
 * report with roundUndeliverable). `reposted`: this step was saved earlier and may already have
 * been posted (in part) by a process that died before confirming it.
 */
export interface RoundEvent {
  round: RoundRecord;
  replies: Reply[];
  finished: boolean;
  reposted: boolean;
}

function questionOf(
  services: Pick<Services, "index">,
  round: RoundRecord,
  index: number,
): Question {
  const q = services.index.question(round.questionIds[index]);
  if (!q)
    throw new UserError(bilingual("rounds.channel-round.thisQuestionWasRemoved"), "question_gone");
  return q;
}

const roundRunning = () =>
  new UserError(bilingual("rounds.channel-round.aRoundIsAlready"), "round_running");

/** Guarded update that ignores a concurrent change (someone else moved the round first). */
async function tryAdvance(
  services: Pick<Services, "store">,
  round: RoundRecord,
  patch: RoundPatch,
): Promise<RoundRecord | undefined> {
  try {
    return await services.store.rounds.advance(round.id, round.version, patch, []);
  } catch (e) {
    if (e instanceof StaleRoundError) return undefined;
    throw e;
  }
}

/** Refuses a round that could outlast the time the bot can post to this channel (see Actor.replyWindowMs). */
function checkPostWindow(ctx: Ctx, questions: number, seconds: number): void {
  const windowMs = ctx.actor.replyWindowMs;
  if (windowMs === undefined) return;
  const fit = fitPostWindow(questions, seconds, windowMs);
  if (fit.fits) return;
  const token = ctx.actor.terms?.botToken;
  const planned = Math.ceil(fit.plannedMs / 60_000);
  const window = Math.floor(windowMs / 60_000);
  const zh: string[] = [];
  const en: string[] = [];
  if (fit.maxQuestions >= 1) {
    zh.push(`每题 ${seconds} 秒时最多 ${fit.maxQuestions} 题`);
    en.push(`at most ${fit.maxQuestions} questions at ${seconds} s each`);
  }
  if (fit.maxSeconds >= ROUND_MIN_SECONDS) {
    zh.push(`${questions} 题时每题最多 ${fit.maxSeconds} 秒`);
    en.push(`at most ${fit.maxSeconds} s each for ${questions} questions`);
  }
  throw new UserError(
    bi(
      `这一轮要 ${planned} 分钟左右，但机器人没有配置机器人令牌，只能在命令发出后 ${window} 分钟内往这个频道发消息。请减少题目或缩短每题时间（${zh.join("，或")}），或请管理员配置机器人令牌${token ? `（${token}）` : ""}。`,
      `This round would take about ${planned} min, but without a bot token the bot can only post here for ${window} minutes after your command. Use fewer questions or less time (${en.join(", or ")}), or ask an admin to set a bot token${token ? ` (${token})` : ""}.`,
    ),
    "round_too_long",
  );
}

export async function startRound(ctx: Ctx, opts: StartRoundOptions): Promise<Reply[]> {
  const { actor } = ctx;
  if (actor.isDirectMessage || !actor.channelId)
    throw new UserError(
      bilingual("rounds.channel-round.channelRoundsRunIn"),
      "round_needs_channel",
    );
  const now = ctx.clock.now();
  const running = await ctx.store.rounds.findRunning(actor.platform, actor.channelId);
  if (running) {
    if (!isStuck(running, now)) throw roundRunning();
    // Nothing advanced it for long past its deadline (no instance ticks for its platform any
    // more): end it so the channel is usable again. A concurrent starter may do the same.
    await tryAdvance(ctx, running, { status: "cancelled", postPendingSince: null });
  }
  const topic = opts.topic ? ctx.index.findTopic(opts.topic) : undefined;
  if (opts.topic && !topic)
    throw new UserError(
      bilingual("rounds.channel-round.thereIsNoTopic", { topic: opts.topic.slice(0, 50) }),
      "unknown_topic",
    );
  const questionIds = planQuiz(ctx.index, {
    topic: topic?.id,
    count: opts.count ?? ROUND_DEFAULT_QUESTIONS,
    seed: `round:${actor.channelId}:${now.getTime()}`,
  });
  if (questionIds.length === 0)
    throw new UserError(bilingual("commands.quiz.thisTopicHasNo"), "empty_topic");
  const seconds = opts.seconds ?? ROUND_DEFAULT_SECONDS;
  checkPostWindow(ctx, questionIds.length, seconds);
  let round: RoundRecord;
  try {
    // The check above is only the friendly fast path: two starts at once both pass it, and the
    // database's one-running-round-per-channel key (see RoundRepo.create) turns the second away.
    round = await ctx.store.rounds.create({
      platform: actor.platform,
      workspaceId: actor.workspaceId,
      channelId: actor.channelId,
      questionIds,
      secondsPerQuestion: seconds,
      questionStartedAt: now,
      locale: ctx.locale,
      messageRef: actor.replyRef ?? null,
    });
  } catch (e) {
    if (e instanceof RoundRunningError) throw roundRunning();
    throw e;
  }
  return [roundQuestionReply(questionOf(ctx, round, 0), round)];
}

/** One learner's answer to the open question; acknowledged privately, revealed at the deadline. */
export async function answerRound(
  ctx: Ctx,
  roundId: string,
  pos: string | undefined,
  input: string | StructuredAnswer,
): Promise<Reply> {
  const round = await ctx.store.rounds.get(roundId);
  if (!round)
    throw new UserError(bilingual("rounds.channel-round.thatRoundNoLonger"), "round_gone");
  const now = ctx.clock.now();
  if (round.status !== "running" || Number(pos) !== round.position || isDue(round, now))
    throw new UserError(bilingual("rounds.channel-round.timeIsUpFor"), "round_closed");
  // The round's own course: the channel may have switched course since it started.
  const q = questionOf(scopeToCourse(ctx, round.courseId), round, round.position);
  const g = grade(q, parseAnswer(q, input, round.id), round.id);
  const elapsedMs = Math.max(
    0,
    now.getTime() - (round.questionStartedAt ?? round.createdAt).getTime(),
  );
  try {
    await ctx.store.rounds.recordAnswer({
      roundId,
      questionIndex: round.position,
      learnerId: ctx.learner.id,
      correct: g.correct,
      elapsedMs,
      createdAt: now,
    });
  } catch (e) {
    if (e instanceof DuplicateRoundAnswerError)
      throw new UserError(
        bilingual("rounds.channel-round.youAlreadyAnsweredThis"),
        "round_duplicate",
      );
    throw e;
  }
  const left = Math.max(0, Math.ceil((deadlineOf(round).getTime() - now.getTime()) / 1000));
  return {
    text: ctx.msg("rounds.channel-round.answerLockedInS", {
      value: (elapsedMs / 1000).toFixed(1),
      left,
    }),
    private: true,
  };
}

/**
 * The messages of the step a round is at, from storage alone (so a re-post says the same as the
 * first post): the reveal of the question just closed, then the next question or the scoreboard.
 */
async function stepReplies(services: Services, round: RoundRecord): Promise<Reply[]> {
  const replies: Reply[] = [];
  const closed = round.position - 1;
  const q = closed >= 0 ? services.index.question(round.questionIds[closed]) : undefined;
  if (q)
    replies.push(
      revealReply(
        q,
        round,
        closed,
        await services.store.rounds.listAnswers(round.id, closed),
        round.locale,
      ),
    );
  if (round.status === "finished")
    replies.push(
      scoreboardReply(scoreboard(await services.store.rounds.listAnswers(round.id)), round),
    );
  else if (round.status === "running") {
    // Skip questions removed from the course since the round started, rather than stall.
    const nq = services.index.question(round.questionIds[round.position]);
    if (nq) replies.push(roundQuestionReply(nq, round));
  }
  return replies;
}

/** Closes the open question of one due round: scores it, opens the next question or finishes. */
async function advanceRound(
  services: Services,
  round: RoundRecord,
  now: Date,
): Promise<RoundEvent | undefined> {
  const index = round.position;
  const answers = await services.store.rounds.listAnswers(round.id, index);
  const points = pointsForQuestion(answers);
  const last = index + 1 >= round.questionIds.length;
  let next: RoundRecord;
  try {
    next = await services.store.rounds.advance(
      round.id,
      round.version,
      {
        position: index + 1,
        questionStartedAt: now,
        postPendingSince: now,
        ...(last ? { status: "finished" as const } : {}),
      },
      answers.map((a) => ({ answerId: a.id, points: points.get(a.id) ?? 0 })),
    );
  } catch (e) {
    if (e instanceof StaleRoundError) return undefined; // another instance advanced it
    throw e;
  }
  return {
    round: next,
    replies: await stepReplies(services, next),
    finished: last,
    reposted: false,
  };
}

/**
 * Claims a step saved long ago and never confirmed posted, so exactly one instance re-posts it.
 * If nobody has answered its question yet, nobody saw it: its time starts again now.
 */
async function repostRound(
  services: Services,
  round: RoundRecord,
  now: Date,
): Promise<RoundEvent | undefined> {
  const unseen =
    round.status === "running" &&
    (await services.store.rounds.listAnswers(round.id, round.position)).length === 0;
  const claimed = await tryAdvance(services, round, {
    postPendingSince: now,
    ...(unseen ? { questionStartedAt: now } : {}),
  });
  if (!claimed) return undefined;
  return {
    round: claimed,
    replies: await stepReplies(services, claimed),
    finished: claimed.status !== "running",
    reposted: true,
  };
}

/**
 * Advances every running round whose deadline passed (of one platform, when given), and
 * re-posts steps saved but never confirmed posted. Safe to call from several instances at once
 * and after a restart: state comes from storage only. One step per round and call: a round
 * moves on only once its current step was posted, so a long outage is caught up tick by tick.
 */
export async function advanceDueRounds(
  services: Services,
  opts: { platform?: string; now?: Date } = {},
): Promise<RoundEvent[]> {
  const now = opts.now ?? services.clock.now();
  const events: RoundEvent[] = [];
  for (const round of await services.store.rounds.listActive(opts.platform)) {
    let ev: RoundEvent | undefined;
    // Each round reads the questions of the course it was started in.
    const scoped = scopeToCourse(services, round.courseId);
    if (round.postPendingSince)
      ev = needsRepost(round, now) ? await repostRound(scoped, round, now) : undefined;
    else if (isDue(round, now)) ev = await advanceRound(scoped, round, now);
    if (ev) events.push(ev);
  }
  return events;
}

/** The adapter posted every reply of the event: the round may move on. */
export async function roundPosted(
  services: Pick<Services, "store">,
  ev: RoundEvent,
): Promise<void> {
  await services.store.rounds.markPosted(ev.round.id, ev.round.version);
}

/**
 * The platform refused the event's messages for good (channel gone, bot removed, the webhook
 * expired): stop trying. A running round is cancelled, which frees the channel; a finished one
 * stays finished without its scoreboard. False when the round moved on meanwhile.
 */
export async function roundUndeliverable(
  services: Pick<Services, "store">,
  ev: RoundEvent,
): Promise<boolean> {
  const patch: RoundPatch =
    ev.round.status === "running"
      ? { status: "cancelled", postPendingSince: null }
      : { postPendingSince: null };
  return !!(await tryAdvance(services, ev.round, patch));
}

/** Channel-round steps for one platform's poster: advance, then confirm or give up each step. */
export interface RoundSteps {
  advanceDue(platform: string): Promise<RoundEvent[]>;
  posted(ev: RoundEvent): Promise<void>;
  /** The step can never be posted there: the round is cancelled; true if it was. */
  undeliverable(ev: RoundEvent): Promise<boolean>;
}

/** The round steps over these services (what a platform's poster is given instead of Services). */
export function roundSteps(services: Services): RoundSteps {
  return {
    advanceDue: (platform) => advanceDueRounds(services, { platform }),
    posted: (ev) => roundPosted(services, ev),
    undeliverable: (ev) => roundUndeliverable(services, ev),
  };
}
