// SeenRequestRepo over SQL: an insert that does nothing on a key already present, so the
// database (its primary key) decides which copy of a request is the first, across instances.
// The statement text is the same on SQLite and PostgreSQL.
import type { SeenRequestRepo } from "../../core/ports/seen-requests";
import type { Db } from "../connect";
import { rows, sql } from "./sql";

export function seenRequestRepo(db: Db): SeenRequestRepo {
  return {
    async firstSeen(key, now) {
      const inserted = await rows<{ key: string }>(
        db,
        sql`
        INSERT INTO "SeenRequest" ("key", "seenAt") VALUES (${key}, ${now})
        ON CONFLICT ("key") DO NOTHING
        RETURNING "key"`,
      );
      return inserted.length === 1;
    },
    async prune(before) {
      const { count } = await db.seenRequest.deleteMany({ where: { seenAt: { lt: before } } });
      return count;
    },
  };
}
