// ConfirmationRepo over Prisma: one pending confirmation per learner and action; its id is the
// token a confirm button carries. Consuming deletes it, so a confirmation works once.
import type { ConfirmationRepo } from "../../core/ports/learning";
import type { Db } from "../connect";

export function confirmationRepo(db: Db): ConfirmationRepo {
  return {
    async issue(learnerId, action, expiresAt) {
      // A new request replaces the old token: an old button stops working.
      const replace = () =>
        db.$transaction(async (tx) => {
          await tx.confirmation.deleteMany({ where: { learnerId, action } });
          return (await tx.confirmation.create({ data: { learnerId, action, expiresAt } })).id;
        });
      try {
        return await replace();
      } catch (e) {
        // Two requests at once (a double click): both deleted, the other inserted first. Replace
        // its token as a later request would.
        if ((e as { code?: string }).code !== "P2002") throw e;
        return replace();
      }
    },
    async consume(learnerId, action, now, token) {
      const { count } = await db.confirmation.deleteMany({
        where: { learnerId, action, expiresAt: { gt: now }, ...(token ? { id: token } : {}) },
      });
      return count > 0;
    },
  };
}
