// src/core is pure domain: no platform SDK, Prisma, openai, node-cron, HTTP or file system.
// This test reads every import in src/core and fails on a forbidden one.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FORBIDDEN = [
  /^discord\.js$/,
  /^@discordjs\//,
  /^@slack\//,
  /^@prisma\//,
  /^prisma$/,
  /^openai$/,
  /^node-cron$/,
  /^pg$/,
  /^better-sqlite3$/,
  /^pino/,
  /^prom-client$/,
  /^(node:)?fs(\/promises)?$/,
  /^(node:)?(http|https|net|child_process)$/,
  /generated\//,
  /\/(db|adapters|app)\//,
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) =>
    statSync(join(dir, n)).isDirectory()
      ? files(join(dir, n))
      : n.endsWith(".ts")
        ? [join(dir, n)]
        : [],
  );
}

function importsOf(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(
    /(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|require\(\s*["']([^"']+)["']\s*\)|^import\s*["']([^"']+)["']/gm,
  ))
    out.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  return out;
}

describe("src/core import boundary", () => {
  const coreFiles = files("src/core");

  it("finds the core files", () => {
    expect(coreFiles.length).toBeGreaterThan(10);
  });

  it("imports no platform SDK, Prisma, openai, node-cron or fs", () => {
    const violations = coreFiles.flatMap((f) =>
      importsOf(readFileSync(f, "utf8"))
        .filter((i) => FORBIDDEN.some((re) => re.test(i)))
        .map((i) => `${f}: ${i}`),
    );
    expect(violations).toEqual([]);
  });

  it("catches a forbidden import (the check itself works)", () => {
    const sample = `import { Client } from "discord.js";\nimport fs from "node:fs";\nconst x = await import("openai");\nimport { store } from "../db/store";`;
    const bad = importsOf(sample).filter((i) => FORBIDDEN.some((re) => re.test(i)));
    expect(bad).toEqual(["discord.js", "node:fs", "openai", "../db/store"]);
  });
});
