// Hand-written SQL for the hot path: the statements every quiz answer runs (learner lookup,
// session read, the conditional session update, the answer insert, the card upsert) and the
// Next button's shown-at mark.
// Why: Prisma's model API spends ~0.5 ms of CPU per call compiling the query in its
// WebAssembly query compiler; $queryRaw skips the compiler (~0.15 ms per call, measured with
// scratch micro-benchmarks on this machine), and both engines hand back the same typed rows
// (Date, boolean, parsed JSON). So one statement text serves SQLite and PostgreSQL: identifiers
// are double-quoted (PostgreSQL's names are case-sensitive), parameters are bound, never spliced.
// The repository contract suite runs every one of these on both engines.
import { join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { Db } from "../connect";

export { raw, sql };

/** Anything that can run raw SQL: the client or an interactive transaction. */
export type RawRunner = Pick<Db, "$queryRaw" | "$executeRaw">;

/** Runs a SELECT / … RETURNING statement and returns its rows typed as T. */
export function rows<T>(db: RawRunner, query: Sql): Promise<T[]> {
  return db.$queryRaw<T[]>(query);
}

/** A quoted identifier from a fixed whitelist (callers pass column names from code, never input). */
function ident(name: string): Sql {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`not a column name: ${name}`);
  return raw(`"${name}"`);
}

/**
 * `"col" = value, …` for the defined entries of `patch` whose keys are in `columns`, followed by
 * any `extra` assignments; undefined when there is nothing to set. Undefined values are left out
 * (the same meaning as in Prisma's update).
 */
export function assignments(
  patch: object,
  columns: readonly string[],
  extra: Sql[] = [],
): Sql | undefined {
  const values = patch as Record<string, unknown>;
  const all = [
    ...columns.filter((c) => values[c] !== undefined).map((c) => sql`${ident(c)} = ${values[c]}`),
    ...extra,
  ];
  return all.length ? join(all, ", ") : undefined;
}

/** `("a", "b") VALUES (?, ?)` for an insert of `row`'s entries in `columns` order. */
export function insertColumns(row: object, columns: readonly string[]): Sql {
  const values = row as Record<string, unknown>;
  return sql`(${join(columns.map(ident), ", ")}) VALUES (${join(
    columns.map((c) => values[c] ?? null),
    ", ",
  )})`;
}
