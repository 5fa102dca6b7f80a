// Writes prisma/{sqlite,postgres}/schema.prisma from prisma/schema.base.prisma and generates both
// clients into src/generated/. Runs on `npm install` (postinstall) so a fresh clone is ready to start.
// `--check` only verifies the two provider schemas match the base (used by the drift test).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { providerSchemas } from "./schema-text.ts";

const check = process.argv.includes("--check");
const schemas = providerSchemas(readFileSync("prisma/schema.base.prisma", "utf8"));
let drift = false;
for (const [provider, text] of Object.entries(schemas)) {
  const path = `prisma/${provider}/schema.prisma`;
  let current = "";
  try {
    current = readFileSync(path, "utf8");
  } catch {
    /* first run */
  }
  if (current === text) continue;
  if (check) {
    console.error(`${path} differs from prisma/schema.base.prisma: run npm run db:generate`);
    drift = true;
    continue;
  }
  mkdirSync(`prisma/${provider}`, { recursive: true });
  writeFileSync(path, text);
}
if (check) process.exit(drift ? 1 : 0);
for (const provider of Object.keys(schemas)) {
  execFileSync("npx", ["prisma", "generate"], {
    stdio: "inherit",
    env: { ...process.env, DB_PROVIDER: provider, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
}
