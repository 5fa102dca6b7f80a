// RoundRepo over Prisma (ChannelRound + RoundAnswer). Advancing is a conditional update on the
// version column, so of several instances ticking at once exactly one closes a question.
// messageRef holds JSON {ref, locale}: the round's language rides along without a schema change.
import { DuplicateRoundAnswerError, StaleRoundError, type RoundRecord, type RoundRepo } from "../../core/ports/rounds";
import type { Db } from "../connect";

type RoundRow = Awaited<ReturnType<Db["channelRound"]["findUniqueOrThrow"]>>;

function unpackRef(raw: string | null): { ref: string | null; locale: "zh" | "en" } {
  if (!raw) return { ref: null, locale: "en" };
  try {
    const v = JSON.parse(raw) as { ref?: unknown; locale?: unknown };
    return { ref: typeof v.ref === "string" ? v.ref : null, locale: v.locale === "zh" ? "zh" : "en" };
  } catch {
    return { ref: raw, locale: "en" };
  }
}

function toRound(r: RoundRow): RoundRecord {
  const { ref, locale } = unpackRef(r.messageRef);
  return {
    id: r.id, platform: r.platform, workspaceId: r.workspaceId, channelId: r.channelId,
    questionIds: Array.isArray(r.questionIds) ? (r.questionIds as string[]) : [], position: r.position,
    secondsPerQuestion: r.secondsPerQuestion, questionStartedAt: r.questionStartedAt, status: r.status === "finished" ? "finished" : "running",
    locale, messageRef: ref, version: r.version, createdAt: r.createdAt,
  };
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === "P2002" || /unique constraint/i.test((e as Error).message ?? "");

export function roundRepo(db: Db): RoundRepo {
  return {
    async create(d) {
      const row = await db.channelRound.create({
        data: {
          platform: d.platform, workspaceId: d.workspaceId, channelId: d.channelId, questionIds: d.questionIds, secondsPerQuestion: d.secondsPerQuestion,
          questionStartedAt: d.questionStartedAt, messageRef: JSON.stringify({ ref: d.messageRef, locale: d.locale }),
        },
      });
      return toRound(row);
    },
    async get(id) {
      const r = await db.channelRound.findUnique({ where: { id } });
      return r ? toRound(r) : null;
    },
    async findRunning(platform, channelId) {
      const r = await db.channelRound.findFirst({ where: { platform, channelId, status: "running" }, orderBy: { createdAt: "desc" } });
      return r ? toRound(r) : null;
    },
    async listRunning(platform) {
      return (await db.channelRound.findMany({ where: { status: "running", ...(platform ? { platform } : {}) }, orderBy: { createdAt: "asc" } })).map(toRound);
    },
    async recordAnswer(a) {
      try {
        const row = await db.roundAnswer.create({ data: a, include: { learner: { select: { displayName: true } } } });
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
        id: r.id, roundId: r.roundId, questionIndex: r.questionIndex, learnerId: r.learnerId, correct: r.correct,
        elapsedMs: r.elapsedMs, points: r.points, createdAt: r.createdAt, displayName: r.learner.displayName,
      }));
    },
    async advance(id, version, patch, points) {
      return db.$transaction(async (tx) => {
        const { count } = await tx.channelRound.updateMany({ where: { id, version }, data: { ...patch, version: { increment: 1 } } });
        if (count !== 1) throw new StaleRoundError(id);
        for (const p of points) await tx.roundAnswer.update({ where: { id: p.answerId }, data: { points: p.points } });
        return toRound(await tx.channelRound.findUniqueOrThrow({ where: { id } }));
      });
    },
  };
}
