// `npm run db:migrate`: applies pending migrations to DATABASE_URL and says what it applied,
// for operators who prefer migrating as a separate deploy step (the app also migrates at start).
import { loadConfig } from "../config";
import { openDatabase } from "../db/connect";
import { listMigrations } from "../db/migrate";
import { providerOf, redactUrl } from "../db/url";

export async function dbMigrate(
  _args: string[],
  env: NodeJS.ProcessEnv = process.env,
  out = console,
): Promise<number> {
  const { DATABASE_URL: url } = loadConfig(env);
  const provider = providerOf(url);
  const db = await openDatabase(url, { poolSize: 1 });
  try {
    const total = listMigrations(provider).length;
    if (db.applied.length === 0)
      out.log(
        `${provider} ${redactUrl(url)}: up to date (${total} migration${total === 1 ? "" : "s"} applied earlier)`,
      );
    else
      out.log(
        `${provider} ${redactUrl(url)}: applied ${db.applied.length} migration${db.applied.length === 1 ? "" : "s"}:\n${db.applied.map((m) => `  ${m}`).join("\n")}`,
      );
    return 0;
  } finally {
    await db.close();
  }
}
