// SessionRepo and AnswerRepo over Prisma. The version column makes updates conditional
// (UPDATE … WHERE id = ? AND version = ?), which is how instances agree without locks.
import type { AnswerRecord, AnswerRepo, NewAnswer, SessionPatch, SessionRecord, SessionRepo } from "../../core/ports/quiz";
import { StaleSessionError } from "../../core/ports/quiz";
import type { Db } from "../connect";
import { putCard } from "./cards";

type SessionRow = Awaited<ReturnType<Db["quizSession"]["findUniqueOrThrow"]>>;
type AnswerRow = Awaited<ReturnType<Db["answer"]["findUniqueOrThrow"]>>;

function toSession(r: SessionRow): SessionRecord {
  return {
    id: r.id, learnerId: r.learnerId, mode: r.mode === "review" ? "review" : "practice", topic: r.topic,
    questionIds: Array.isArray(r.questionIds) ? (r.questionIds as string[]) : [], position: r.position,
    status: r.status as SessionRecord["status"], questionShownAt: r.questionShownAt, hintsShown: r.hintsShown,
    version: r.version, startedAt: r.startedAt, finishedAt: r.finishedAt,
  };
}

export function toAnswer(r: AnswerRow): AnswerRecord {
  return {
    id: r.id, learnerId: r.learnerId, sessionId: r.sessionId, questionId: r.questionId, topic: r.topic, lessonId: r.lessonId,
    workspaceId: r.workspaceId, given: r.given, correct: r.correct, score: r.score, points: r.points, timeTakenMs: r.timeTakenMs,
    hintUsed: r.hintUsed, firstTry: r.firstTry, createdAt: r.createdAt,
  };
}

function patchData(patch: SessionPatch) {
  const { questionIds, ...rest } = patch;
  return { ...rest, ...(questionIds ? { questionIds } : {}), version: { increment: 1 } };
}

export function sessionRepo(db: Db): SessionRepo {
  async function conditionalUpdate(tx: Pick<Db, "quizSession">, id: string, version: number, patch: SessionPatch) {
    // One statement: UPDATE … WHERE id AND version RETURNING *; no row means another writer won.
    try {
      return toSession(await tx.quizSession.update({ where: { id, version }, data: patchData(patch) }));
    } catch (e) {
      if ((e as { code?: string }).code === "P2025") throw new StaleSessionError(id);
      throw e;
    }
  }
  return {
    async create(data) {
      return toSession(await db.quizSession.create({ data: { ...data, questionIds: data.questionIds } }));
    },
    async get(id) {
      const r = await db.quizSession.findUnique({ where: { id } });
      return r ? toSession(r) : null;
    },
    async findOpen(learnerId) {
      const r = await db.quizSession.findFirst({ where: { learnerId, status: "open" }, orderBy: { startedAt: "desc" } });
      return r ? toSession(r) : null;
    },
    update: (id, version, patch) => conditionalUpdate(db, id, version, patch),
    async answer(id, version, patch, answer: NewAnswer, effects = {}) {
      return db.$transaction(async (tx) => {
        const session = await conditionalUpdate(tx, id, version, patch);
        const row = await tx.answer.create({ data: { ...answer, given: answer.given as object } });
        if (effects.card) await putCard(tx, effects.card);
        if (effects.learner && Object.keys(effects.learner).length) await tx.learner.update({ where: { id: answer.learnerId }, data: effects.learner });
        return { session, answer: toAnswer(row) };
      });
    },
    async abandonOpen(learnerId, at) {
      const { count } = await db.quizSession.updateMany({ where: { learnerId, status: "open" }, data: { status: "abandoned", finishedAt: at, version: { increment: 1 } } });
      return count;
    },
  };
}

export function answerRepo(db: Db): AnswerRepo {
  return {
    async listByLearner(learnerId, opts = {}) {
      const rows = await db.answer.findMany({
        where: { learnerId, ...(opts.since ? { createdAt: { gte: opts.since } } : {}) },
        orderBy: { createdAt: "asc" },
        ...(opts.limit ? { take: opts.limit } : {}),
      });
      return rows.map(toAnswer);
    },
    async listBySession(sessionId) {
      return (await db.answer.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } })).map(toAnswer);
    },
    async hasAnswered(learnerId, questionId) {
      return (await db.answer.count({ where: { learnerId, questionId } })) > 0;
    },
  };
}
