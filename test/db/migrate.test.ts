// Migrations apply to a fresh database of either engine, a second start applies nothing, and
// on PostgreSQL two instances starting at once do not both apply (advisory lock). Also covers
// the operator command `npm run db:migrate`. Upgrading a database with channel rounds running
// gives each channel's newest running round the one-running-round key.
import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { dbMigrate } from "../../src/cli/db-commands";
import { RoundRunningError } from "../../src/core/ports/rounds";
import { openDatabase, type Database_ } from "../../src/db/connect";
import { listMigrations, migratePostgres, migrateSqlite } from "../../src/db/migrate";
import { createStore } from "../../src/db/store";
import { createTestDatabaseUrl, PROVIDERS } from "../helpers/db";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

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
  const rows = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
    `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

describe.each(PROVIDERS)("migrations on %s", (provider) => {
  const all = listMigrations(provider).map((m) => m.name);

  it("a fresh database gets every migration and the tables work", async () => {
    const db = await open(await freshUrl(provider));
    expect(db.applied).toEqual(all);
    expect(await recorded(db)).toEqual(all);
    const learner = await db.prisma.learner.create({
      data: { platform: "console", workspaceId: "w", externalId: "u", displayName: "u" },
    });
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

  it("an upgrade keys the newest running round of each channel, so the database guards it from then on", async () => {
    const url = await freshUrl(provider);
    const before = listMigrations(provider).filter((m) => m.name < "0002_round_delivery");
    // Rounds as an older version left them: two running in one channel (it let racing starts through).
    const rows: [string, string, string, string, string][] = [
      ["a-old", "discord", "ch1", "running", "2026-01-01T00:00:01.000Z"],
      ["b-new", "discord", "ch1", "running", "2026-01-01T00:00:02.000Z"],
      ["c-done", "discord", "ch1", "finished", "2026-01-01T00:00:03.000Z"],
      ["d-slack", "slack", "ch1", "running", "2026-01-01T00:00:01.000Z"],
    ];
    const insert = `INSERT INTO "ChannelRound" ("id", "platform", "workspaceId", "channelId", "questionIds", "status", "createdAt") VALUES `;
    if (provider === "sqlite") {
      const raw = new Database(url.slice("file:".length));
      migrateSqlite(raw, before);
      for (const r of rows) raw.prepare(`${insert}(?, ?, 'w', ?, '[]', ?, ?)`).run(...r);
      raw.close();
    } else {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await migratePostgres(client, before);
      for (const r of rows) await client.query(`${insert}($1, $2, 'w', $3, '[]', $4, $5)`, r);
      await client.end();
    }
    const db = await open(url);
    expect(db.applied).toContain("0002_round_delivery");
    const keys = await db.prisma.$queryRawUnsafe<{ id: string; runningKey: string | null }[]>(
      `SELECT "id", "runningKey" FROM "ChannelRound" ORDER BY "id"`,
    );
    expect(keys).toEqual([
      { id: "a-old", runningKey: null },
      { id: "b-new", runningKey: "discord:ch1" },
      { id: "c-done", runningKey: null },
      { id: "d-slack", runningKey: "slack:ch1" },
    ]);
    const round = {
      platform: "discord",
      workspaceId: "w",
      channelId: "ch1",
      questionIds: ["q"],
      secondsPerQuestion: 20,
      questionStartedAt: null,
      locale: "en" as const,
      messageRef: null,
    };
    await expect(createStore(db.prisma).rounds.create(round)).rejects.toBeInstanceOf(
      RoundRunningError,
    );
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
