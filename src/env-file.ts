// Reads `.env` from the working directory into process.env before the configuration is parsed,
// for `npm start`, the CLI and deploy-commands alike. The environment wins over the file; an
// empty variable counts as unset (as everywhere in config.ts), so the file fills it. A missing
// file is normal; an unreadable one stops start-up with a message naming it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";

export class EnvFileError extends Error {}

/**
 * Merges the file's variables into `env` (default process.env) and returns the names it set.
 * Node's own parser (the one behind `node --env-file`) reads the file: quotes, comments,
 * `export`-less KEY=value lines and multi-line quoted values.
 */
export function loadEnvFile(path = ".env", env: NodeJS.ProcessEnv = process.env): string[] {
  let text: string;
  try {
    text = readFileSync(resolve(path), "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    throw new EnvFileError(`cannot read ${path}: ${code ?? (e as Error).message}`);
  }
  const set: string[] = [];
  for (const [key, value] of Object.entries(parseEnv(text))) {
    if (value === undefined || (env[key] !== undefined && env[key]!.trim() !== "")) continue;
    env[key] = value;
    set.push(key);
  }
  return set;
}
