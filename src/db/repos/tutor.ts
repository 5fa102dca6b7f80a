// TutorRepo over Prisma: thread turns, the budget row (optimistic compare-and-set), the usage
// log with its per-day rollup, and the embeddings cache.
import type { BudgetState, TutorRepo, UsageDay } from "../../core/ports/tutor";
import type { Db } from "../connect";

const sameBudget = (s: BudgetState) => ({
  tokens: s.tokens,
  refilledAt: s.refilledAt,
  day: s.day,
  tokensToday: s.tokensToday,
});

/** Thread turns are per course (a thread's history never mixes courses); budgets per learner. */
export function tutorRepo(db: Db, courseId: string): TutorRepo {
  return {
    async addTurn(learnerId, threadKey, t) {
      await db.tutorTurn.create({
        data: {
          learnerId,
          courseId,
          threadKey: threadKey.slice(0, 200),
          role: t.role,
          content: t.content,
          questionId: t.questionId,
          createdAt: t.createdAt,
        },
      });
    },
    async recentTurns(learnerId, threadKey, limit) {
      const rows = await db.tutorTurn.findMany({
        where: { learnerId, courseId, threadKey: threadKey.slice(0, 200) },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
      });
      return rows.reverse().map((r) => ({
        role: r.role === "assistant" ? "assistant" : "user",
        content: r.content,
        questionId: r.questionId,
        createdAt: r.createdAt,
      }));
    },
    async getBudget(learnerId) {
      const r = await db.llmBudget.findUnique({ where: { learnerId } });
      return r
        ? { tokens: r.tokens, refilledAt: r.refilledAt, day: r.day, tokensToday: r.tokensToday }
        : null;
    },
    async saveBudget(learnerId, prev, next) {
      if (!prev) {
        try {
          await db.llmBudget.create({ data: { learnerId, ...sameBudget(next) } });
          return true;
        } catch (e) {
          if ((e as { code?: string }).code === "P2002") return false; // another request created it first
          throw e;
        }
      }
      const r = await db.llmBudget.updateMany({
        where: { learnerId, ...sameBudget(prev) },
        data: sameBudget(next),
      });
      return r.count === 1;
    },
    async recordUsage(u) {
      await db.llmUsage.create({ data: u });
    },
    async recordAsk(a) {
      await db.tutorAsk.create({ data: { ...a, text: a.text.slice(0, 2000) } });
    },
    async usageByDay(since) {
      const rows = await db.llmUsage.findMany({
        where: { createdAt: { gte: since } },
        orderBy: { createdAt: "asc" },
        select: { model: true, tokensIn: true, tokensOut: true, outcome: true, createdAt: true },
      });
      const days = new Map<string, UsageDay>();
      for (const r of rows) {
        const day = r.createdAt.toISOString().slice(0, 10);
        const key = `${day}\u0000${r.model}`;
        const d = days.get(key) ?? {
          day,
          model: r.model,
          requests: 0,
          tokensIn: 0,
          tokensOut: 0,
          failures: 0,
        };
        d.requests++;
        d.tokensIn += r.tokensIn;
        d.tokensOut += r.tokensOut;
        if (r.outcome === "error") d.failures++;
        days.set(key, d);
      }
      return [...days.values()];
    },
    async getEmbeddings(hashes) {
      const out = new Map<string, number[]>();
      for (let i = 0; i < hashes.length; i += 500) {
        const rows = await db.embeddingCache.findMany({
          where: { hash: { in: hashes.slice(i, i + 500) } },
        });
        for (const r of rows) if (Array.isArray(r.vector)) out.set(r.hash, r.vector as number[]);
      }
      return out;
    },
    async putEmbeddings(rows) {
      for (const r of rows)
        await db.embeddingCache.upsert({
          where: { hash: r.hash },
          create: { hash: r.hash, model: r.model, vector: r.vector },
          update: {},
        });
    },
  };
}
