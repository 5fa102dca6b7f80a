// @ts-check
// `npm run build`: compiles src/ (with the generated Prisma clients) into dist/ with esbuild:
// one ESM bundle per entry point, code split so the platform SDK adapters, the LLM client and
// the charts stay in chunks loaded only when configured (as with tsx). Packages in node_modules
// stay external: they are installed beside dist/ (native better-sqlite3, Prisma's wasm runtime).
// Plain JavaScript so it runs before anything is compiled (scripts/start.mjs calls it in-process).
// Migrations (prisma/*/migrations) and the course (content/) are read from the working directory
// at run time, as from src/: run the compiled app from the project folder.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
export const DIST = join(ROOT, "dist");
/** Written last: its presence means a complete build, its mtime when that build started. */
export const STAMP = join(DIST, "build-info.json");

/** dist/<name>.js ← src/<path>: `npm start`, the CLI, one Discord shard process, and the thread
 *  that renders charts (src/app/charts/worker-charts.ts starts ./chart-worker.js beside itself). */
export const ENTRY_POINTS = {
  main: "src/main.ts",
  cli: "src/cli/main.ts",
  "shard-process": "src/app/platforms/discord-shard-process.ts",
  "chart-worker": "src/app/charts/chart-worker.ts",
};

/** What a build reads: any of these newer than the stamp makes dist/ stale. */
const INPUTS = ["src", "package.json", "package-lock.json", "scripts/build.mjs"];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs; // a deleted file shows as a newer directory
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
export function staleReason(root = ROOT) {
  const stamp = join(root, "dist", "build-info.json");
  if (!existsSync(stamp)) return "no build yet";
  const built = statSync(stamp).mtimeMs;
  const changed = INPUTS.find((p) => newestMtime(join(root, p)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

export async function build({ quiet = false } = {}) {
  const started = Date.now();
  const { build: esbuild } = await import("esbuild");
  rmSync(DIST, { recursive: true, force: true });
  await esbuild({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: "dist",
    // Chunks sit beside the entry points: gateway-connect finds ./shard-process.js next to itself.
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20.10",
    packages: "external",
    sourcemap: true,
    legalComments: "none",
    logLevel: quiet ? "error" : "warning",
  });
  writeFileSync(
    STAMP,
    `${JSON.stringify({ builtAt: new Date(started).toISOString(), node: process.version }, null, 2)}\n`,
  );
  // The stamp's mtime is the build's start: a source saved during the build makes the next start rebuild.
  const { utimesSync } = await import("node:fs");
  utimesSync(STAMP, started / 1000, started / 1000);
  if (!quiet) console.log(`built dist/ in ${Date.now() - started} ms`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const onlyIfStale = process.argv.includes("--if-stale");
  const reason = staleReason();
  if (onlyIfStale && !reason) console.log("dist/ is up to date");
  else await build();
}
