// Which engine a DATABASE_URL selects, and where an unset URL puts the SQLite file.
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

/** A URL safe to log: the password is replaced. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}
