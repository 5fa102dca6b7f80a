// src/core is pure domain: no platform SDK, Prisma, openai, node-cron, HTTP or file system, and
// no platform's name (capabilities on the actor say what a surface can do). src/adapters
// translate: they import no src/app (the composition root) and no config. This test reads every
// import (and, for core, every string literal naming a platform) and fails on a forbidden one.
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

/** A platform's name in a string literal, or a comparison on the actor's platform. */
const PLATFORM_WORDS = /["'`](console|discord|slack)["'`]|\bplatform\s*[!=]==/i;
/** Comments are prose (they may say "Discord" when explaining why); strip them first. */
const code = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");

describe("src/core names no platform", () => {
  it("has no platform name literal and no `platform ===`", () => {
    const violations = files("src/core").flatMap((f) =>
      code(readFileSync(f, "utf8"))
        .split("\n")
        .flatMap((line, n) => (PLATFORM_WORDS.test(line) ? [`${f}:${n + 1}: ${line.trim()}`] : [])),
    );
    expect(violations).toEqual([]);
  });

  it("catches one (the check itself works)", () => {
    expect(PLATFORM_WORDS.test(`if (ctx.actor.platform === "console") x();`)).toBe(true);
    expect(PLATFORM_WORDS.test(`platform: "slack",`)).toBe(true);
    expect(PLATFORM_WORDS.test(`if (ctx.actor.capabilities.textOnly) x();`)).toBe(false);
    expect(code(`x(); // Discord says "discord"`)).toBe("x(); ");
  });
});

describe("src/adapters import boundary", () => {
  const ADAPTER_FORBIDDEN = [/(^|\/)app\//, /(^|\/)config$/, /(^|\/)db\//];
  it("imports nothing from src/app, the config or the database", () => {
    const violations = files("src/adapters").flatMap((f) =>
      importsOf(readFileSync(f, "utf8"))
        .filter((i) => i.startsWith(".") && ADAPTER_FORBIDDEN.some((re) => re.test(i)))
        .map((i) => `${f}: ${i}`),
    );
    expect(violations).toEqual([]);
  });

  it("catches one (the check itself works)", () => {
    const bad = importsOf(
      `import type { App } from "../../app/app";\nimport { loadConfig } from "../../config";\nimport { toMessage } from "./render";`,
    ).filter((i) => ADAPTER_FORBIDDEN.some((re) => re.test(i)));
    expect(bad).toEqual(["../../app/app", "../../config"]);
  });
});
