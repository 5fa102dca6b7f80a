// Learner-path row ids: UUIDv7, unique, and sorting in the order they were made (the primary-key
// index appends), across refills of the random pool.
import { describe, expect, it } from "vitest";
import { newId } from "../../src/db/fast/ids";

describe("newId", () => {
  it("makes unique, time-ordered version-7 UUIDs", () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const ms = Number.parseInt(ids[0].replace(/-/g, "").slice(0, 12), 16);
    expect(Math.abs(ms - Date.now())).toBeLessThan(60_000);
  });
});
