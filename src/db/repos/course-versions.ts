// CourseVersionRepo over Prisma: published versions, uploads waiting for Publish, and the
// card/answer counts and regrade writes that publishing needs. Bundles are stored as JSON text
// (the same column type on SQLite and PostgreSQL).
import { createHash } from "node:crypto";
import type { ContentFile } from "../../core/content/parse";
import type { CourseVersionRepo } from "../../core/ports/course-versions";
import type { Db } from "../connect";

const filesOf = (bundle: string): ContentFile[] => JSON.parse(bundle) as ContentFile[];

/** sha256 of the files in path order: instances compare it to notice a new bundle. */
export function bundleHash(files: ContentFile[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex");
}

/** Per id, the number of distinct learners among rows (questionId, learnerId). */
function learnersPer(list: { questionId: string; learnerId: string }[]): Map<string, number> {
  const sets = new Map<string, Set<string>>();
  for (const r of list) {
    if (!sets.has(r.questionId)) sets.set(r.questionId, new Set());
    sets.get(r.questionId)!.add(r.learnerId);
  }
  return new Map([...sets].map(([id, s]) => [id, s.size]));
}

/** Unique-key violations on either engine (the publish race's loser). */
const isDuplicate = (e: unknown) =>
  (e as { code?: string }).code === "P2002" ||
  /Unique constraint|UNIQUE constraint failed|duplicate key/i.test((e as Error).message ?? "");

export function courseVersionRepo(db: Db): CourseVersionRepo {
  const headSelect = {
    courseId: true,
    version: true,
    hash: true,
    publishedAt: true,
    publishedBy: true,
  } as const;
  return {
    async head(courseId) {
      const row = await db.courseVersion.findFirst({
        where: { courseId },
        orderBy: { version: "desc" },
        select: headSelect,
      });
      return row ?? undefined;
    },
    async latest(courseId) {
      const row = await db.courseVersion.findFirst({
        where: { courseId },
        orderBy: { version: "desc" },
      });
      return row ? { ...row, files: filesOf(row.bundle) } : undefined;
    },
    async publish(v) {
      try {
        await db.courseVersion.create({
          data: {
            courseId: v.courseId,
            version: v.baseVersion + 1,
            bundle: JSON.stringify(v.files),
            hash: bundleHash(v.files),
            publishedAt: v.publishedAt,
            publishedBy: v.publishedBy,
          },
        });
        return true;
      } catch (e) {
        if (isDuplicate(e)) return false;
        throw e;
      }
    },
    async saveUpload(u) {
      const row = await db.courseUpload.create({
        data: {
          courseId: u.courseId,
          baseVersion: u.baseVersion,
          bundle: JSON.stringify(u.files),
          hash: bundleHash(u.files),
          createdBy: u.createdBy,
          createdAt: u.createdAt,
        },
        select: { id: true },
      });
      return row.id;
    },
    async upload(id) {
      const row = await db.courseUpload.findUnique({ where: { id } });
      return row ? { ...row, files: filesOf(row.bundle) } : undefined;
    },
    async deleteUpload(id) {
      await db.courseUpload.deleteMany({ where: { id } });
    },
    async pruneUploads(before) {
      const { count } = await db.courseUpload.deleteMany({ where: { createdAt: { lt: before } } });
      return count;
    },
    async cardLearners(courseId, questionIds) {
      if (!questionIds.length) return new Map();
      const list = await db.card.findMany({
        where: { courseId, questionId: { in: questionIds } },
        select: { questionId: true, learnerId: true },
      });
      return learnersPer(list);
    },
    async answerLearners(courseId, questionIds) {
      if (!questionIds.length) return new Map();
      const list = await db.answer.findMany({
        where: { courseId, questionId: { in: questionIds } },
        select: { questionId: true, learnerId: true },
        distinct: ["questionId", "learnerId"],
      });
      return learnersPer(list);
    },
    async learnersWhoAnswered(courseId, questionIds) {
      if (!questionIds.length) return 0;
      const list = await db.answer.findMany({
        where: { courseId, questionId: { in: questionIds } },
        select: { learnerId: true },
        distinct: ["learnerId"],
      });
      return list.length;
    },
    async answersOf(courseId, questionIds) {
      if (!questionIds.length) return [];
      const list = await db.answer.findMany({
        where: { courseId, questionId: { in: questionIds } },
        select: {
          id: true,
          learnerId: true,
          questionId: true,
          given: true,
          correct: true,
          score: true,
          points: true,
          hintUsed: true,
          firstTry: true,
        },
        orderBy: { createdAt: "asc" },
      });
      // SQLite's Json column arrives as text when written by the raw insert (see repos/quiz.ts).
      return list.map((a) => ({
        ...a,
        given: typeof a.given === "string" ? JSON.parse(a.given) : a.given,
      }));
    },
    async regrade(changes) {
      if (!changes.length) return;
      await db.$transaction(
        changes.map((c) =>
          db.answer.update({
            where: { id: c.id },
            data: { correct: c.correct, score: c.score, points: c.points },
          }),
        ),
      );
    },
  };
}
