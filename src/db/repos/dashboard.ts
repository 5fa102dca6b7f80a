// DashboardRepo over Prisma: sign-in links and sessions (hashes only), the rows the dashboard's
// pages read for one community, retrying a failed lesson delivery, and the digest claim.
import type { AskOutcome, DashboardRepo } from "../../core/ports/dashboard";
import type { CommunityKey } from "../../core/ports/learning";
import type { Db } from "../connect";
import { toDelivery, toSub } from "./schedule";

const ofCommunity = (c: CommunityKey) => ({
  learner: { platform: c.platform, workspaceId: c.workspaceId },
});

export function dashboardRepo(db: Db): DashboardRepo {
  return {
    async createLink(tokenHash, community, expiresAt) {
      await db.dashboardLink.create({ data: { tokenHash, ...community, expiresAt } });
    },
    async consumeLink(tokenHash, now) {
      // One conditional update: of two concurrent uses of a link, exactly one changes the row.
      const r = await db.dashboardLink.updateMany({
        where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (r.count !== 1) return null;
      const row = await db.dashboardLink.findUnique({ where: { tokenHash } });
      return row ? { platform: row.platform, workspaceId: row.workspaceId } : null;
    },
    async createSession(idHash, community, csrf, expiresAt) {
      await db.dashboardSession.create({ data: { idHash, ...community, csrf, expiresAt } });
    },
    async getSession(idHash, now) {
      const r = await db.dashboardSession.findUnique({ where: { idHash } });
      if (!r || r.expiresAt <= now) return null;
      return {
        community: { platform: r.platform, workspaceId: r.workspaceId },
        csrf: r.csrf,
        expiresAt: r.expiresAt,
      };
    },
    async deleteSession(idHash) {
      await db.dashboardSession.deleteMany({ where: { idHash } });
    },
    async prune(now) {
      await db.dashboardLink.deleteMany({ where: { expiresAt: { lte: now } } });
      await db.dashboardSession.deleteMany({ where: { expiresAt: { lte: now } } });
    },

    async learners(c) {
      return db.learner.findMany({
        where: { platform: c.platform, workspaceId: c.workspaceId },
        select: {
          id: true,
          streakCount: true,
          streakLastDay: true,
          streakFreezes: true,
          timeZone: true,
        },
        orderBy: { id: "asc" },
      });
    },
    async dueCounts(c, now) {
      const rows = await db.card.groupBy({
        by: ["learnerId"],
        where: { due: { lte: now }, ...ofCommunity(c) },
        _count: { _all: true },
      });
      return new Map(rows.map((r) => [r.learnerId, r._count._all]));
    },
    async skips(c, since) {
      return db.quizSkip.findMany({
        where: { ...ofCommunity(c), ...(since ? { createdAt: { gte: since } } : {}) },
        select: { learnerId: true, questionId: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      });
    },
    async asks(c, since) {
      const rows = await db.tutorAsk.findMany({
        where: {
          platform: c.platform,
          workspaceId: c.workspaceId,
          ...(since ? { createdAt: { gte: since } } : {}),
        },
        select: {
          learnerId: true,
          text: true,
          outcome: true,
          openQuestionId: true,
          createdAt: true,
          learner: { select: { displayName: true } },
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return rows.map(({ learner, ...r }) => ({
        ...r,
        outcome: r.outcome as AskOutcome,
        learnerName: learner.displayName,
      }));
    },
    async usage(c, since) {
      const rows = await db.llmUsage.findMany({
        where: { createdAt: { gte: since }, ...ofCommunity(c) },
        select: { model: true, tokensIn: true, tokensOut: true, createdAt: true },
        orderBy: { createdAt: "asc" },
      });
      const days = new Map<
        string,
        { day: string; model: string; requests: number; tokensIn: number; tokensOut: number }
      >();
      for (const r of rows) {
        const day = r.createdAt.toISOString().slice(0, 10);
        const key = `${day}\u0000${r.model}`;
        const d = days.get(key) ?? { day, model: r.model, requests: 0, tokensIn: 0, tokensOut: 0 };
        d.requests++;
        d.tokensIn += r.tokensIn;
        d.tokensOut += r.tokensOut;
        days.set(key, d);
      }
      return [...days.values()];
    },
    async lessons(c, perSubscription) {
      const subs = await db.subscription.findMany({
        where: { platform: c.platform, workspaceId: c.workspaceId },
        orderBy: [{ active: "desc" }, { createdAt: "asc" }],
      });
      return Promise.all(
        subs.map(async (s) => ({
          sub: toSub(s),
          recent: (
            await db.delivery.findMany({
              where: { subscriptionId: s.id },
              orderBy: { occurrenceAt: "desc" },
              take: perSubscription,
            })
          ).map(toDelivery),
        })),
      );
    },
    async retryDelivery(c, deliveryId, now) {
      // The community is part of the condition: another community's delivery id changes nothing.
      const r = await db.delivery.updateMany({
        where: {
          id: deliveryId,
          status: "failed",
          subscription: { platform: c.platform, workspaceId: c.workspaceId, active: true },
        },
        data: { nextAttemptAt: now },
      });
      return r.count === 1;
    },

    async staffChannels() {
      const rows = await db.community.findMany({ where: { staffChannelId: { not: null } } });
      return rows.map((r) => ({
        platform: r.platform,
        workspaceId: r.workspaceId,
        channelId: r.staffChannelId!,
        timeZone: r.timeZone,
      }));
    },
    async claimDigest(c, week) {
      try {
        await db.digestLog.create({ data: { ...c, week } });
        return true;
      } catch (e) {
        if ((e as { code?: string }).code === "P2002") return false;
        throw e;
      }
    },
  };
}
