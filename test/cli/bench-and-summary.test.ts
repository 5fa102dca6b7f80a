// The developer tools' edges: `npm run bench -- --help` (or a mistyped module) prints the usage
// and the module list and leaves bench/results.json alone; the test summary line counts a suite
// whose setup failed (PostgreSQL down) as failed, as the exit code does.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const RESULTS = "bench/results.json";

function bench(...args: string[]) {
  const before = readFileSync(RESULTS, "utf8");
  const r = spawnSync(process.execPath, ["--import", "tsx", "bench/run.ts", ...args], {
    encoding: "utf8",
    timeout: 60_000,
  });
  const after = readFileSync(RESULTS, "utf8");
  // Should the old behaviour come back, put the committed figures back before failing.
  if (after !== before) writeFileSync(RESULTS, before);
  return { code: r.status, out: r.stdout, err: r.stderr, unchanged: after === before };
}

describe("npm run bench arguments", () => {
  it("--help prints the usage, the modules and that PostgreSQL is needed; runs and writes nothing", () => {
    const r = bench("--help");
    expect(r.unchanged).toBe(true);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: npm run bench/);
    expect(r.out).toMatch(/PostgreSQL/);
    expect(r.out).toMatch(/^ {2}interaction$/m);
    expect(r.out).not.toMatch(/wrote bench\/results\.json/);
  });

  it("a mistyped module name is an error naming it, with the module list; nothing is written", () => {
    const r = bench("intraction");
    expect(r.unchanged).toBe(true);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown bench module: intraction/);
    expect(r.err).toMatch(/^ {2}startup$/m);
  });
});

describe("test summary line", () => {
  it("counts tests whose suite setup failed, and a file that failed to load, as failed", () => {
    const r = spawnSync(
      process.execPath,
      [
        "node_modules/vitest/vitest.mjs",
        "run",
        "--config",
        "test/fixtures/summary-reporter/vitest.config.ts",
      ],
      { encoding: "utf8", timeout: 120_000 },
    );
    expect(r.status).toBe(1);
    // passes.fixture.ts: 1 passed; setup-fails.fixture.ts: 2 tests not run; collect-fails.fixture.ts: 1.
    expect(r.stdout).toMatch(/^1 passed, 3 failed$/m);
  });
});
