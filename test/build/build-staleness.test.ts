// `npm start` rebuilds dist/ when it is missing or older than what a build reads (scripts/build.mjs
// staleReason), so a pull or an edit never runs stale code; the tests themselves run the sources.
// A real build is exercised by test/deploy/dockerfile-commands.test.ts, in a clean copy.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { staleReason } from "../../scripts/build.mjs";

const root = mkdtempSync(join(tmpdir(), "coursebot-stale-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);
const write = (path: string, text: string, seconds: number) => {
  mkdirSync(join(root, path, ".."), { recursive: true });
  writeFileSync(join(root, path), text);
  at(path, seconds);
};

describe("dist/ staleness", () => {
  it("needs a build when there is none, and none after one", () => {
    write("package.json", "{}", 1000);
    write("src/core/bot.ts", "x", 1000);
    at("src/core", 1000);
    at("src", 1000);
    expect(staleReason(root)).toBe("no build yet");
    write("dist/build-info.json", "{}", 2000);
    expect(staleReason(root)).toBeUndefined();
  });

  it("is stale when a source, a new file or the lockfile is newer than the build", () => {
    at("src/core/bot.ts", 3000);
    expect(staleReason(root)).toBe("src changed since the last build");
    at("src/core/bot.ts", 1000);
    write("src/core/new-file.ts", "y", 1500);
    at("src/core", 2500); // adding (or deleting) a file touches its folder
    expect(staleReason(root)).toBe("src changed since the last build");
    rmSync(join(root, "src/core/new-file.ts"));
    at("src/core", 1000);
    write("package-lock.json", "{}", 2500);
    expect(staleReason(root)).toBe("package-lock.json changed since the last build");
  });
});
