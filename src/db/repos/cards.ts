// CardRepo over Prisma: one FSRS card per learner, course and question.
import type { CardRecord, CardRepo } from "../../core/ports/learning";
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../connect";
import { insertColumns, raw, rows, sql, type RawRunner } from "./sql";

type Row = Awaited<ReturnType<Db["card"]["findUniqueOrThrow"]>>;
const CARD_STATE_COLUMNS = [
  "due",
  "stability",
  "difficulty",
  "elapsedDays",
  "scheduledDays",
  "learningSteps",
  "reps",
  "lapses",
  "state",
  "lastReview",
  "updatedAt",
] as const;
const CARD_COLUMNS = ["id", "learnerId", "courseId", "questionId", ...CARD_STATE_COLUMNS] as const;
// INSERT … ON CONFLICT DO UPDATE (both engines): one statement instead of Prisma's read-then-write.
const ON_CONFLICT_SET = raw(
  `ON CONFLICT ("learnerId", "courseId", "questionId") DO UPDATE SET ${CARD_STATE_COLUMNS.map((c) => `"${c}" = excluded."${c}"`).join(", ")}`,
);

export function toCard(r: Row): CardRecord {
  return {
    learnerId: r.learnerId,
    questionId: r.questionId,
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    elapsedDays: r.elapsedDays,
    scheduledDays: r.scheduledDays,
    learningSteps: r.learningSteps,
    reps: r.reps,
    lapses: r.lapses,
    state: r.state,
    lastReview: r.lastReview,
  };
}

/** Upsert used by the repo and by the answer transaction (so both write cards the same way). */
export async function putCard(tx: RawRunner, c: CardRecord, courseId: string): Promise<CardRecord> {
  const values = { ...c, courseId, id: uuidv7(), updatedAt: new Date() };
  const [row] = await rows<Row>(
    tx,
    sql`INSERT INTO "Card" ${insertColumns(values, CARD_COLUMNS)} ${ON_CONFLICT_SET} RETURNING *`,
  );
  return toCard(row);
}

/** Every query is scoped to one course: a learner keeps separate cards per course. */
export function cardRepo(db: Db, courseId: string): CardRepo {
  return {
    async get(learnerId, questionId) {
      const [r] = await rows<Row>(
        db,
        sql`SELECT * FROM "Card" WHERE "learnerId" = ${learnerId} AND "courseId" = ${courseId} AND "questionId" = ${questionId}`,
      );
      return r ? toCard(r) : null;
    },
    async listByLearner(learnerId) {
      return (
        await db.card.findMany({
          where: { learnerId, courseId },
          orderBy: [{ due: "asc" }, { questionId: "asc" }],
        })
      ).map(toCard);
    },
    async listDue(learnerId, now, limit) {
      const rows = await db.card.findMany({
        where: { learnerId, courseId, due: { lte: now } },
        orderBy: [{ due: "asc" }, { questionId: "asc" }],
        ...(limit ? { take: limit } : {}),
      });
      return rows.map(toCard);
    },
    countDue: (learnerId, now) =>
      db.card.count({ where: { learnerId, courseId, due: { lte: now } } }),
    async nextDue(learnerId) {
      const r = await db.card.findFirst({
        where: { learnerId, courseId },
        orderBy: { due: "asc" },
        select: { due: true },
      });
      return r?.due ?? null;
    },
    put: (c) => putCard(db, c, courseId),
  };
}
