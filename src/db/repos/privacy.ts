// PrivacyRepo over Prisma: everything stored about one learner (export) and deleting it all
// (forget). Rows that reference the learner cascade from the Learner row; the learner's own DM
// subscription is matched by platform id and deleted explicitly (its deliveries cascade).
import type { LearnerExport, PrivacyRepo } from "../../core/ports/learning";
import type { Db } from "../connect";
import { MANUAL_CLAIM } from "./schedule";

export function privacyRepo(db: Db): PrivacyRepo {
  return {
    async exportLearner(learnerId) {
      const learner = await db.learner.findUnique({ where: { id: learnerId } });
      if (!learner) return null;
      const by = { where: { learnerId } };
      const [
        sessions,
        answers,
        cards,
        tutorTurns,
        llmBudget,
        llmUsage,
        confirmations,
        reminders,
        roundAnswers,
        subscriptions,
        tutorAsks,
        quizSkips,
        courseNotices,
      ] = await Promise.all([
        db.quizSession.findMany({ ...by, orderBy: { startedAt: "asc" } }),
        db.answer.findMany({ ...by, orderBy: { createdAt: "asc" } }),
        db.card.findMany({ ...by, orderBy: { questionId: "asc" } }),
        db.tutorTurn.findMany({ ...by, orderBy: { createdAt: "asc" } }),
        db.llmBudget.findUnique({ where: { learnerId } }),
        db.llmUsage.findMany({ ...by, orderBy: { createdAt: "asc" } }),
        db.confirmation.findMany(by),
        db.reminderLog.findMany({ ...by, orderBy: { day: "asc" } }),
        db.roundAnswer.findMany({ ...by, orderBy: { createdAt: "asc" } }),
        db.subscription.findMany({
          where: {
            platform: learner.platform,
            workspaceId: learner.workspaceId,
            learnerExternalId: learner.externalId,
          },
        }),
        db.tutorAsk.findMany({ ...by, orderBy: { createdAt: "asc" } }),
        db.quizSkip.findMany({ ...by, orderBy: { createdAt: "asc" } }),
        db.courseNotice.findMany({ ...by, orderBy: { courseId: "asc" } }),
      ]);
      const out: LearnerExport = {
        learner,
        sessions,
        answers,
        cards,
        tutorTurns,
        llmBudget,
        llmUsage,
        confirmations,
        reminders,
        roundAnswers,
        subscriptions,
        tutorAsks,
        quizSkips,
        courseNotices,
      };
      return out;
    },
    async forgetLearner(learnerId) {
      return db.$transaction(async (tx) => {
        const learner = await tx.learner.findUnique({ where: { id: learnerId } });
        if (!learner) return {};
        const by = { where: { learnerId } };
        // Counted before the cascade so the learner can be told what went.
        const counts: Record<string, number> = {
          sessions: await tx.quizSession.count(by),
          answers: await tx.answer.count(by),
          cards: await tx.card.count(by),
          tutorTurns: await tx.tutorTurn.count(by),
          llmUsage: await tx.llmUsage.count(by),
          reminders: await tx.reminderLog.count(by),
          roundAnswers: await tx.roundAnswer.count(by),
          tutorAsks: await tx.tutorAsk.count(by),
          quizSkips: await tx.quizSkip.count(by),
        };
        // Rows written before ids were kept out of deliveries named the admin who skipped or
        // posted a lesson by hand ("/lesson skip by <id>", "manual:<id>"): scrub those too.
        const here = {
          subscription: { platform: learner.platform, workspaceId: learner.workspaceId },
        };
        await tx.delivery.updateMany({
          where: { ...here, lastError: `/lesson skip by ${learner.externalId}` },
          data: { lastError: "/lesson skip, by an admin" },
        });
        await tx.delivery.updateMany({
          where: { ...here, claimedBy: `manual:${learner.externalId}` },
          data: { claimedBy: MANUAL_CLAIM },
        });
        // Course versions name who published them (src/core/commands/content.ts): keep the
        // version, drop the name; uploads still waiting for Publish go.
        const who = `${learner.platform}:${learner.workspaceId}:${learner.externalId}`;
        await tx.courseVersion.updateMany({
          where: { publishedBy: who },
          data: { publishedBy: "an admin (forgotten)" },
        });
        await tx.courseUpload.deleteMany({ where: { createdBy: who } });
        counts.subscriptions = (
          await tx.subscription.deleteMany({
            where: {
              platform: learner.platform,
              workspaceId: learner.workspaceId,
              learnerExternalId: learner.externalId,
            },
          })
        ).count;
        // Explicit deletes first: they do not rely on the engine's cascade settings.
        await tx.answer.deleteMany(by);
        await tx.quizSession.deleteMany(by);
        await tx.llmUsage.deleteMany(by);
        await tx.tutorAsk.deleteMany(by);
        await tx.quizSkip.deleteMany(by);
        await tx.courseNotice.deleteMany(by);
        await tx.learner.delete({ where: { id: learnerId } });
        counts.learner = 1;
        return counts;
      });
    },
  };
}
