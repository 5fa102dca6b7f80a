// SessionRepo on the raw driver: the quiz's reads and conditional writes. An answer is one
// transaction on SQLite (synchronous statements under the connection's gate) and one statement
// on PostgreSQL (statements.ts: PG_ANSWER), so it is recorded with its card and streak, or not
// at all.
import { newId } from "./ids";
import type { CardRecord } from "../../core/ports/learning";
import {
  StaleSessionError,
  type AnswerEffects,
  type NewAnswer,
  type SessionPatch,
  type SessionRepo,
} from "../../core/ports/quiz";
import type { Queries, RawDriver, SyncQueries } from "./driver";
import type { LearnerCache } from "./learner-cache";
import { toCard, toSession } from "./rows";
import * as S from "./statements";

const patchParams = (p: SessionPatch) => [
  p.position,
  p.status,
  p.questionShownAt,
  p.hintsShown,
  p.finishedAt,
];

export const answerParams = (a: NewAnswer, id: string, courseId: string, sqlite: boolean) => [
  id,
  a.learnerId,
  ...(sqlite ? [courseId] : []),
  a.sessionId,
  a.questionId,
  a.topic,
  a.lessonId,
  a.workspaceId,
  JSON.stringify(a.given),
  a.correct,
  a.score,
  a.points,
  a.timeTakenMs,
  a.hintUsed,
  a.firstTry,
  a.createdAt,
];

export const cardParams = (c: CardRecord, courseId: string | null, at: Date) => [
  newId(),
  c.learnerId,
  ...(courseId === null ? [] : [courseId]),
  c.questionId,
  c.due,
  c.stability,
  c.difficulty,
  c.elapsedDays,
  c.scheduledDays,
  c.learningSteps,
  c.reps,
  c.lapses,
  c.state,
  c.lastReview,
  at,
];

/** SQLite: the answer's statements in one transaction (rolled back when the version is stale). */
function answerSqlite(
  q: SyncQueries,
  id: string,
  version: number,
  patch: SessionPatch,
  answer: NewAnswer,
  answerId: string,
  effects: AnswerEffects,
) {
  const [row] = q.all(S.SESSION_UPDATE, [...patchParams(patch), id, version]);
  // Throwing rolls the transaction back: nothing is recorded twice.
  if (!row) throw new StaleSessionError(id);
  const session = toSession(row);
  q.run(S.ANSWER_INSERT, answerParams(answer, answerId, session.courseId, true));
  if (effects.card)
    q.run(S.CARD_UPSERT, cardParams(effects.card, session.courseId, answer.createdAt));
  const st = effects.streak;
  if (st)
    q.run(S.STREAK_UPDATE, [
      st.count,
      st.lastDay,
      st.freezes,
      answer.createdAt,
      answer.learnerId,
      st.previousDay,
    ]);
  return session;
}

/** PostgreSQL: the same writes as one statement (one round trip, atomic by itself). */
async function answerPg(
  q: Queries,
  id: string,
  version: number,
  patch: SessionPatch,
  answer: NewAnswer,
  answerId: string,
  effects: AnswerEffects,
) {
  const c = effects.card;
  const st = effects.streak;
  const [row] = await q.all(S.PG_ANSWER, [
    ...patchParams(patch),
    id,
    version,
    ...answerParams(answer, answerId, "", false),
    ...(c ? cardParams(c, null, answer.createdAt) : Array.from({ length: 14 }, () => null)),
    c !== undefined,
    st?.count ?? null,
    st?.lastDay ?? null,
    st?.freezes ?? null,
    answer.createdAt,
    st !== undefined,
    answer.learnerId,
    st?.previousDay ?? null,
  ]);
  if (!row) throw new StaleSessionError(id);
  return toSession(row);
}

/** Sessions of one course: an open quiz in one course is not the open quiz of another. */
export function fastSessionRepo(
  db: RawDriver,
  courseId: string,
  learners: LearnerCache,
): SessionRepo {
  const one = async (s: Parameters<RawDriver["all"]>[0], params: unknown[]) => {
    const [r] = await db.all(s, params);
    return r ? toSession(r) : null;
  };
  return {
    async create(data) {
      const id = newId();
      const { learnerId, mode, topic, questionIds, questionShownAt, startedAt } = data;
      await db.run(S.SESSION_INSERT, [
        id,
        learnerId,
        courseId,
        mode,
        topic,
        JSON.stringify(questionIds),
        questionShownAt,
        startedAt,
      ]);
      return {
        ...data,
        id,
        courseId,
        position: 0,
        status: "open",
        hintsShown: 0,
        version: 0,
        finishedAt: null,
      };
    },
    get: (id) => one(S.SESSION_BY_ID, [id]),
    findOpen: (learnerId) => one(S.SESSION_OPEN, [learnerId, courseId]),
    async withCard(ref) {
      const [r] =
        "id" in ref
          ? await db.all(S.SESSION_WITH_CARD_BY_ID, [ref.id])
          : await db.all(S.SESSION_WITH_CARD_OPEN, [ref.learnerId, courseId]);
      if (!r) return null;
      return { session: toSession(r), card: r.c_id == null ? null : toCard(r, "c_") };
    },
    async update(id, version, patch) {
      const [r] = await db.all(S.SESSION_UPDATE, [...patchParams(patch), id, version]);
      if (!r) throw new StaleSessionError(id);
      return toSession(r);
    },
    async markShown(id, position, at) {
      return (await db.run(S.SESSION_MARK_SHOWN, [at, id, position])) > 0;
    },
    async showQuestion(id, learnerId, position, at) {
      const shown =
        position === undefined
          ? await one(S.SESSION_SHOW_CURRENT, [at, id, learnerId])
          : await one(S.SESSION_SHOW_AT, [at, id, learnerId, position]);
      if (shown) return shown;
      // Not open at that position (an older verdict's Next, or a finished quiz): as it is.
      const s = await one(S.SESSION_BY_ID, [id]);
      return s && s.learnerId === learnerId ? s : null;
    },
    async answer(id, version, patch, answer, effects = {}) {
      const answerId = newId();
      const session =
        db.provider === "sqlite"
          ? await db.atomic((q) => answerSqlite(q, id, version, patch, answer, answerId, effects))
          : await answerPg(db, id, version, patch, answer, answerId, effects);
      // The streak changed (or another copy had changed it): the next request reads the row.
      if (effects.streak) learners.drop(answer.learnerId);
      return { session, answer: { ...answer, id: answerId } };
    },
    async abandonOpen(learnerId, at) {
      return db.run(S.SESSION_ABANDON_OPEN, [at, learnerId, courseId]);
    },
  };
}
