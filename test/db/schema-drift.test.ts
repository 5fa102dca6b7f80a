// The data model has one source (prisma/schema.base.prisma) and two providers with their own
// migrations. This test fails when they drift, and proves each kind of drift is caught by
// running the same check on a modified copy of prisma/ in a temp folder.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { schemaDrift } from "../../scripts/schema-drift";
import { providerSchemas } from "../../scripts/schema-text";

const temps: string[] = [];
function copyOfPrisma(): string {
  const root = mkdtempSync(join(tmpdir(), "coursebot-drift-"));
  temps.push(root);
  cpSync("prisma", join(root, "prisma"), { recursive: true });
  return root;
}
const edit = (path: string, fn: (s: string) => string) =>
  writeFileSync(path, fn(readFileSync(path, "utf8")));
const addField = (s: string) =>
  s.replace(/model Learner \{\n/, "model Learner {\n  nickname String?\n");

afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

describe("schema drift", () => {
  it("the checked-in schemas and migrations are in sync", () => {
    expect(schemaDrift()).toEqual([]);
  });

  it("an unmodified copy is in sync (the check reads the root it is given)", () => {
    expect(schemaDrift(copyOfPrisma())).toEqual([]);
  });

  it("detects one provider's schema edited alone", () => {
    const root = copyOfPrisma();
    edit(join(root, "prisma/sqlite/schema.prisma"), addField);
    const problems = schemaDrift(root);
    expect(problems.some((p) => p.startsWith("prisma/sqlite/schema.prisma differs"))).toBe(true);
    expect(problems.some((p) => p.includes("changed since the latest sqlite migration"))).toBe(
      true,
    );
    expect(problems.some((p) => p.includes("postgres/"))).toBe(false);
  });

  it("detects a model change without a migration", () => {
    const root = copyOfPrisma();
    const base = join(root, "prisma/schema.base.prisma");
    edit(base, addField);
    const schemas = providerSchemas(readFileSync(base, "utf8"));
    writeFileSync(join(root, "prisma/sqlite/schema.prisma"), schemas.sqlite);
    writeFileSync(join(root, "prisma/postgres/schema.prisma"), schemas.postgres);
    const problems = schemaDrift(root);
    expect(problems).toHaveLength(2);
    expect(problems.every((p) => p.includes("changed since the latest"))).toBe(true);
  });

  it("ignores comment-only changes (they need no migration)", () => {
    const root = copyOfPrisma();
    const base = join(root, "prisma/schema.base.prisma");
    edit(base, (s) =>
      s.replace(/model Learner \{\n/, "model Learner {\n  // a note for readers\n"),
    );
    const schemas = providerSchemas(readFileSync(base, "utf8"));
    writeFileSync(join(root, "prisma/sqlite/schema.prisma"), schemas.sqlite);
    writeFileSync(join(root, "prisma/postgres/schema.prisma"), schemas.postgres);
    expect(schemaDrift(root)).toEqual([]);
  });

  it("detects a migration added for one provider only", () => {
    const root = copyOfPrisma();
    const dir = join(root, "prisma/postgres/migrations/9999_extra");
    mkdirSync(dir);
    writeFileSync(join(dir, "migration.sql"), "SELECT 1;");
    cpSync(join(root, "prisma/postgres/schema.prisma"), join(dir, "schema.prisma"));
    const problems = schemaDrift(root);
    expect(problems).toEqual([expect.stringContaining("only postgres: 9999_extra")]);
  });
});
