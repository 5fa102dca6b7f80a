// Opens the database named by DATABASE_URL (SQLite by default, PostgreSQL for postgresql://),
// applies pending migrations, and returns one Prisma client typed against the shared model.
// Nothing outside src/db touches Prisma; the rest of the app sees the Store port.
import Database from "better-sqlite3";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { migratePostgres, migrateSqlite } from "./migrate";
import { pgDriver, sqliteDriver, type RawDriver } from "./fast/driver";
import { noLearnerCache, pgLearnerCache, type LearnerCache } from "./fast/learner-cache";
import { startDatabaseMaintenance } from "./maintenance";
import { TunedSqliteAdapter } from "./sqlite-adapter";
import { watchSqliteWal } from "./sqlite-checkpointer";
import type { Logger } from "../core/ports/logger";
import { providerOf, sqlitePath, type Provider } from "./url";

/** Both generated clients expose the same model API; app code is typed against this one. */
export type Db = SqliteClient;

export interface Database_ {
  prisma: Db;
  /** The learner path's driver, on the same connections as `prisma` (src/db/fast). */
  raw: RawDriver;
  provider: Provider;
  url: string;
  applied: string[];
  close(): Promise<void>;
  ping(): Promise<void>;
}

/**
 * PostgreSQL connections per instance (DATABASE_POOL_SIZE), chosen by `npm run bench -- pool` (200
 * concurrent streams of signed Discord interactions, 2,000 requests, 2 cores, 2026-12-07, load
 * 0.7-1.2, after the learner path moved to the driver): pool 10 gave 280.9 req/s, p99 2.21 s, 0 %
 * deferred; 5 gave 225.8 req/s, p99 2.01 s; 20 gave 308.5 req/s but p99 3.05 s, 30 p99 3.79 s.
 * More connections only let more statements contend for the same two cores, so the tail grows.
 */
export const DEFAULT_POOL_SIZE = 10;

/** The learner path's driver and learner cache, on the same connections as a Prisma client. */
export interface FastPath {
  raw: RawDriver;
  learners: LearnerCache;
}

const fastPaths = new WeakMap<Db, FastPath>();

/** The fast path opened with this client (createStore finds the learner path here). */
export function fastPathOf(prisma: Db): FastPath | undefined {
  return fastPaths.get(prisma);
}

export async function openDatabase(
  url: string,
  opts: {
    migrate?: boolean;
    poolSize?: number;
    /** A long-lived process passes its logger: statistics upkeep runs (maintenance.ts). */
    logger?: Logger;
  } = {},
): Promise<Database_> {
  const provider = providerOf(url);
  const migrate = opts.migrate ?? true;
  let applied: string[] = [];
  let prisma: Db;
  let driver: RawDriver;
  let learners: LearnerCache = noLearnerCache;
  let endPool = async () => {};
  let stopCheckpoints = async () => {};
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
    const adapter = new TunedSqliteAdapter({ url: path, timeout: 10_000 });
    prisma = new PrismaClient({
      adapter,
      // Prisma builds a stack trace per call for its pretty errors; minimal keeps the message.
      errorFormat: "minimal",
    });
    // Connect now, so the learner path's driver can share the one connection and its gate.
    await prisma.$connect();
    const { client, gate } = adapter.connection!;
    driver = sqliteDriver(client, gate);
    if (path !== ":memory:") {
      const checkpointer = watchSqliteWal(path, { logger: opts.logger });
      stopCheckpoints = async () => {
        await checkpointer.stop();
      };
    }
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
    // One pool for Prisma and the learner path's raw driver, ended by close() below.
    const pool = new pg.Pool({
      connectionString: url,
      max: opts.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      // Keep idle connections (pg closes them after 10 s by default). Each is a server process
      // with a cold catalog cache and none of the learner path's prepared statements: when a
      // lull closed them, the next burst paid 15-20 ms a first statement on the new ones, the
      // slowest answers of the paced bench on PostgreSQL. The pool stays at most `max` anyway.
      idleTimeoutMillis: 0,
    });
    // An idle connection the server drops (a restart, a failover) emits an error on the pool;
    // unheard, it would end the process. The pool discards that connection and opens a new one
    // when needed; the requests that see the outage get UnavailableError from the store.
    pool.on("error", () => {});
    const adapter = new PrismaPg(pool);
    let ended = false;
    endPool = async () => {
      if (ended) return;
      ended = true;
      await pool.end();
    };
    const { PrismaClient } = await import("../generated/postgres/client");
    prisma = new PrismaClient({ adapter, errorFormat: "minimal" }) as unknown as Db;
    const pgRaw = pgDriver(pool, pg.types);
    driver = pgRaw;
    learners = pgLearnerCache({ url, raw: pgRaw });
  }
  fastPaths.set(prisma, { raw: driver, learners });
  const client = prisma;
  const stopMaintenance = opts.logger
    ? startDatabaseMaintenance({
        provider,
        run: (sql) => client.$queryRawUnsafe(sql),
        logger: opts.logger,
        schemaChanged: applied.length > 0,
      })
    : async () => {};
  return {
    prisma,
    raw: driver,
    provider,
    url,
    applied,
    close: async () => {
      await stopMaintenance();
      await learners.close();
      // Before the app's connection closes: closing the last connection checkpoints the WAL
      // and removes it, which a second connection still open would prevent.
      await stopCheckpoints();
      await prisma.$disconnect();
      await endPool();
    },
    ping: async () => {
      await prisma.$queryRawUnsafe("SELECT 1");
    },
  };
}
