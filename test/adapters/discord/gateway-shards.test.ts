// Gateway processes over the wire, through `npm start` (src/main.ts in child processes) against
// the fake Discord REST API and gateway: with DISCORD_SHARDS=2 the ShardingManager's two shard
// processes identify as [0,2] and [1,2], each guild's events reach its own shard, a killed shard
// process is respawned and SIGTERM stops both, a refused token stops them without a respawn loop; and of two instances on one database only the
// gateway lease holder ever opens a socket (counted at the fake), the peer taking over on SIGTERM.
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl, PROVIDERS } from "../../helpers/db";
import { APP_ID, GUILD, slash, startFakeDiscord, type FakeDiscord } from "../../helpers/discord";
import {
  delivered,
  shardOf,
  startFakeGateway,
  type FakeGateway,
} from "../../helpers/fake-discord-gateway";
import { freePort } from "../../helpers/http";
import { spawnApp, type SpawnedApp } from "../../helpers/spawn-app";

const TOKEN = "MTEx.fake-token.for-the-gateway-shards-test";
const ann = { id: "555000000000000031", name: "Ann" };
const OTHER_GUILD = "444444444444444444";

const env = (dbUrl: string, rest: FakeDiscord, extra: Record<string, string> = {}) => ({
  HOST: "127.0.0.1",
  DATABASE_URL: dbUrl,
  LOG_LEVEL: "info",
  DISCORD_TOKEN: TOKEN,
  DISCORD_APPLICATION_ID: APP_ID,
  DISCORD_API_URL: rest.url,
  ...extra,
});

async function answered(rest: FakeDiscord, gw: FakeGateway, guildId: string) {
  const p = slash(ann, "topics", [], { guild_id: guildId });
  gw.dispatch("INTERACTION_CREATE", delivered(p), guildId);
  const path = `/api/v10/interactions/${p.id}/${p.token}/callback`;
  await gw.waitFor(
    () => rest.calls.some((c) => c.path === path),
    `the callback for guild ${guildId}`,
  );
}

/** Child processes of `pid` with the shard ids discord.js's ShardingManager gave them (SHARDS). */
function shardProcesses(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so read after the last ")".
      const stat = readFileSync(`/proc/${p}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== pid) continue;
      const shards = /(?:^|\0)SHARDS=([^\0]*)/.exec(
        readFileSync(`/proc/${p}/environ`, "utf8"),
      )?.[1];
      if (shards !== undefined) out.set(Number(JSON.parse(shards)), p);
    } catch {
      /* already gone */
    }
  }
  return out;
}
const alive = (pid: number) => {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
};
async function until(pred: () => boolean, what: string, timeoutMs = 30_000) {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(PROVIDERS)("Discord gateway processes (%s)", (provider) => {
  // The refused-token instance starts first and waits out its lease beat beside the other tests.
  let refused: { app: SpawnedApp; gw: FakeGateway; at: number; stop(): Promise<void> };
  beforeAll(async () => {
    const db = await createTestDatabaseUrl(provider);
    const rest = await startFakeDiscord();
    const gw = await startFakeGateway(rest, { token: TOKEN, guilds: [GUILD], heartbeatMs: 1000 });
    const app = spawnApp(
      env(db.url, rest, {
        PORT: String(await freePort()),
        DISCORD_SHARDS: "2",
        DISCORD_TOKEN: "MTEx.a-revoked.token",
      }),
    );
    refused = {
      app,
      gw,
      at: 0,
      async stop() {
        if (app.child.exitCode === null) {
          app.child.kill("SIGTERM");
          await app.exited;
        }
        await gw.close();
        await rest.close();
        await db.drop();
      },
    };
    await app.waitForLog("Discord rejected DISCORD_TOKEN", 60_000);
    refused.at = Date.now();
  }, 90_000);
  afterAll(async () => {
    await refused?.stop();
  });

  it("DISCORD_SHARDS=2: shards [0,2] and [1,2], guilds to their shard, a killed shard respawns, SIGTERM stops both", async () => {
    expect(shardOf(OTHER_GUILD, 2)).toBe(0);
    expect(shardOf(GUILD, 2)).toBe(1);
    const db = await createTestDatabaseUrl(provider);
    const rest = await startFakeDiscord();
    const gw = await startFakeGateway(rest, {
      token: TOKEN,
      guilds: [OTHER_GUILD, GUILD],
      heartbeatMs: 1000,
    });
    const app = spawnApp(
      env(db.url, rest, { PORT: String(await freePort()), DISCORD_SHARDS: "2" }),
    );
    try {
      const identified = (shard: number) =>
        gw.received.filter((x) => x.op === 2 && x.d.shard[0] === shard);
      await gw.waitFor(
        () => identified(0).length === 1 && identified(1).length === 1,
        "both shards identifying",
        90_000,
      );
      expect(
        gw.received
          .filter((x) => x.op === 2)
          .map((x) => x.d.shard)
          .sort(),
      ).toEqual([
        [0, 2],
        [1, 2],
      ]);
      await gw.waitFor(() => gw.sessions.length === 2 && gw.open() === 2, "two shard sessions");

      // Each guild's interaction goes to the session of its shard, and is answered from there.
      await answered(rest, gw, OTHER_GUILD);
      await answered(rest, gw, GUILD);

      const shards = shardProcesses(app.child.pid!);
      expect([...shards.keys()].sort()).toEqual([0, 1]);
      process.kill(shards.get(0)!, "SIGKILL");
      await gw.waitFor(
        () => identified(0).length === 2,
        "shard 0 identifying again after its process was killed",
        60_000,
      );
      expect(identified(1)).toHaveLength(1);
      expect(app.output()).toContain("discord shard process exited: respawning it");
      await answered(rest, gw, OTHER_GUILD); // the respawned shard serves its guild
      const respawned = shardProcesses(app.child.pid!);
      expect(respawned.get(0)).not.toBe(shards.get(0));

      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
      await until(() => ![...respawned.values()].some(alive), "both shard processes to exit");
      await gw.waitFor(() => gw.open() === 0, "both shard sockets closed");
    } finally {
      if (app.child.exitCode === null) {
        app.child.kill("SIGKILL");
        await app.exited;
      }
      await gw.close();
      await rest.close();
      await db.drop();
    }
  }, 150_000);

  it("two instances on one database: only the lease holder ever opens a socket; on SIGTERM the peer connects", async () => {
    const db = await createTestDatabaseUrl(provider);
    const rest = await startFakeDiscord();
    const gw = await startFakeGateway(rest, { token: TOKEN, guilds: [GUILD], heartbeatMs: 1000 });
    const a = spawnApp(env(db.url, rest, { PORT: String(await freePort()) }));
    let b: SpawnedApp | undefined;
    try {
      await a.waitForLog('"discord gateway connected"', 40_000);
      b = spawnApp(env(db.url, rest, { PORT: String(await freePort()) }));
      await b.waitForLog("a peer holds the lease: standing by", 40_000);
      await b.waitForLog('"http server listening"');
      expect(gw.connections).toHaveLength(1);
      await answered(rest, gw, GUILD);

      a.child.kill("SIGTERM");
      expect(await a.exited).toBe(0);
      // The peer takes over at its next beat (10 s) once the holder released the lease.
      await b.waitForLog('"discord gateway connected"', 30_000);
      expect(b.output()).toContain("took over the lease from a peer");
      expect(gw.connections).toHaveLength(2);
      expect(gw.maxOpen).toBe(1); // never two sockets at once
      expect(gw.received.filter((x) => x.op === 2)).toHaveLength(2);
      await answered(rest, gw, GUILD);
    } finally {
      for (const p of [a, b])
        if (p && p.child.exitCode === null) {
          p.child.kill("SIGTERM");
          await p.exited;
        }
      await gw.close();
      await rest.close();
      await db.drop();
    }
  }, 120_000);

  it("DISCORD_SHARDS=2 with a token Discord refuses (4004): one error naming DISCORD_TOKEN, no respawn loop", async () => {
    const { app, gw } = refused;
    await app.waitForLog('"released the lease"');
    // Past the lease's next beat (10 s): a retry loop would have spawned and identified again.
    await new Promise((r) => setTimeout(r, Math.max(0, refused.at + 11_000 - Date.now())));
    expect(Date.now() - refused.at).toBeGreaterThanOrEqual(11_000);
    expect(gw.received.filter((x) => x.op === 2)).toHaveLength(1);
    expect(shardProcesses(app.child.pid!).size).toBe(0);
    const errors = app
      .output()
      .split("\n")
      .filter((l) => l.includes('"level":50'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("DISCORD_TOKEN");
    expect(app.child.exitCode).toBeNull();
  }, 60_000);
});
