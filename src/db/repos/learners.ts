// LearnerRepo over Prisma.
import type { LearnerKey, LearnerPatch, LearnerRecord, LearnerRepo } from "../../core/ports/learners";
import type { Db } from "../connect";

type Row = Awaited<ReturnType<Db["learner"]["findUniqueOrThrow"]>>;

export function toLearner(r: Row): LearnerRecord {
  return {
    id: r.id, platform: r.platform, workspaceId: r.workspaceId, externalId: r.externalId, displayName: r.displayName,
    locale: r.locale === "zh" || r.locale === "en" ? r.locale : null, timeZone: r.timeZone, remindersOn: r.remindersOn,
    streakCount: r.streakCount, streakLastDay: r.streakLastDay, streakFreezes: r.streakFreezes, createdAt: r.createdAt,
  };
}

export function learnerRepo(db: Db): LearnerRepo {
  return {
    async upsert(key: LearnerKey, displayName?: string) {
      const where = { platform_workspaceId_externalId: key };
      const name = displayName?.slice(0, 100);
      // Every request passes through here: read first and write only when something changed,
      // which keeps the common case to one indexed read instead of a write.
      const found = await db.learner.findUnique({ where });
      if (found && (!name || found.displayName === name)) return toLearner(found);
      return toLearner(await db.learner.upsert({ where, create: { ...key, displayName: name ?? "" }, update: name ? { displayName: name } : {} }));
    },
    async get(id) {
      const r = await db.learner.findUnique({ where: { id } });
      return r ? toLearner(r) : null;
    },
    async update(id, patch: LearnerPatch) {
      return toLearner(await db.learner.update({ where: { id }, data: patch }));
    },
  };
}
