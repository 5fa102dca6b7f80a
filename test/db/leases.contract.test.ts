// Lease repository contract on both engines: take, renew, refuse while held, take over once
// expired, release, and holders racing for a free or expired lease (each on its own database
// connection, as separate instances are) of which exactly one wins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../../src/core/ports/store";
import { openDatabase, type Database_ } from "../../src/db/connect";
import { createStore } from "../../src/db/store";
import { createTestDb, PROVIDERS, type TestDb } from "../helpers/db";

const T0 = new Date("2026-03-02T09:00:00Z");
const at = (s: number) => new Date(T0.getTime() + s * 1000);

describe.each(PROVIDERS)("lease repository contract (%s)", (provider) => {
  let tdb: TestDb;
  let store: Store;
  const others: Database_[] = [];
  /** Stores on their own connections to the same database: separate instances. */
  let peers: Store[];
  beforeAll(async () => {
    tdb = await createTestDb(provider);
    store = createStore(tdb.db.prisma);
    for (let i = 0; i < 4; i++)
      others.push(await openDatabase(tdb.url, { poolSize: 2, migrate: false }));
    peers = [store, ...others.map((d) => createStore(d.prisma))];
  });
  afterAll(async () => {
    for (const d of others) await d.close();
    await tdb?.drop();
  });

  it("takes a free lease, renews it, refuses a second holder until it expires, then hands it over", async () => {
    expect(await store.leases.current("gw", at(0))).toBeNull();
    expect(await store.leases.acquire("gw", "a", at(0), at(30))).toBe(true);
    expect(await store.leases.current("gw", at(1))).toEqual({ holder: "a", expiresAt: at(30) });
    expect(await store.leases.acquire("gw", "b", at(10), at(40))).toBe(false);
    expect(await store.leases.acquire("gw", "a", at(10), at(40))).toBe(true); // renewal
    // Held up to the millisecond it expires (both engines keep milliseconds).
    const justBefore = new Date(at(40).getTime() - 1);
    expect(await store.leases.acquire("gw", "b", justBefore, at(70))).toBe(false);
    expect(await store.leases.current("gw", justBefore)).toEqual({
      holder: "a",
      expiresAt: at(40),
    });
    // Expired at 40 s: b takes it over, and a's late renewal is refused.
    expect(await store.leases.current("gw", at(40))).toBeNull();
    expect(await store.leases.acquire("gw", "b", at(40), at(70))).toBe(true);
    expect(await store.leases.acquire("gw", "a", at(41), at(71))).toBe(false);
    expect(await store.leases.current("gw", at(41))).toEqual({ holder: "b", expiresAt: at(70) });
  });

  it("release frees the lease at once, only for its holder", async () => {
    expect(await store.leases.acquire("rel", "a", at(0), at(30))).toBe(true);
    expect(await store.leases.release("rel", "b")).toBe(false);
    expect(await store.leases.acquire("rel", "b", at(1), at(31))).toBe(false);
    expect(await store.leases.release("rel", "a")).toBe(true);
    expect(await store.leases.release("rel", "a")).toBe(false);
    expect(await store.leases.current("rel", at(1))).toBeNull();
    expect(await store.leases.acquire("rel", "b", at(1), at(31))).toBe(true);
  });

  it("leases with different names are independent", async () => {
    expect(await store.leases.acquire("one", "a", at(0), at(30))).toBe(true);
    expect(await store.leases.acquire("two", "b", at(0), at(30))).toBe(true);
    expect(await store.leases.current("one", at(0))).toMatchObject({ holder: "a" });
    expect(await store.leases.current("two", at(0))).toMatchObject({ holder: "b" });
  });

  it("of holders racing for a free lease, exactly one wins, every time", async () => {
    for (let round = 0; round < 10; round++) {
      const name = `race-free-${round}`;
      const won = await Promise.all(
        peers.map((s, i) => s.leases.acquire(name, `h${i}`, at(0), at(30))),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = `h${won.indexOf(true)}`;
      expect((await store.leases.current(name, at(1)))?.holder).toBe(winner);
    }
  });

  it("of holders racing for an expired lease, exactly one wins, every time", async () => {
    for (let round = 0; round < 10; round++) {
      const name = `race-expired-${round}`;
      expect(await store.leases.acquire(name, "dead", at(0), at(30))).toBe(true);
      const won = await Promise.all(
        peers.map((s, i) => s.leases.acquire(name, `h${i}`, at(31), at(61))),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      expect((await store.leases.current(name, at(31)))?.holder).toBe(`h${won.indexOf(true)}`);
    }
  });
});
