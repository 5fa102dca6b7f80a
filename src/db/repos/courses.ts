// CourseRepo over Prisma: the course chosen per community or channel, and the once-only notice
// that a course is shown in another language than the learner's.
import type { CourseRepo } from "../../core/ports/courses";
import type { Db } from "../connect";

const isUniqueViolation = (e: unknown) =>
  (e as { code?: string }).code === "P2002" ||
  /unique constraint/i.test((e as Error).message ?? "");

export function courseRepo(db: Db): CourseRepo {
  return {
    async choices(key, channelId) {
      const rows = await db.courseChoice.findMany({
        where: { ...key, channelId: { in: channelId ? ["", channelId] : [""] } },
      });
      const community = rows.find((r) => r.channelId === "")?.courseId;
      const channel = channelId ? rows.find((r) => r.channelId === channelId)?.courseId : undefined;
      return { ...(community ? { community } : {}), ...(channel ? { channel } : {}) };
    },
    async choose(key, courseId, channelId = "") {
      await db.courseChoice.upsert({
        where: { platform_workspaceId_channelId: { ...key, channelId } },
        create: { ...key, channelId, courseId },
        update: { courseId },
      });
    },
    async clearChannel(key, channelId) {
      if (!channelId) return false;
      const { count } = await db.courseChoice.deleteMany({ where: { ...key, channelId } });
      return count > 0;
    },
    async noticeOnce(learnerId, courseId) {
      try {
        await db.courseNotice.create({ data: { learnerId, courseId } });
        return true;
      } catch (e) {
        // Told already (here, or by a concurrent request on another instance).
        if (isUniqueViolation(e)) return false;
        throw e;
      }
    },
  };
}
