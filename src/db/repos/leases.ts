// LeaseRepo over SQL. Taking and renewing is one upsert whose update only applies when the row is
// ours or expired, so two instances racing for a free or expired lease cannot both win: the
// database serialises the statements on the primary key, and the loser's conditional update
// matches nothing. The statement text is the same on SQLite and PostgreSQL.
import type { LeaseRepo } from "../../core/ports/leases";
import type { Db } from "../connect";
import { rows, sql } from "./sql";

export function leaseRepo(db: Db): LeaseRepo {
  return {
    async acquire(name, holder, now, expiresAt) {
      const taken = await rows<{ holder: string }>(
        db,
        sql`
        INSERT INTO "Lease" ("name", "holder", "expiresAt", "updatedAt") VALUES (${name}, ${holder}, ${expiresAt}, ${now})
        ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt", "updatedAt" = excluded."updatedAt"
        WHERE "Lease"."holder" = excluded."holder" OR "Lease"."expiresAt" <= excluded."updatedAt"
        RETURNING "holder"`,
      );
      return taken.length === 1;
    },
    async release(name, holder) {
      const { count } = await db.lease.deleteMany({ where: { name, holder } });
      return count > 0;
    },
    async current(name, now) {
      const row = await db.lease.findUnique({ where: { name } });
      return row && row.expiresAt > now ? { holder: row.holder, expiresAt: row.expiresAt } : null;
    },
  };
}
