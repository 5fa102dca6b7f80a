// LearnerRepo, AnswerRepo and CardRepo on the raw driver (the learner path); the rare writes
// (a learner's settings, a skip) stay on Prisma's model API.
import { newId } from "./ids";
import type { LearnerRepo } from "../../core/ports/learners";
import type { CardRepo, CommunityRepo } from "../../core/ports/learning";
import type { AnswerRepo } from "../../core/ports/quiz";
import type { Db } from "../connect";
import type { RawDriver } from "./driver";
import type { LearnerCache } from "./learner-cache";
import { dateOrNull, toAnswer, toCard, toLearner } from "./rows";
import { cardParams } from "./sessions";
import * as S from "./statements";

export function fastLearnerRepo(db: RawDriver, prisma: Db, cache: LearnerCache): LearnerRepo {
  return {
    async upsert(key, displayName) {
      const name = displayName?.slice(0, 100);
      // Every request passes through here: no statement when the learner is cached (see
      // learner-cache.ts), one indexed read otherwise, a write only for a new learner or a
      // changed name.
      const hit = cache.get(key);
      if (hit && (!name || hit.displayName === name)) return { ...hit };
      const generation = cache.generation;
      const [found] = await db.all(S.LEARNER_BY_KEY, [
        key.platform,
        key.workspaceId,
        key.externalId,
      ]);
      let learner = found && toLearner(found);
      if (!learner || (name && learner.displayName !== name)) {
        const now = new Date();
        const [row] = await db.all(S.LEARNER_UPSERT, [
          newId(),
          key.platform,
          key.workspaceId,
          key.externalId,
          name ?? "",
          now,
          now,
        ]);
        learner = toLearner(row);
      }
      cache.put(learner, generation);
      return { ...learner };
    },
    async get(id) {
      const [r] = await db.all(S.LEARNER_BY_ID, [id]);
      return r ? toLearner(r) : null;
    },
    async update(id, patch) {
      const l = toLearner(await prisma.learner.update({ where: { id }, data: patch }));
      await cache.publish(id);
      return l;
    },
  };
}

export function fastAnswerRepo(db: RawDriver, courseId: string, prisma: Db): AnswerRepo {
  return {
    async listByLearner(learnerId, opts = {}) {
      const s = S.ANSWERS_BY_LEARNER[opts.since ? 1 : 0][opts.limit ? 1 : 0];
      const params: unknown[] = [learnerId, courseId];
      if (opts.since) params.push(opts.since);
      if (opts.limit) params.push(opts.limit);
      return (await db.all(s, params)).map((r) => toAnswer(r));
    },
    async listBySession(sessionId) {
      return (await db.all(S.ANSWERS_BY_SESSION, [sessionId])).map((r) => toAnswer(r));
    },
    async hasAnswered(learnerId, questionId) {
      return (await db.all(S.ANSWERED_BEFORE, [learnerId, courseId, questionId])).length > 0;
    },
    async recordSkip(learnerId, workspaceId, questionId, at) {
      await prisma.quizSkip.create({ data: { learnerId, workspaceId, questionId, createdAt: at } });
    },
  };
}

/** Every query is scoped to one course: a learner keeps separate cards per course. */
export function fastCardRepo(db: RawDriver, courseId: string): CardRepo {
  return {
    async get(learnerId, questionId) {
      const [r] = await db.all(S.CARD_GET, [learnerId, courseId, questionId]);
      return r ? toCard(r) : null;
    },
    async listByLearner(learnerId) {
      return (await db.all(S.CARDS_BY_LEARNER, [learnerId, courseId])).map((r) => toCard(r));
    },
    async listDue(learnerId, now, limit) {
      const params: unknown[] = [learnerId, courseId, now];
      if (limit) params.push(limit);
      return (await db.all(S.CARDS_DUE[limit ? 1 : 0], params)).map((r) => toCard(r));
    },
    async countDue(learnerId, now) {
      const [r] = await db.all(S.CARDS_COUNT_DUE, [learnerId, courseId, now]);
      return Number(r?.n ?? 0);
    },
    async nextDue(learnerId) {
      const [r] = await db.all(S.CARD_NEXT_DUE, [learnerId, courseId]);
      return dateOrNull(r?.due);
    },
    async put(card) {
      await db.run(S.CARD_UPSERT, cardParams(card, courseId, new Date()));
      return { ...card };
    },
  };
}

/** The community read of /progress on the driver; the settings writes stay on Prisma. */
export function fastCommunityRepo(db: RawDriver, slow: CommunityRepo): CommunityRepo {
  return {
    ...slow,
    async get(key) {
      const [r] = await db.all(S.COMMUNITY_BY_KEY, [key.platform, key.workspaceId]);
      if (!r) return null;
      const { platform, workspaceId, timeZone, locale, staffChannelId } = r as Record<
        string,
        string
      >;
      return { platform, workspaceId, timeZone, locale, staffChannelId: staffChannelId ?? null };
    },
  };
}
