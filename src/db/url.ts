// Which engine a DATABASE_URL selects, where an unset URL puts the SQLite file, and the data
// directory that follows from it.
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";

export type Provider = "sqlite" | "postgres";
export const DEFAULT_SQLITE_URL = "file:./data/coursebot.db";

export function providerOf(url: string): Provider {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgres";
  if (/^file:/i.test(url) || url === ":memory:") return "sqlite";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)`);
}

/** The better-sqlite3 path for a file: URL, creating its folder so a fresh clone just works. */
export function sqlitePath(url: string): string {
  if (url === ":memory:" || url === "file::memory:") return ":memory:";
  const path = url.replace(/^file:/i, "").replace(/\?.*$/, "");
  const full = isAbsolute(path) ? path : resolve(process.cwd(), path);
  mkdirSync(dirname(full), { recursive: true });
  return full;
}

/**
 * The data directory: where the SQLite file lives (./data by default), or ./data for PostgreSQL.
 * The terminal chat saves files the bot sends (exports, charts) under <data dir>/exports.
 */
export function dataDir(url: string): string {
  if (/^file:/i.test(url) && url !== "file::memory:") {
    const path = url.replace(/^file:/i, "").replace(/\?.*$/, "");
    return dirname(isAbsolute(path) ? path : resolve(process.cwd(), path));
  }
  return resolve(process.cwd(), "data");
}

/** A URL safe to log: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}
