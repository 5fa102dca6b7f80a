// Throwaway databases for tests: a temp SQLite file, or a fresh PostgreSQL database created on
// the local server (TEST_PG_URL, default postgresql://postgres@127.0.0.1:5432/test) and dropped after.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database_ } from "../../src/db/connect";

export type TestProvider = "sqlite" | "postgres";
export const PG_ADMIN_URL = process.env.TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/test";

export interface TestDb {
  db: Database_;
  url: string;
  drop(): Promise<void>;
}

/** Creates an empty database of the given kind, migrated. */
export async function createTestDatabaseUrl(
  provider: TestProvider,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "coursebot-test-"));
    return {
      url: `file:${join(dir, "test.db")}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `coursebot_t_${randomUUID().replace(/-/g, "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_ADMIN_URL} (${(e as Error).message}). Start it (see README, "Tests") or set TEST_PG_URL.`,
    );
  }
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createTestDb(provider: TestProvider): Promise<TestDb> {
  const { url, drop } = await createTestDatabaseUrl(provider);
  const db = await openDatabase(url, { poolSize: 5 });
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}

export const PROVIDERS: TestProvider[] = ["sqlite", "postgres"];
