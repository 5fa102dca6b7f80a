// Opens the database named by DATABASE_URL (SQLite by default, PostgreSQL for postgresql://),
// applies pending migrations, and returns one Prisma client typed against the shared model.
// Nothing outside src/db touches Prisma; the rest of the app sees the Store port.
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { migratePostgres, migrateSqlite } from "./migrate";
import { TunedSqliteAdapter } from "./sqlite-adapter";
import { providerOf, sqlitePath, type Provider } from "./url";

/** Both generated clients expose the same model API; app code is typed against this one. */
export type Db = SqliteClient;

export interface Database_ {
  prisma: Db;
  provider: Provider;
  url: string;
  applied: string[];
  close(): Promise<void>;
  ping(): Promise<void>;
}

/**
 * PostgreSQL connections per instance (DATABASE_POOL_SIZE). 30 rather than pg's usual 10: with 10,
 * 200 concurrent learners queued for connections (28–42 % of Discord replies deferred, p99
 * 4.1–4.8 s, while the bot used under 60 % of a core); with 30, 189 requests/s at p99 2.6 s
 * (issue 20's measurement; `npm run bench -- pool` measures it again).
 */
export const DEFAULT_POOL_SIZE = 30;

export async function openDatabase(url: string, opts: { migrate?: boolean; poolSize?: number } = {}): Promise<Database_> {
  const provider = providerOf(url);
  const migrate = opts.migrate ?? true;
  let applied: string[] = [];
  let prisma: Db;
  if (provider === "sqlite") {
    const path = sqlitePath(url);
    const raw = new Database(path, { timeout: 10_000 });
    try {
      // WAL lets readers and the single writer work at once; it is stored in the file.
      raw.pragma("journal_mode = WAL");
      if (migrate) applied = migrateSqlite(raw);
    } finally {
      raw.close();
    }
    // Each generated client is imported only when its engine is used: it saves start-up time.
    const { PrismaClient } = await import("../generated/sqlite/client");
    prisma = new PrismaClient({ adapter: new TunedSqliteAdapter({ url: path, timeout: 10_000 }) });
  } else {
    if (migrate) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        applied = await migratePostgres(client);
      } finally {
        await client.end();
      }
    }
    const adapter = new PrismaPg({ connectionString: url, max: opts.poolSize ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: 5_000 });
    const { PrismaClient } = await import("../generated/postgres/client");
    prisma = new PrismaClient({ adapter }) as unknown as Db;
  }
  return {
    prisma,
    provider,
    url,
    applied,
    close: () => prisma.$disconnect(),
    ping: async () => { await prisma.$queryRawUnsafe("SELECT 1"); },
  };
}
