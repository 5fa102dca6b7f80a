// RoundRepo over Prisma (ChannelRound + RoundAnswer). Advancing is a conditional update on the
// version column, so of several instances ticking at once exactly one closes a question.
// messageRef holds JSON {ref, locale}: the round's language rides along without a schema change.
// One running round per channel is a unique index on runningKey ("platform:channelId" while
// running, NULL after): of two concurrent creates the database accepts one, on both engines,
// with no lock in memory (several instances may share the database). Chosen over "create, then
// list the channel's running rounds and cancel all but the earliest": the key decides in the
// insert itself, so the loser never has a round that another starter, a ticker or a crash
// half-way through clean-up could see; there is no window with two rounds to reason about.
import {
  DuplicateRoundAnswerError,
  RoundRunningError,
  StaleRoundError,
  type RoundRecord,
  type RoundRepo,
  type RoundStatus,
} from "../../core/ports/rounds";
import type { Db } from "../connect";

type RoundRow = Awaited<ReturnType<Db["channelRound"]["findUniqueOrThrow"]>>;

function unpackRef(raw: string | null): { ref: string | null; locale: "zh" | "en" } {
  if (!raw) return { ref: null, locale: "en" };
  try {
    const v = JSON.parse(raw) as { ref?: unknown; locale?: unknown };
    return {
      ref: typeof v.ref === "string" ? v.ref : null,
      locale: v.locale === "zh" ? "zh" : "en",
    };
  } catch {
    return { ref: raw, locale: "en" };
  }
}

const statusOf = (s: string): RoundStatus =>
  s === "finished" || s === "cancelled" ? s : "running";
const runningKey = (platform: string, channelId: string) => `${platform}:${channelId}`;

function toRound(r: RoundRow): RoundRecord {
  const { ref, locale } = unpackRef(r.messageRef);
  return {
    id: r.id,
    platform: r.platform,
    workspaceId: r.workspaceId,
    channelId: r.channelId,
    courseId: r.courseId,
    questionIds: Array.isArray(r.questionIds) ? (r.questionIds as string[]) : [],
    position: r.position,
    secondsPerQuestion: r.secondsPerQuestion,
    questionStartedAt: r.questionStartedAt,
    status: statusOf(r.status),
    locale,
    messageRef: ref,
    version: r.version,
    postPendingSince: r.postPendingSince,
    createdAt: r.createdAt,
  };
}

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === "P2002" ||
  /unique constraint/i.test((e as Error).message ?? "");

/** New rounds belong to the scoped course; a round read back names its own course. */
export function roundRepo(db: Db, courseId: string): RoundRepo {
  return {
    async create(d) {
      try {
        const row = await db.channelRound.create({
          data: {
            platform: d.platform,
            workspaceId: d.workspaceId,
            channelId: d.channelId,
            courseId,
            questionIds: d.questionIds,
            secondsPerQuestion: d.secondsPerQuestion,
            questionStartedAt: d.questionStartedAt,
            messageRef: JSON.stringify({ ref: d.messageRef, locale: d.locale }),
            runningKey: runningKey(d.platform, d.channelId),
          },
        });
        return toRound(row);
      } catch (e) {
        if (isUniqueViolation(e)) throw new RoundRunningError();
        throw e;
      }
    },
    async get(id) {
      const r = await db.channelRound.findUnique({ where: { id } });
      return r ? toRound(r) : null;
    },
    async findRunning(platform, channelId) {
      const r = await db.channelRound.findFirst({
        where: { platform, channelId, status: "running" },
        orderBy: { createdAt: "desc" },
      });
      return r ? toRound(r) : null;
    },
    async listActive(platform) {
      return (
        await db.channelRound.findMany({
          where: {
            OR: [{ status: "running" }, { postPendingSince: { not: null } }],
            ...(platform ? { platform } : {}),
          },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        })
      ).map(toRound);
    },
    async recordAnswer(a) {
      try {
        const row = await db.roundAnswer.create({
          data: a,
          include: { learner: { select: { displayName: true } } },
        });
        return { ...a, id: row.id, points: row.points, displayName: row.learner.displayName };
      } catch (e) {
        if (isUniqueViolation(e)) throw new DuplicateRoundAnswerError();
        throw e;
      }
    },
    async listAnswers(roundId, questionIndex) {
      const rows = await db.roundAnswer.findMany({
        where: { roundId, ...(questionIndex === undefined ? {} : { questionIndex }) },
        orderBy: { createdAt: "asc" },
        include: { learner: { select: { displayName: true } } },
      });
      return rows.map((r) => ({
        id: r.id,
        roundId: r.roundId,
        questionIndex: r.questionIndex,
        learnerId: r.learnerId,
        correct: r.correct,
        elapsedMs: r.elapsedMs,
        points: r.points,
        createdAt: r.createdAt,
        displayName: r.learner.displayName,
      }));
    },
    async advance(id, version, patch, points) {
      return db.$transaction(async (tx) => {
        // Leaving "running" frees the channel's key for the next round.
        const free =
          patch.status !== undefined && patch.status !== "running" ? { runningKey: null } : {};
        const { count } = await tx.channelRound.updateMany({
          where: { id, version },
          data: { ...patch, ...free, version: { increment: 1 } },
        });
        if (count !== 1) throw new StaleRoundError(id);
        for (const p of points)
          await tx.roundAnswer.update({ where: { id: p.answerId }, data: { points: p.points } });
        return toRound(await tx.channelRound.findUniqueOrThrow({ where: { id } }));
      });
    },
    async markPosted(id, version) {
      // Bumps the version too, so an instance that read the step as unposted cannot claim it again.
      const { count } = await db.channelRound.updateMany({
        where: { id, version, postPendingSince: { not: null } },
        data: { postPendingSince: null, version: { increment: 1 } },
      });
      return count === 1;
    },
  };
}
