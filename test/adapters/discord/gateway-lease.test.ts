// Two instances of the app with the same configuration (DISCORD_TOKEN set) on one database, wired
// like `npm start`, with a fake gateway connection and a fake clock: only the lease holder
// connects, the other takes over after the holder stops renewing (and the holder, back, drops
// its connection), stopping an instance hands the gateway over at the peer's next beat, and
// "Ask about this" offers a thread on either instance when a gateway with message text exists.
import { ApplicationFlags } from "discord.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConnectGateway } from "../../../src/app/platforms/discord-gateway-connect";
import { gatewayLeaseName } from "../../../src/app/platforms/discord-gateway-lease";
import { FakeClock } from "../../../src/core/clock";
import { createTestDatabaseUrl } from "../../helpers/db";
import {
  APP_ID,
  CHANNEL,
  component,
  makeKeys,
  post,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
} from "../../helpers/discord";

const TOKEN = "Bot.fake-token-for-the-gateway-lease-test";
const ann = { id: "555000000000000011", name: "Ann" };

/** Fake gateway connections: who connected and disconnected, in order. */
function fakeGateways(contentIntent: boolean) {
  const events: string[] = [];
  const live = new Set<string>();
  const connector =
    (who: string): ConnectGateway =>
    async () => {
      events.push(`${who} connect`);
      live.add(who);
      return {
        contentIntent,
        stop: async () => {
          events.push(`${who} disconnect`);
          live.delete(who);
        },
      };
    };
  return { events, live: () => [...live].sort(), connector };
}

describe("Discord gateway lease across instances", () => {
  let fake: FakeDiscord, keys: Keys, clock: FakeClock, dbUrl: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    fake = await startFakeDiscord();
    keys = makeKeys();
    const db = await createTestDatabaseUrl("sqlite");
    dbUrl = db.url;
    clock = new FakeClock("2026-03-02T09:00:00Z");
    cleanups.push(() => fake.close(), db.drop);
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function instance(who: string, connect: ConnectGateway): Promise<Running> {
    const run = await startDiscordApp({
      databaseUrl: dbUrl,
      keys,
      fake,
      clock,
      env: { DISCORD_TOKEN: TOKEN },
      discord: { connectGateway: connect, instanceId: `instance-${who}` },
    });
    let stopped = false;
    const stop = run.stop;
    run.stop = async () => {
      if (!stopped) {
        stopped = true;
        await stop();
      }
    };
    cleanups.push(() => run.stop());
    await run.surfaces.discord!.gatewayLease!.started();
    await run.surfaces.discord!.idle();
    return run;
  }
  const lease = (r: Running) => r.surfaces.discord!.gatewayLease!;
  /** Each instance beats once (waiting for any connection it starts), then 10 s pass. */
  async function beat(...rs: Running[]) {
    for (const r of rs) {
      await lease(r).beat();
      await lease(r).started();
    }
    clock.advance(10_000);
  }
  const logs = (r: Running, msg: string) =>
    r.logger.lines.filter((l) => l.msg === msg).map((l) => l.obj);

  it("only the holder connects; the peer takes over after it stops renewing, and it disconnects when back", async () => {
    const gw = fakeGateways(true);
    const a = await instance("a", gw.connector("a"));
    const b = await instance("b", gw.connector("b"));
    for (let i = 0; i < 4; i++) await beat(a, b);
    expect(gw.live()).toEqual(["a"]);
    expect(logs(a, "took the lease")).toEqual([
      expect.objectContaining({ lease: gatewayLeaseName(APP_ID), instance: "instance-a" }),
    ]);
    expect(logs(b, "a peer holds the lease: standing by")).toEqual([
      expect.objectContaining({ instance: "instance-b", holder: "instance-a" }),
    ]);

    // a stops renewing (renewed last at 30 s: its lease runs until 60 s); b waits it out.
    await beat(b);
    await beat(b);
    expect(gw.live()).toEqual(["a"]);
    await beat(b);
    expect(gw.live()).toEqual(["a", "b"]); // a, frozen, cannot notice until it runs again
    expect(lease(b).holding()).toBe(true);
    expect(logs(b, "took over the lease from a peer")).toEqual([
      expect.objectContaining({ instance: "instance-b", previous: "instance-a" }),
    ]);
    // a, back (it was frozen, not dead), finds its lease gone and disconnects.
    await beat(a);
    expect(gw.live()).toEqual(["b"]);
    expect(gw.events).toEqual(["a connect", "b connect", "a disconnect"]);
    expect(logs(a, "lost the lease to a peer: stopping")).toHaveLength(1);
  });

  it("stopping the holder disconnects it and hands the gateway over at the peer's next beat", async () => {
    const gw = fakeGateways(true);
    const a = await instance("a", gw.connector("a"));
    const b = await instance("b", gw.connector("b"));
    await beat(a, b);
    await a.stop();
    expect(gw.live()).toEqual([]);
    await lease(b).beat(); // no time passes: the lease was released, not left to expire
    await lease(b).started();
    expect(gw.live()).toEqual(["b"]);
    expect(gw.events).toEqual(["a connect", "a disconnect", "b connect"]);
    expect(logs(a, "released the lease")).toHaveLength(1);
  });

  it("Ask about this opens a thread on the peer when the app has Message Content; the holder follows its own connection", async () => {
    fake.applicationFlags = ApplicationFlags.GatewayMessageContentLimited;
    const gw = fakeGateways(false); // the holder's connection was refused the intent
    const a = await instance("a", gw.connector("a"));
    const b = await instance("b", gw.connector("b"));
    await beat(a, b);
    const q = b.app.services.index.course.questions[0];
    const onPeer = await post(b.base, keys, component(ann, `tutor.about:${q.id}`));
    expect(onPeer.json).toEqual({ type: 5, data: { flags: 64 } });
    await b.surfaces.discord!.idle();
    expect(
      fake.calls.filter(
        (c) => c.method === "POST" && c.path === `/api/v10/channels/${CHANNEL}/threads`,
      ),
    ).toHaveLength(1);
    const onHolder = await post(a.base, keys, component(ann, `tutor.about:${q.id}`));
    expect(onHolder.json.type).toBe(9); // a modal
  });
});
