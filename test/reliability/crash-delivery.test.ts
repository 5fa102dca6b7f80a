// kill -9 mid-delivery: 300 Discord channels due at once, three instances, the delivering one
// killed with SIGKILL after a third of the lessons arrived, then its successor after two thirds
// (so 2 of 3 instances die, each with posts in flight). The fake Discord API honours
// enforce_nonce as Discord does. Every channel gets its lesson exactly once: 0 missing, 0
// duplicates. (The worst-case delay is printed by `npm run bench -- crash`.)
import { describe, expect, it } from "vitest";
import { crashDelivery } from "../helpers/crash-delivery";

describe("crash mid-delivery", () => {
  it("kill -9 of 2 of 3 instances during a 300-channel delivery: 0 duplicates, 0 missing", async () => {
    const r = await crashDelivery({ subs: 300, kills: 2 });
    expect(r, JSON.stringify(r)).toMatchObject({ delivered: 300, duplicates: 0, missing: 0 });
  }, 300_000);
});
