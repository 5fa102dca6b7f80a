// ReminderRepo over Prisma. Due counts are read straight from the Card table (FSRS cards, owned
// by the learning engine) so reminders depend only on the data model, not on that code.
import type { ReminderRepo } from "../../core/ports/schedule";
import { reminderKey } from "../../core/ports/schedule";
import type { Db } from "../connect";
import { isUniqueViolation } from "./schedule";

export function reminderRepo(db: Db): ReminderRepo {
  return {
    async listOptedIn(platforms) {
      const rows = await db.learner.findMany({
        where: { remindersOn: true, platform: { in: platforms } },
        select: {
          id: true,
          platform: true,
          workspaceId: true,
          externalId: true,
          timeZone: true,
          locale: true,
        },
      });
      return rows.map((r) => ({
        learnerId: r.id,
        platform: r.platform,
        workspaceId: r.workspaceId,
        externalId: r.externalId,
        timeZone: r.timeZone,
        locale: r.locale === "zh" || r.locale === "en" ? r.locale : null,
      }));
    },
    async dueCounts(learnerIds, now) {
      if (learnerIds.length === 0) return new Map();
      const rows = await db.card.groupBy({
        by: ["learnerId"],
        where: { learnerId: { in: learnerIds }, due: { lte: now } },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.learnerId, r._count._all]));
    },
    async alreadySent(pairs) {
      if (pairs.length === 0) return new Set();
      const rows = await db.reminderLog.findMany({
        where: {
          learnerId: { in: [...new Set(pairs.map((p) => p.learnerId))] },
          day: { in: [...new Set(pairs.map((p) => p.day))] },
        },
        select: { learnerId: true, day: true },
      });
      return new Set(rows.map((r) => reminderKey(r.learnerId, r.day)));
    },
    async claimDay(learnerId, day, now) {
      try {
        await db.reminderLog.create({ data: { learnerId, day, createdAt: now } });
        return true;
      } catch (e) {
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
    async releaseDay(learnerId, day) {
      await db.reminderLog.deleteMany({ where: { learnerId, day } });
    },
  };
}
