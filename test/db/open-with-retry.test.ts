// Start-up with PostgreSQL not reachable yet: the bot waits (with backoff, telling the operator)
// and opens the database once it answers; past the deadline it gives up with the real error.
// SQLite errors are configuration errors and fail at once.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabaseWithRetry } from "../../src/db/open-with-retry";
import { proxiedTestDatabase, type TcpProxy } from "../helpers/tcp-proxy";

let proxy: TcpProxy;
let viaProxy: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ url: viaProxy, proxy, drop } = await proxiedTestDatabase());
});
afterAll(async () => {
  await proxy?.stop();
  await drop?.();
});

describe("opening the database at start-up", () => {
  it("waits for PostgreSQL to come up, then migrates and serves", async () => {
    await proxy.stop();
    const retries: { attempt: number; waitMs: number }[] = [];
    // The database "comes up" during the second wait.
    const sleep = async () => {
      if (retries.length === 2) await proxy.start();
    };
    const db = await openDatabaseWithRetry(viaProxy, {
      sleep,
      onRetry: ({ attempt, waitMs }) => retries.push({ attempt, waitMs }),
    });
    try {
      expect(retries).toEqual([
        { attempt: 1, waitMs: 500 },
        { attempt: 2, waitMs: 1000 },
      ]);
      expect(db.applied.length).toBeGreaterThan(0);
      await db.ping();
    } finally {
      await db.close();
    }
  });

  it("gives up after the deadline with the connection error", async () => {
    await proxy.stop();
    const waits: number[] = [];
    await expect(
      openDatabaseWithRetry(viaProxy, {
        deadlineMs: 3_000,
        sleep: async (ms) => {
          waits.push(ms);
        },
        onRetry: () => {},
      }),
    ).rejects.toThrow(/ECONNREFUSED|connect/i);
    // 500 + 1000 fit in 3 s of budget measured from the start; the next wait (2000) would not.
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits.every((w) => w <= 2000)).toBe(true);
    await proxy.start();
  });

  it("reports a SQLite problem at once, without waiting", async () => {
    // A path under a regular file can never be created.
    const dir = mkdtempSync(join(tmpdir(), "coursebot-retry-"));
    writeFileSync(join(dir, "file"), "");
    const waits: number[] = [];
    try {
      await expect(
        openDatabaseWithRetry(`file:${join(dir, "file", "x.db")}`, {
          sleep: async (ms) => {
            waits.push(ms);
          },
        }),
      ).rejects.toThrow();
      expect(waits).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
