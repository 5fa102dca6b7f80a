// CardRepo over Prisma: one FSRS card per learner and question.
import type { CardRecord, CardRepo } from "../../core/ports/learning";
import type { Db } from "../connect";

type Row = Awaited<ReturnType<Db["card"]["findUniqueOrThrow"]>>;
type Tx = Pick<Db, "card">;

export function toCard(r: Row): CardRecord {
  return {
    learnerId: r.learnerId, questionId: r.questionId, due: r.due, stability: r.stability, difficulty: r.difficulty,
    elapsedDays: r.elapsedDays, scheduledDays: r.scheduledDays, learningSteps: r.learningSteps, reps: r.reps,
    lapses: r.lapses, state: r.state, lastReview: r.lastReview,
  };
}

/** Upsert used by the repo and by the answer transaction (so both write cards the same way). */
export async function putCard(tx: Tx, c: CardRecord): Promise<CardRecord> {
  const { learnerId, questionId, ...state } = c;
  return toCard(await tx.card.upsert({ where: { learnerId_questionId: { learnerId, questionId } }, create: c, update: state }));
}

export function cardRepo(db: Db): CardRepo {
  return {
    async get(learnerId, questionId) {
      const r = await db.card.findUnique({ where: { learnerId_questionId: { learnerId, questionId } } });
      return r ? toCard(r) : null;
    },
    async listByLearner(learnerId) {
      return (await db.card.findMany({ where: { learnerId }, orderBy: [{ due: "asc" }, { questionId: "asc" }] })).map(toCard);
    },
    async listDue(learnerId, now, limit) {
      const rows = await db.card.findMany({ where: { learnerId, due: { lte: now } }, orderBy: [{ due: "asc" }, { questionId: "asc" }], ...(limit ? { take: limit } : {}) });
      return rows.map(toCard);
    },
    countDue: (learnerId, now) => db.card.count({ where: { learnerId, due: { lte: now } } }),
    async nextDue(learnerId) {
      const r = await db.card.findFirst({ where: { learnerId }, orderBy: { due: "asc" }, select: { due: true } });
      return r?.due ?? null;
    },
    put: (c) => putCard(db, c),
  };
}
