// Creates the next migration for both providers after prisma/schema.base.prisma changed:
//   npm run db:migration -- <name>
// Each migration folder keeps the schema it produces (schema.prisma) so the next diff needs no
// database: `prisma migrate diff` from that snapshot to the current schema, for each provider.
import { readdirSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { execFileSync } from "node:child_process";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]+/gi, "_").toLowerCase();
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
execFileSync("npx", ["tsx", "scripts/db-generate.ts"], { stdio: "inherit" });
mkdirSync("data", { recursive: true });
for (const provider of ["sqlite", "postgres"]) {
  const dir = `prisma/${provider}/migrations`;
  const existing = readdirSync(dir)
    .filter((d) => /^\d{4}_/.test(d))
    .sort();
  const last = existing.at(-1)!;
  const next = `${String(Number(last.slice(0, 4)) + 1).padStart(4, "0")}_${name}`;
  const sql = execFileSync(
    "npx",
    [
      "prisma",
      "migrate",
      "diff",
      "--from-schema-datamodel",
      `${dir}/${last}/schema.prisma`,
      "--to-schema-datamodel",
      `prisma/${provider}/schema.prisma`,
      "--script",
    ],
    { env: { ...process.env, DB_PROVIDER: provider } },
  ).toString();
  if (/^-- This is an empty migration/m.test(sql)) {
    console.log(`${provider}: no change`);
    continue;
  }
  mkdirSync(`${dir}/${next}`);
  writeFileSync(`${dir}/${next}/migration.sql`, sql);
  copyFileSync(`prisma/${provider}/schema.prisma`, `${dir}/${next}/schema.prisma`);
  console.log(`${provider}: wrote ${dir}/${next}/migration.sql`);
}
