// The raw database driver the learner path runs on: better-sqlite3 or node-postgres, the same
// connections Prisma uses, without Prisma's per-call work in between.
// Why: per answer + Next, the app's Prisma repositories cost 2.52 ms of CPU on SQLite and 3.37 ms
// on PostgreSQL; the same statements on the driver 0.23 / 0.78 ms (issue 19's profile). Prisma
// stays the schema, the migrations and every other repository.
// Statements are written once with `?` placeholders; PostgreSQL gets `$1…` and a named prepared
// statement (parsed once per connection). On SQLite each text is prepared once and kept.
// No multi-statement transaction on PostgreSQL: what must be atomic there is one statement.
import type { Database, Statement } from "better-sqlite3";
import type { Mutex } from "async-mutex";
import type pg from "pg";

/** One row as the driver returns it: decode with rows.ts. */
export type Row = Record<string, unknown>;

/** A statement's text for each engine (see `stmt`). */
export interface Stmt {
  readonly sqlite: string;
  readonly pg: string;
  /** PostgreSQL prepared-statement name, derived from the text. */
  readonly name: string;
}

/** What both engines can do: run one statement. */
export interface Queries {
  all(s: Stmt, params: readonly unknown[]): Promise<Row[]>;
  run(s: Stmt, params: readonly unknown[]): Promise<number>;
}

/** SQLite's statements run synchronously: a transaction is one uninterrupted call. */
export interface SyncQueries {
  all(s: Stmt, params: readonly unknown[]): Row[];
  run(s: Stmt, params: readonly unknown[]): number;
}

export interface SqliteRawDriver extends Queries {
  readonly provider: "sqlite";
  /**
   * Runs `fn` in BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws) without yielding to the event
   * loop, so nothing else can run inside it and no request queues behind it.
   */
  atomic<T>(fn: (q: SyncQueries) => T): Promise<T>;
}

export interface PgRawDriver extends Queries {
  readonly provider: "postgres";
}

export type RawDriver = SqliteRawDriver | PgRawDriver;

let counter = 0;
/**
 * A statement from one text with `?` placeholders, or a text per engine where they differ (JSON
 * access). No `?` may appear in a string literal: the PostgreSQL text numbers every one.
 */
export function stmt(text: string | { sqlite: string; pg: string }): Stmt {
  const sqlite = typeof text === "string" ? text : text.sqlite;
  let n = 0;
  const pgText = (typeof text === "string" ? text : text.pg).replace(/\?/g, () => `$${++n}`);
  return { sqlite, pg: pgText, name: `cb_fast_${++counter}` };
}

/** Parameters as each driver takes them: dates as ISO text, booleans as 0/1 on SQLite. */
function sqliteParam(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === "boolean") return v ? 1 : 0;
  // The format Prisma's SQLite adapter writes, so comparisons between the two stay textual.
  if (v instanceof Date) return v.toISOString().replace("Z", "+00:00");
  return v;
}

function pgParam(v: unknown): unknown {
  if (v === undefined) return null;
  // A timestamp without time zone ignores the offset: the UTC digits are what is stored, as by
  // Prisma, whatever the process's time zone.
  if (v instanceof Date) return v.toISOString();
  return v;
}

export function sqliteDriver(db: Database, gate: Mutex): SqliteRawDriver {
  const prepared = new Map<string, Statement>();
  const prepare = (text: string) => {
    let s = prepared.get(text);
    if (!s) {
      s = db.prepare(text);
      // The connection returns BigInt by default (Prisma's adapter asks it to); ours are small.
      s.safeIntegers(false);
      prepared.set(text, s);
    }
    return s;
  };
  const sync: SyncQueries = {
    all: (s, params) => prepare(s.sqlite).all(...params.map(sqliteParam)) as Row[],
    run: (s, params) => prepare(s.sqlite).run(...params.map(sqliteParam)).changes,
  };
  // IMMEDIATE takes the write lock at once: another process's writer waits (busy_timeout)
  // instead of the two deadlocking when both upgrade a read to a write.
  const inTransaction = db.transaction(<T>(fn: (q: SyncQueries) => T) => fn(sync)).immediate;
  // The same gate as Prisma's (sqlite-adapter.ts): nothing runs inside another request's open
  // Prisma transaction. When the gate is free (the usual case) the work runs at once, and being
  // synchronous, nothing can interleave with it.
  const gated = <T>(fn: () => T): Promise<T> => {
    if (gate.isLocked()) return gate.runExclusive(fn);
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  };
  return {
    provider: "sqlite",
    all: (s, params) => gated(() => sync.all(s, params)),
    run: (s, params) => gated(() => sync.run(s, params)),
    atomic: <T>(fn: (q: SyncQueries) => T) => gated(() => inTransaction(fn) as T),
  };
}

/** Timestamps without time zone are UTC here (as Prisma writes them), whatever TZ says. */
const TIMESTAMP = 1114;
function pgTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      oid === TIMESTAMP && format !== "binary"
        ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
        : types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
  };
}

export function pgDriver(pool: pg.Pool, types: typeof pg.types): PgRawDriver {
  const custom = pgTypes(types);
  const config = (s: Stmt, params: readonly unknown[]): pg.QueryConfig => ({
    name: s.name,
    text: s.pg,
    values: params.map(pgParam),
    types: custom,
  });
  return {
    provider: "postgres",
    all: async (s, params) => (await pool.query(config(s, params))).rows as Row[],
    run: async (s, params) => (await pool.query(config(s, params))).rowCount ?? 0,
  };
}
