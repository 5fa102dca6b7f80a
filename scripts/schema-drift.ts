// Finds drift between the one data model (prisma/schema.base.prisma) and what is checked in for
// each provider: the provider schemas, the latest migration's snapshot, and the migration
// folders. Used by the drift test and `npx tsx scripts/schema-drift.ts` (exit 1 on drift).
// It takes a root folder so the test can run it on a modified copy of prisma/.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { providerSchemas, type Provider } from "./schema-text.ts";

const PROVIDERS: Provider[] = ["sqlite", "postgres"];

/** Comments and layout do not change the database, so snapshots are compared without them. */
export function normaliseSchema(text: string): string {
  return text
    .split("\n")
    .map((l) =>
      l
        .replace(/\/\/.*$/, "")
        .trim()
        .replace(/\s+/g, " "),
    )
    .filter((l) => l !== "")
    .join("\n");
}

function migrationFolders(root: string, provider: Provider): string[] {
  const dir = join(root, "prisma", provider, "migrations");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, "migration.sql")))
    .sort();
}

/** Every problem found, in words that say how to fix it; empty when in sync. */
export function schemaDrift(root = process.cwd()): string[] {
  const problems: string[] = [];
  const base = readFileSync(join(root, "prisma", "schema.base.prisma"), "utf8");
  const expected = providerSchemas(base);
  for (const provider of PROVIDERS) {
    const path = join(root, "prisma", provider, "schema.prisma");
    const current = existsSync(path) ? readFileSync(path, "utf8") : "";
    if (current !== expected[provider])
      problems.push(
        `prisma/${provider}/schema.prisma differs from prisma/schema.base.prisma: edit the base, then run npm run db:generate`,
      );
    const folders = migrationFolders(root, provider);
    const last = folders.at(-1);
    if (!last) {
      problems.push(`prisma/${provider}/migrations has no migration`);
      continue;
    }
    const snapshotPath = join(root, "prisma", provider, "migrations", last, "schema.prisma");
    if (!existsSync(snapshotPath)) {
      problems.push(`prisma/${provider}/migrations/${last} has no schema.prisma snapshot`);
      continue;
    }
    if (normaliseSchema(readFileSync(snapshotPath, "utf8")) !== normaliseSchema(current))
      problems.push(
        `prisma/${provider}/schema.prisma changed since the latest ${provider} migration (${last}): run npm run db:migration -- <name>`,
      );
  }
  const [a, b] = PROVIDERS.map((p) => migrationFolders(root, p));
  const onlyA = a.filter((n) => !b.includes(n));
  const onlyB = b.filter((n) => !a.includes(n));
  if (onlyA.length || onlyB.length)
    problems.push(
      `migration folders differ between providers (only sqlite: ${onlyA.join(", ") || "none"}; only postgres: ${onlyB.join(", ") || "none"})`,
    );
  return problems;
}

if (process.argv[1]?.endsWith("schema-drift.ts")) {
  const problems = schemaDrift();
  for (const p of problems) console.error(p);
  if (!problems.length) console.log("schemas and migrations are in sync");
  process.exit(problems.length ? 1 : 0);
}
