// AnalyticsRepo over Prisma: the answer rows the instructor report computes from.
import type { AnalyticsRepo } from "../../core/ports/learning";
import type { Db } from "../connect";

/** The answers of one course (reports and /stats are per course). */
export function analyticsRepo(db: Db, courseId: string): AnalyticsRepo {
  return {
    async answerFacts(opts = {}) {
      const rows = await db.answer.findMany({
        where: {
          courseId,
          ...(opts.since ? { createdAt: { gte: opts.since } } : {}),
          ...(opts.community
            ? {
                learner: {
                  platform: opts.community.platform,
                  workspaceId: opts.community.workspaceId,
                },
              }
            : {}),
        },
        select: {
          learnerId: true,
          questionId: true,
          topic: true,
          lessonId: true,
          correct: true,
          score: true,
          hintUsed: true,
          given: opts.given !== false,
          createdAt: true,
          timeTakenMs: true,
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map((r) => ({ ...r, given: "given" in r ? r.given : null }));
    },
  };
}
