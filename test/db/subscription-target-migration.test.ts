// Migration 0003 on both engines, over rows written before targets were unique: each target keeps
// its newest active row (or, with none active, its newest row) under the key the code computes;
// older duplicates end inactive and keyless, so the target then posts each lesson once.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { subscriptionKey } from "../../src/core/schedule/target";
import { listMigrations, migratePostgres, migrateSqlite } from "../../src/db/migrate";
import { createTestDatabaseUrl, PROVIDERS, type TestProvider } from "../helpers/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Raw {
  migrate(upTo?: string): Promise<void>;
  run(sql: string, params: unknown[]): Promise<void>;
  all<T>(sql: string): Promise<T[]>;
}

async function rawDb(provider: TestProvider): Promise<Raw> {
  const t = await createTestDatabaseUrl(provider);
  cleanups.push(t.drop);
  const upTo = (name?: string) => listMigrations(provider).filter((m) => !name || m.name < name);
  if (provider === "sqlite") {
    const db = new Database(t.url.replace(/^file:/, ""));
    cleanups.push(async () => {
      db.close();
    });
    return {
      migrate: async (name) => {
        migrateSqlite(db, upTo(name));
      },
      run: async (sql, params) => {
        db.prepare(sql).run(...params.map((p) => (typeof p === "boolean" ? Number(p) : p)));
      },
      all: async <T>(sql: string) => db.prepare(sql).all() as T[],
    };
  }
  const client = new pg.Client({ connectionString: t.url });
  await client.connect();
  cleanups.push(() => client.end());
  return {
    migrate: async (name) => {
      await migratePostgres(client, upTo(name));
    },
    run: async (sql, params) => {
      let i = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++i}`),
        params,
      );
    },
    all: async <T>(sql: string) => (await client.query(sql)).rows as T[],
  };
}

describe.each(PROVIDERS)("migration 0003 on %s: one subscription per target", (provider) => {
  it("keeps the newest active row of each target and retires the duplicates", async () => {
    const db = await rawDb(provider);
    await db.migrate("0003");
    // [id, workspace, channel, learner, active, created day]
    const rows: [string, string, string, string | null, boolean, number][] = [
      ["c1-old", "w", "C1", null, true, 1],
      ["c1-mid", "w", "C1", null, true, 2],
      ["c1-new", "w", "C1", null, true, 3],
      ["c1-stopped", "w", "C1", null, false, 4],
      ["c2-a", "w", "C2", null, false, 1],
      ["c2-b", "w", "C2", null, false, 2],
      ["dm-d1", "w", "D1", "L", true, 1],
      ["dm-d2", "w", "D2", "L", true, 2],
      ["other-ws", "w2", "C1", null, true, 1],
      ["chan-x", "w", "X", null, true, 1],
      ["dm-x", "w", "X", "L2", true, 1],
    ];
    for (const [id, ws, ch, learner, active, day] of rows)
      await db.run(
        `INSERT INTO "Subscription" ("id", "platform", "workspaceId", "channelId", "learnerExternalId", "courseId", "timeZone", "active", "createdAt") VALUES (?, 'console', ?, ?, ?, 'c', 'UTC', ?, ?)`,
        [id, ws, ch, learner, active, new Date(Date.UTC(2026, 0, day)).toISOString()],
      );
    await db.migrate();
    const after = await db.all<{ id: string; targetKey: string | null; active: boolean | number }>(
      `SELECT "id", "targetKey", "active" FROM "Subscription" ORDER BY "id"`,
    );
    const key = (ws: string, channelId: string, learnerExternalId: string | null) =>
      subscriptionKey({ platform: "console", workspaceId: ws, channelId, learnerExternalId });
    expect(after.map((r) => [r.id, r.targetKey, Boolean(r.active)])).toEqual([
      ["c1-mid", null, false],
      ["c1-new", key("w", "C1", null), true],
      ["c1-old", null, false],
      ["c1-stopped", null, false],
      ["c2-a", null, false],
      ["c2-b", key("w", "C2", null), false],
      ["chan-x", key("w", "X", null), true],
      ["dm-d1", null, false],
      ["dm-d2", key("w", "D2", "L"), true],
      ["dm-x", key("w", "X", "L2"), true],
      ["other-ws", key("w2", "C1", null), true],
    ]);
    // The key is now enforced.
    await expect(
      db.run(
        `INSERT INTO "Subscription" ("id", "platform", "workspaceId", "channelId", "courseId", "timeZone", "targetKey") VALUES ('dup', 'console', 'w', 'C1', 'c', 'UTC', ?)`,
        [key("w", "C1", null)],
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});
