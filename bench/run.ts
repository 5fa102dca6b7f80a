// `npm run bench`: runs every bench/*.bench.ts module in turn (each default-exports an async
// function returning { title, rows, json }), prints a table per module and writes
// bench/results.json. `npm run bench -- interaction` runs only modules whose name matches
// (their entries in bench/results.json are replaced, the others kept); `--help` or a name that
// matches no module prints the usage and the module list and writes nothing. A module that throws
// is reported and the others still run. Needs PostgreSQL.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchResult } from "./lib/stats";

const here = dirname(fileURLToPath(import.meta.url));

/** Runs one module in a child process (bench/lib/run-one.ts) and returns its result. */
async function runIsolated(file: string): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-bench-"));
  const out = join(dir, "result.json");
  try {
    // The same Node and loader flags (tsx) as this process; output goes straight to the terminal.
    const child = spawn(
      process.execPath,
      [...process.execArgv, join(here, "lib", "run-one.ts"), file, out],
      { stdio: "inherit" },
    );
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (c, signal) => resolve(c ?? (signal ? 128 : null)));
    });
    if (code !== 0 || !existsSync(out)) throw new Error(`the module's process exited with ${code}`);
    return JSON.parse(readFileSync(out, "utf8")) as BenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatTable(rows: Record<string, string | number>[]): string {
  if (!rows.length) return "(no rows)";
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (v === undefined ? "" : String(v));
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => v.padEnd(width[i])).join("  ");
  return [
    line(cols),
    line(width.map((w) => "-".repeat(w))),
    ...rows.map((r) => line(cols.map((c) => cell(r[c])))),
  ].join("\n");
}

function usage(modules: string[]): string {
  return [
    "usage: npm run bench [-- <module> ...]",
    "Runs every bench module (or those whose name contains one of the words given), prints a table",
    "for each and writes bench/results.json. Needs PostgreSQL at 127.0.0.1:5432 (or TEST_PG_URL),",
    "as the tests do. Modules:",
    ...modules.map((m) => `  ${m}`),
  ].join("\n");
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const all = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const modules = all.map((f) => f.replace(/\.bench\.ts$/, ""));
  // Asking for help, an unknown flag or a module name that matches nothing must not run (and
  // overwrite bench/results.json with) an empty benchmark.
  if (args.some((a) => a === "--help" || a === "-h")) {
    console.log(usage(modules));
    return 0;
  }
  const unknown = args.filter((a) => a.startsWith("-") || !modules.some((m) => m.includes(a)));
  if (unknown.length) {
    console.error(
      `unknown bench ${unknown.some((a) => a.startsWith("-")) ? "option or module" : "module"}: ${unknown.join(", ")}\n${usage(modules)}`,
    );
    return 2;
  }
  const filter = args;
  const files = all.filter((f) => !filter.length || filter.some((x) => f.includes(x)));
  const results: Record<string, unknown> = {};
  const started = Date.now();
  let failed = 0;
  // Other work on the machine inflates every figure; record how busy it was.
  const loadBefore = loadavg()[0];
  console.log(
    `coursebot bench: ${files.length} module(s) on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadBefore.toFixed(2)}\n`,
  );
  for (const file of files) {
    const name = file.replace(/\.bench\.ts$/, "");
    const t0 = Date.now();
    const moduleLoad = loadavg()[0];
    // Each entry carries its own date and load: a run of some modules keeps the others' entries,
    // and the file's header then describes only the latest run (an entry measured weeks earlier,
    // on older code, looked like part of it).
    const stamp = () => ({
      ranAt: new Date(t0).toISOString(),
      loadAverageBefore: Number(moduleLoad.toFixed(2)),
      loadAverageAfter: Number(loadavg()[0].toFixed(2)),
    });
    try {
      const r = await runIsolated(join(here, file));
      console.log(
        `== ${r.title} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n${formatTable(r.rows)}\n`,
      );
      results[name] = {
        title: r.title,
        ...stamp(),
        seconds: (Date.now() - t0) / 1000,
        rows: r.rows,
        details: r.json,
      };
    } catch (e) {
      failed++;
      console.error(`== ${name}: FAILED: ${e instanceof Error ? e.stack : String(e)}\n`);
      results[name] = { ...stamp(), error: e instanceof Error ? e.message : String(e) };
    }
  }
  // A run of some modules updates their entries and keeps the others' figures.
  const file = join(here, "results.json");
  const earlier =
    filter.length && existsSync(file)
      ? ((JSON.parse(readFileSync(file, "utf8")) as { results?: Record<string, unknown> })
          .results ?? {})
      : {};
  const out = {
    ranAt: new Date().toISOString(),
    node: process.version,
    cores: cpus().length,
    cpu: cpus()[0]?.model,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg()[0],
    totalSeconds: (Date.now() - started) / 1000,
    results: { ...earlier, ...results },
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote bench/results.json (${out.totalSeconds.toFixed(1)} s total)`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
