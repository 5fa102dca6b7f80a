// Replayed Discord interactions, sent as an attacker would: validly signed, over HTTP, to running
// apps. A signed timestamp more than 5 minutes from now (old or in the future) is refused with
// 401; one captured interaction sent again is answered once, also when the copy reaches another
// instance sharing the database. Plus the edge's limits: a signed `null` body is a 400, a body
// over 1 MB a 413 (not a reset connection).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeClock } from "../../src/core/clock";
import { createTestDatabaseUrl } from "../helpers/db";
import {
  makeKeys,
  post,
  signBody,
  slash,
  startDiscordApp,
  startFakeDiscord,
  type FakeDiscord,
  type Keys,
  type Running,
  type UserSpec,
} from "../helpers/discord";

const eve: UserSpec = { id: "555000000000000001", name: "Eve" };
let fake: FakeDiscord;
let keys: Keys;
let a: Running;
let b: Running;
let drop: () => Promise<void>;

beforeAll(async () => {
  fake = await startFakeDiscord();
  keys = makeKeys();
  const db = await createTestDatabaseUrl("postgres");
  drop = db.drop;
  const clock = new FakeClock("2026-03-02T09:00:00Z");
  a = await startDiscordApp({ databaseUrl: db.url, keys, fake, clock });
  b = await startDiscordApp({ databaseUrl: db.url, keys, fake, clock });
});
afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await fake?.close();
  await drop?.();
});

const sessions = () => a.app.db.prisma.quizSession.count();
const now = () => Math.floor(Date.now() / 1000);

describe("Discord replays", () => {
  it("refuses signed timestamps outside ±5 minutes with 401 and runs nothing", async () => {
    const before = await sessions();
    for (const offset of [-600, -86_400, -365 * 86_400, 86_400, 301]) {
      const body = JSON.stringify(slash(eve, "quiz", [{ name: "count", type: 4, value: 1 }]));
      const r = await post(
        a.base,
        keys,
        JSON.parse(body),
        signBody(keys, body, String(now() + offset)),
      );
      expect(r.status, `offset ${offset}`).toBe(401);
    }
    // Inside the window (a clock a little off either way) is accepted.
    for (const offset of [-240, 240]) {
      const body = JSON.stringify(slash(eve, "help"));
      const r = await post(
        a.base,
        keys,
        JSON.parse(body),
        signBody(keys, body, String(now() + offset)),
      );
      expect(r.status, `offset ${offset}`).toBe(200);
    }
    expect(await sessions()).toBe(before);
  });

  it("answers a captured interaction once, on whichever instance the copies reach", async () => {
    const before = await sessions();
    const payload = slash(eve, "quiz", [{ name: "count", type: 4, value: 1 }]);
    const body = JSON.stringify(payload);
    const headers = signBody(keys, body);
    const first = await post(a.base, keys, payload, headers);
    expect(first.status).toBe(200);
    expect(first.json.type).toBe(4);
    const again = await post(a.base, keys, payload, headers);
    const elsewhere = await post(b.base, keys, payload, headers);
    expect([again.status, elsewhere.status]).toEqual([409, 409]);
    await a.surfaces.discord!.idle();
    expect(await sessions()).toBe(before + 1);
    // Only one reply reached Discord for it (the HTTP body of the first copy).
    expect(a.logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });

  it("answers a signed null body with 400 and a body over 1 MB with 413", async () => {
    const body = "null";
    const r = await fetch(`${a.base}/discord/interactions`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...signBody(keys, body) },
    });
    expect(r.status).toBe(400);
    for (const size of [1_000_001, 3_000_000]) {
      const big = JSON.stringify({ ...slash(eve, "help"), pad: "x".repeat(size) });
      const res = await fetch(`${a.base}/discord/interactions`, {
        method: "POST",
        body: big,
        headers: { "content-type": "application/json", ...signBody(keys, big) },
      });
      expect(res.status, `${size} bytes`).toBe(413);
    }
    expect(a.logger.lines.filter((l) => l.level === "error")).toEqual([]);
  });
});
