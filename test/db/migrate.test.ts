// Migrations apply to a fresh database of either engine, a second start applies nothing, and
// on PostgreSQL two instances starting at once do not both apply (advisory lock). Also covers
// the operator command `npm run db:migrate`.
import { afterEach, describe, expect, it } from "vitest";
import { dbMigrate } from "../../src/cli/db-commands";
import { openDatabase, type Database_ } from "../../src/db/connect";
import { listMigrations } from "../../src/db/migrate";
import { createTestDatabaseUrl, PROVIDERS } from "../helpers/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

async function freshUrl(provider: (typeof PROVIDERS)[number]) {
  const t = await createTestDatabaseUrl(provider);
  cleanups.push(t.drop);
  return t.url;
}
async function open(url: string): Promise<Database_> {
  const db = await openDatabase(url, { poolSize: 2 });
  cleanups.push(() => db.close());
  return db;
}
async function recorded(db: Database_): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`);
  return rows.map((r) => r.migration_name);
}

describe.each(PROVIDERS)("migrations on %s", (provider) => {
  const all = listMigrations(provider).map((m) => m.name);

  it("a fresh database gets every migration and the tables work", async () => {
    const db = await open(await freshUrl(provider));
    expect(db.applied).toEqual(all);
    expect(await recorded(db)).toEqual(all);
    const learner = await db.prisma.learner.create({ data: { platform: "console", workspaceId: "w", externalId: "u", displayName: "u" } });
    expect(await db.prisma.learner.count({ where: { id: learner.id } })).toBe(1);
  });

  it("a second start applies nothing", async () => {
    const url = await freshUrl(provider);
    const first = await open(url);
    expect(first.applied).toEqual(all);
    const second = await open(url);
    expect(second.applied).toEqual([]);
    expect(await recorded(second)).toEqual(all);
  });

  it("npm run db:migrate reports what it applied, then that it is up to date", async () => {
    const url = await freshUrl(provider);
    const lines: string[] = [];
    const out = { log: (s: string) => lines.push(s) } as unknown as Console;
    expect(await dbMigrate([], { DATABASE_URL: url }, out)).toBe(0);
    expect(lines[0]).toContain(`applied ${all.length} migration`);
    for (const name of all) expect(lines[0]).toContain(name);
    expect(await dbMigrate([], { DATABASE_URL: url }, out)).toBe(0);
    expect(lines[1]).toContain("up to date");
  });
});

describe("concurrent start on PostgreSQL", () => {
  it("two instances starting at once apply each migration exactly once", async () => {
    const url = await freshUrl("postgres");
    const dbs = await Promise.all([0, 1, 2].map(() => open(url)));
    const all = listMigrations("postgres").map((m) => m.name);
    // One instance applied everything; the others waited on the lock and found nothing to do.
    expect(dbs.map((d) => d.applied.length).sort()).toEqual([0, 0, all.length]);
    expect(await recorded(dbs[0])).toEqual(all);
  });
});
