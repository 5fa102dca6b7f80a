// LearnerRepo over Prisma.
import type {
  LearnerKey,
  LearnerPatch,
  LearnerRecord,
  LearnerRepo,
} from "../../core/ports/learners";
import type { Db } from "../connect";
import { rows, sql } from "./sql";

type Row = Awaited<ReturnType<Db["learner"]["findUniqueOrThrow"]>>;

export function toLearner(r: Row): LearnerRecord {
  return {
    id: r.id,
    platform: r.platform,
    workspaceId: r.workspaceId,
    externalId: r.externalId,
    displayName: r.displayName,
    locale: r.locale === "zh" || r.locale === "en" ? r.locale : null,
    timeZone: r.timeZone,
    remindersOn: r.remindersOn,
    streakCount: r.streakCount,
    streakLastDay: r.streakLastDay,
    streakFreezes: r.streakFreezes,
    createdAt: r.createdAt,
  };
}

/** Columns a LearnerPatch may set (the hot path updates them with raw SQL; see sql.ts). */
export const LEARNER_PATCH_COLUMNS = [
  "displayName",
  "locale",
  "timeZone",
  "remindersOn",
  "streakCount",
  "streakLastDay",
  "streakFreezes",
] as const;

export function learnerRepo(db: Db): LearnerRepo {
  return {
    async upsert(key: LearnerKey, displayName?: string) {
      const where = { platform_workspaceId_externalId: key };
      const name = displayName?.slice(0, 100);
      // Every request passes through here: read first and write only when something changed,
      // which keeps the common case to one indexed read instead of a write.
      // Raw SQL: this read runs on every request (see sql.ts for why).
      const [found] = await rows<Row>(
        db,
        sql`SELECT * FROM "Learner" WHERE "platform" = ${key.platform} AND "workspaceId" = ${key.workspaceId} AND "externalId" = ${key.externalId}`,
      );
      if (found && (!name || found.displayName === name)) return toLearner(found);
      return toLearner(
        await db.learner.upsert({
          where,
          create: { ...key, displayName: name ?? "" },
          update: name ? { displayName: name } : {},
        }),
      );
    },
    async get(id) {
      const [r] = await rows<Row>(db, sql`SELECT * FROM "Learner" WHERE "id" = ${id}`);
      return r ? toLearner(r) : null;
    },
    async update(id, patch: LearnerPatch) {
      return toLearner(await db.learner.update({ where: { id }, data: patch }));
    },
  };
}
