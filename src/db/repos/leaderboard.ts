// LeaderboardRepo over Prisma: points summed from answers, per learner of one workspace and course.
import type { CommunityKey, LeaderboardRepo } from "../../core/ports/learning";
import type { Db } from "../connect";

const scope = (courseId: string, key: CommunityKey, since?: Date) => ({
  courseId,
  learner: { platform: key.platform, workspaceId: key.workspaceId },
  ...(since ? { createdAt: { gte: since } } : {}),
});

/** Rankings of one course: points earned in another course do not count. */
export function leaderboardRepo(db: Db, courseId: string): LeaderboardRepo {
  return {
    async top(key, { since, limit }) {
      const groups = await db.answer.groupBy({
        by: ["learnerId"],
        where: scope(courseId, key, since),
        _sum: { points: true },
      });
      const ranked = groups
        .map((g) => ({ learnerId: g.learnerId, points: g._sum.points ?? 0 }))
        .filter((g) => g.points > 0)
        .sort((a, b) => b.points - a.points || (a.learnerId < b.learnerId ? -1 : 1))
        .slice(0, limit);
      const names = new Map(
        (
          await db.learner.findMany({
            where: { id: { in: ranked.map((r) => r.learnerId) } },
            select: { id: true, displayName: true },
          })
        ).map((l) => [l.id, l.displayName]),
      );
      return ranked.map((r) => ({ ...r, displayName: names.get(r.learnerId) ?? "" }));
    },
    async standing(learnerId, key, since) {
      const groups = await db.answer.groupBy({
        by: ["learnerId"],
        where: scope(courseId, key, since),
        _sum: { points: true },
      });
      const points = groups.find((g) => g.learnerId === learnerId)?._sum.points ?? 0;
      return { points, ahead: groups.filter((g) => (g._sum.points ?? 0) > points).length };
    },
  };
}
