// Applies the checked-in migrations (prisma/<provider>/migrations/*/migration.sql) at start-up,
// so a fresh clone needs no manual database step. Records them in Prisma's own
// `_prisma_migrations` table, so `prisma migrate deploy/status` agree with what ran here.
// Several instances may start at once: PostgreSQL serializes them with an advisory lock;
// SQLite with an exclusive transaction.
import { createHash, randomUUID } from "node:crypto";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";
import type pg from "pg";
import type { Provider } from "./url";

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationsDir(provider: Provider): string {
  return join(process.cwd(), "prisma", provider, "migrations");
}

export function listMigrations(provider: Provider, dir = migrationsDir(provider)): Migration[] {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, "migration.sql")))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME, "migration_name" TEXT NOT NULL,
  "logs" TEXT, "rolled_back_at" DATETIME, "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

const PG_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

function checkChanged(applied: Map<string, string>, migrations: Migration[]): void {
  for (const m of migrations) {
    const sum = applied.get(m.name);
    if (sum && sum !== m.checksum)
      throw new Error(
        `migration ${m.name} was edited after it was applied; add a new migration instead`,
      );
  }
}

/** Returns the names of the migrations applied now. */
export function migrateSqlite(
  db: Database.Database,
  migrations = listMigrations("sqlite"),
): string[] {
  db.exec(SQLITE_TABLE);
  const run = db.transaction(() => {
    const rows = db
      .prepare(
        `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      )
      .all() as { migration_name: string; checksum: string }[];
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkChanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations.filter((m) => !applied.has(m.name))) {
      db.exec(m.sql);
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)`,
      ).run(randomUUID(), m.checksum, m.name);
      done.push(m.name);
    }
    return done;
  });
  return run.exclusive();
}

const LOCK_KEY = 7_302_118_421; // any constant; shared by every coursebot instance

export async function migratePostgres(
  client: pg.ClientBase,
  migrations = listMigrations("postgres"),
): Promise<string[]> {
  await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
  try {
    await client.query(PG_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    checkChanged(applied, migrations);
    const done: string[] = [];
    for (const m of migrations.filter((m) => !applied.has(m.name))) {
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(e as Error).message}`);
      }
      done.push(m.name);
    }
    return done;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]);
  }
}
