// SessionRepo and AnswerRepo over Prisma. The version column makes updates conditional
// (UPDATE … WHERE id = ? AND version = ?), which is how instances agree without locks.
import type {
  AnswerRecord,
  AnswerRepo,
  NewAnswer,
  SessionPatch,
  SessionRecord,
  SessionRepo,
} from "../../core/ports/quiz";
import { StaleSessionError } from "../../core/ports/quiz";
import { v7 as uuidv7 } from "uuid";
import type { Db } from "../connect";
import { putCard } from "./cards";
import { assignments, insertColumns, rows, sql, type RawRunner } from "./sql";
import { LEARNER_PATCH_COLUMNS } from "./learners";

type SessionRow = Awaited<ReturnType<Db["quizSession"]["findUniqueOrThrow"]>>;
type AnswerRow = Awaited<ReturnType<Db["answer"]["findUniqueOrThrow"]>>;

function toSession(r: SessionRow): SessionRecord {
  return {
    id: r.id,
    learnerId: r.learnerId,
    courseId: r.courseId,
    mode: r.mode === "review" ? "review" : "practice",
    topic: r.topic,
    questionIds: Array.isArray(r.questionIds) ? (r.questionIds as string[]) : [],
    position: r.position,
    status: r.status as SessionRecord["status"],
    questionShownAt: r.questionShownAt,
    hintsShown: r.hintsShown,
    version: r.version,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

export function toAnswer(r: AnswerRow): AnswerRecord {
  return {
    id: r.id,
    learnerId: r.learnerId,
    sessionId: r.sessionId,
    questionId: r.questionId,
    topic: r.topic,
    lessonId: r.lessonId,
    workspaceId: r.workspaceId,
    given: r.given,
    correct: r.correct,
    score: r.score,
    points: r.points,
    timeTakenMs: r.timeTakenMs,
    hintUsed: r.hintUsed,
    firstTry: r.firstTry,
    createdAt: r.createdAt,
  };
}

const SESSION_PATCH_COLUMNS = [
  "position",
  "status",
  "questionShownAt",
  "hintsShown",
  "finishedAt",
] as const;
const ANSWER_COLUMNS = [
  "id",
  "learnerId",
  "courseId",
  "sessionId",
  "questionId",
  "topic",
  "lessonId",
  "workspaceId",
  "given",
  "correct",
  "score",
  "points",
  "timeTakenMs",
  "hintUsed",
  "firstTry",
  "createdAt",
] as const;

/** UPDATE … WHERE id AND version RETURNING *, in one statement; no row means another writer won. */
async function conditionalUpdate(
  tx: RawRunner,
  id: string,
  version: number,
  patch: SessionPatch,
): Promise<SessionRecord> {
  const set = assignments(patch, SESSION_PATCH_COLUMNS, [sql`"version" = "version" + 1`])!;
  const [row] = await rows<SessionRow>(
    tx,
    sql`UPDATE "QuizSession" SET ${set} WHERE "id" = ${id} AND "version" = ${version} RETURNING *`,
  );
  if (!row) throw new StaleSessionError(id);
  return toSession(row);
}

/** Sessions of one course: an open quiz in one course is not the open quiz of another. */
export function sessionRepo(db: Db, courseId: string): SessionRepo {
  return {
    async create(data) {
      return toSession(
        await db.quizSession.create({
          data: { ...data, courseId, questionIds: data.questionIds },
        }),
      );
    },
    async get(id) {
      const [r] = await rows<SessionRow>(db, sql`SELECT * FROM "QuizSession" WHERE "id" = ${id}`);
      return r ? toSession(r) : null;
    },
    async findOpen(learnerId) {
      const [r] = await rows<SessionRow>(
        db,
        sql`SELECT * FROM "QuizSession" WHERE "learnerId" = ${learnerId} AND "courseId" = ${courseId} AND "status" = 'open' ORDER BY "startedAt" DESC LIMIT 1`,
      );
      return r ? toSession(r) : null;
    },
    update: (id, version, patch) => conditionalUpdate(db, id, version, patch),
    async markShown(id, position, at) {
      // Conditional on the position, not the version (which it leaves alone): see SessionRepo.
      const n = await db.$executeRaw(
        sql`UPDATE "QuizSession" SET "questionShownAt" = ${at} WHERE "id" = ${id} AND "position" = ${position} AND "status" = 'open'`,
      );
      return n > 0;
    },
    async answer(id, version, patch, answer: NewAnswer, effects = {}) {
      return db.$transaction(async (tx) => {
        // A stale version throws here, which rolls back the whole transaction: nothing is recorded twice.
        const session = await conditionalUpdate(tx, id, version, patch);
        // The JSON answer goes in as text: SQLite stores it as is and PostgreSQL infers jsonb from the column.
        const values = {
          ...answer,
          courseId: session.courseId,
          id: uuidv7(),
          given: JSON.stringify(answer.given),
        };
        const [row] = await rows<AnswerRow>(
          tx,
          sql`INSERT INTO "Answer" ${insertColumns(values, ANSWER_COLUMNS)} RETURNING *`,
        );
        if (effects.card) await putCard(tx, effects.card, session.courseId);
        const learnerSet = assignments(effects.learner ?? {}, LEARNER_PATCH_COLUMNS);
        if (learnerSet) {
          await tx.$executeRaw`UPDATE "Learner" SET ${learnerSet}, "updatedAt" = ${answer.createdAt} WHERE "id" = ${answer.learnerId}`;
        }
        return { session, answer: toAnswer(row) };
      });
    },
    async abandonOpen(learnerId, at) {
      const { count } = await db.quizSession.updateMany({
        where: { learnerId, courseId, status: "open" },
        data: { status: "abandoned", finishedAt: at, version: { increment: 1 } },
      });
      return count;
    },
  };
}

export function answerRepo(db: Db, courseId: string): AnswerRepo {
  return {
    async listByLearner(learnerId, opts = {}) {
      const rows = await db.answer.findMany({
        where: { learnerId, courseId, ...(opts.since ? { createdAt: { gte: opts.since } } : {}) },
        orderBy: { createdAt: "asc" },
        ...(opts.limit ? { take: opts.limit } : {}),
      });
      return rows.map(toAnswer);
    },
    async listBySession(sessionId) {
      return (
        await db.answer.findMany({ where: { sessionId }, orderBy: { createdAt: "asc" } })
      ).map(toAnswer);
    },
    async hasAnswered(learnerId, questionId) {
      const found = await rows<{ one: number }>(
        db,
        sql`SELECT 1 AS "one" FROM "Answer" WHERE "learnerId" = ${learnerId} AND "courseId" = ${courseId} AND "questionId" = ${questionId} LIMIT 1`,
      );
      return found.length > 0;
    },
    async recordSkip(learnerId, workspaceId, questionId, at) {
      await db.quizSkip.create({ data: { learnerId, workspaceId, questionId, createdAt: at } });
    },
  };
}
