// The lease holder on the real SQLite repository with a fake clock: of two instances sharing one
// database only one runs the work; the other takes over when the holder stops renewing (not a
// moment before expiry), a holder that comes back stops its work, a holder that cannot reach the
// database stops before its lease can pass to a peer, stop() hands over at the peer's next beat,
// and a work that fails to start gives the lease back.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLeaseHolder, type LeaseHolder } from "../../src/app/lease-holder";
import { FakeClock } from "../../src/core/clock";
import { UnavailableError } from "../../src/core/errors";
import type { LeaseRepo } from "../../src/core/ports/leases";
import { createStore } from "../../src/db/store";
import { recordingLogger } from "../helpers/app";
import { createTestDb, type TestDb } from "../helpers/db";

const NAME = "work";

/** Records starts and stops of each instance's work, in order. */
function workLog() {
  const events: string[] = [];
  const running = new Set<string>();
  const start = (who: string, fail?: () => boolean) => async () => {
    if (fail?.()) throw new Error(`${who} cannot connect`);
    events.push(`${who} start`);
    running.add(who);
    return {
      stop: async () => {
        events.push(`${who} stop`);
        running.delete(who);
      },
    };
  };
  return { events, running: () => [...running], start };
}

/** The repository with a switch that makes every call fail as if the database were down. */
function flaky(repo: LeaseRepo) {
  const down = { on: false };
  const guard =
    <A extends unknown[], R>(fn: (...a: A) => Promise<R>) =>
    (...a: A) =>
      down.on ? Promise.reject(new UnavailableError("database unavailable")) : fn(...a);
  return {
    down,
    repo: {
      acquire: guard(repo.acquire),
      release: guard(repo.release),
      current: guard(repo.current),
    } satisfies LeaseRepo,
  };
}

describe("lease holder", () => {
  let tdb: TestDb;
  let clock: FakeClock;
  let logger: ReturnType<typeof recordingLogger>;
  let work: ReturnType<typeof workLog>;
  const holders: LeaseHolder[] = [];
  beforeEach(async () => {
    tdb = await createTestDb("sqlite");
    clock = new FakeClock("2026-03-02T09:00:00Z");
    logger = recordingLogger();
    work = workLog();
  });
  afterEach(async () => {
    for (const h of holders.splice(0)) await h.stop();
    await tdb.drop();
  });

  function instance(who: string, opts: { leases?: LeaseRepo; fail?: () => boolean } = {}) {
    const h = createLeaseHolder({
      leases: opts.leases ?? createStore(tdb.db.prisma).leases,
      name: NAME,
      holder: who,
      clock,
      logger,
      start: work.start(who, opts.fail),
    });
    holders.push(h);
    return h;
  }
  /** Every instance beats once, then the clock moves on by one renewal period (10 s). */
  async function beat(...hs: LeaseHolder[]) {
    for (const h of hs) {
      await h.beat();
      await h.started();
    }
    clock.advance(10_000);
  }
  const logged = (msg: string) =>
    logger.lines.filter((l) => l.msg === msg).map((l) => l.obj as Record<string, unknown>);

  it("only one instance runs the work; the other takes over once the holder stops renewing", async () => {
    const a = instance("a");
    const b = instance("b");
    for (let i = 0; i < 5; i++) await beat(a, b);
    expect(work.running()).toEqual(["a"]);
    expect([a.holding(), b.holding(), b.heldElsewhere()]).toEqual([true, false, true]);
    expect(logged("took the lease")).toEqual([
      expect.objectContaining({ lease: NAME, instance: "a" }),
    ]);
    expect(logged("a peer holds the lease: standing by")).toEqual([
      expect.objectContaining({ instance: "b", holder: "a" }),
    ]); // once, not every beat

    // a stops beating (frozen or dead) after its renewal at 40 s; its lease runs until 70 s.
    await beat(b); // 50 s
    await beat(b); // 60 s
    expect(work.running()).toEqual(["a"]);
    clock.advance(-1); // 69.999 s: still a's
    await b.beat();
    expect(b.holding()).toBe(false);
    clock.advance(1); // 70 s: expired
    await beat(b);
    expect(b.holding()).toBe(true);
    expect(logged("took over the lease from a peer")).toEqual([
      expect.objectContaining({ instance: "b", previous: "a" }),
    ]);

    // a comes back: its renewal is refused and it stops its own work; b's keeps running.
    await beat(a);
    expect(a.holding()).toBe(false);
    expect(work.running()).toEqual(["b"]);
    expect(work.events).toEqual(["a start", "b start", "a stop"]);
    expect(logged("lost the lease to a peer: stopping")).toEqual([
      expect.objectContaining({ instance: "a" }),
    ]);
  });

  it("stop() stops the work before releasing, and a peer takes over at its next beat", async () => {
    const a = instance("a");
    const b = instance("b");
    await beat(a, b);
    await a.stop();
    expect(work.running()).toEqual([]);
    await b.beat(); // no time passed: the lease was released, not left to expire
    await b.started();
    expect(work.events).toEqual(["a start", "a stop", "b start"]);
    expect(logged("released the lease")).toEqual([expect.objectContaining({ instance: "a" })]);
    await a.beat(); // a stopped holder never takes the lease again
    expect(a.holding()).toBe(false);
  });

  it("a holder that cannot reach the database stops before its lease can pass to a peer", async () => {
    const f = flaky(createStore(tdb.db.prisma).leases);
    const a = instance("a", { leases: f.repo });
    const b = instance("b");
    await beat(a, b); // a renewed at 0 s: its lease runs until 30 s
    f.down.on = true;
    await beat(a, b); // 10 s: renewal failed, the next beat (20 s) is still covered
    expect(work.running()).toEqual(["a"]);
    await beat(a, b); // 20 s: the next beat (30 s) would not be: a stops now
    expect(work.running()).toEqual([]);
    expect(b.holding()).toBe(false);
    await beat(a, b); // 30 s: expired, b takes it
    expect(work.events).toEqual(["a start", "a stop", "b start"]);
    expect(
      logged("lease could not be renewed in time: stopping so a peer can take over"),
    ).toHaveLength(1);
    // The database is back: a stands by.
    f.down.on = false;
    await beat(a, b);
    expect(work.running()).toEqual(["b"]);
  });

  it("a short database outage keeps the holder running, and it renews when the database is back", async () => {
    const f = flaky(createStore(tdb.db.prisma).leases);
    const a = instance("a", { leases: f.repo });
    const b = instance("b");
    await beat(a, b);
    f.down.on = true;
    await beat(a, b);
    f.down.on = false;
    for (let i = 0; i < 4; i++) await beat(a, b);
    expect(work.events).toEqual(["a start"]);
  });

  it("a work that fails to start gives the lease back; a peer takes it at its next beat", async () => {
    let broken = true;
    const a = instance("a", { fail: () => broken });
    const b = instance("b");
    await a.beat();
    await a.started();
    expect(a.holding()).toBe(false);
    expect(logged("could not start the leased work: giving the lease back")).toEqual([
      expect.objectContaining({ instance: "a", err: "a cannot connect" }),
    ]);
    await b.beat(); // the same moment: released, not expired
    await b.started();
    expect(work.running()).toEqual(["b"]);
    broken = false;
    await a.beat();
    expect(work.running()).toEqual(["b"]);
  });

  it("refuses a renewal period that is not shorter than the lease", () => {
    expect(() =>
      createLeaseHolder({
        leases: createStore(tdb.db.prisma).leases,
        name: NAME,
        holder: "a",
        clock,
        logger,
        ttlMs: 10_000,
        renewMs: 10_000,
        start: work.start("a"),
      }),
    ).toThrow(/renewed more often/);
  });
});
