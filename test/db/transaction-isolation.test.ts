// A write made outside a transaction, while another request's transaction is open, must not
// share that transaction's fate. On SQLite every query goes through one connection, so without
// the gate in connect.ts the outside write would run inside the open transaction and vanish when
// it rolls back. Runs on both engines: PostgreSQL gives each transaction its own connection.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStore } from "../../src/db/store";
import { createTestDb, PROVIDERS, type TestDb } from "../helpers/db";

describe.each(PROVIDERS)("writes beside an open transaction (%s)", (provider) => {
  let tdb: TestDb;
  beforeAll(async () => {
    tdb = await createTestDb(provider);
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("keeps an outside write when the open transaction rolls back", async () => {
    const prisma = tdb.db.prisma;
    const store = createStore(prisma);
    const inside = await store.learners.upsert({
      platform: "discord",
      workspaceId: "w",
      externalId: "inside",
    });
    let outsideDone!: Promise<unknown>;
    const rolledBack = prisma.$transaction(async (tx) => {
      await tx.learner.update({ where: { id: inside.id }, data: { streakCount: 5 } });
      // While this transaction is open, another request creates a learner.
      outsideDone = store.learners.upsert(
        { platform: "discord", workspaceId: "w", externalId: "outside" },
        "Outside",
      );
      await new Promise((r) => setTimeout(r, 50));
      throw new Error("roll back");
    });
    await expect(rolledBack).rejects.toThrow("roll back");
    await outsideDone;
    expect((await store.learners.get(inside.id))?.streakCount).toBe(0);
    const outside = await prisma.learner.findUnique({
      where: {
        platform_workspaceId_externalId: {
          platform: "discord",
          workspaceId: "w",
          externalId: "outside",
        },
      },
    });
    expect(outside?.displayName).toBe("Outside");
  });
});
