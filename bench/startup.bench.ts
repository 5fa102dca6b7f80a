// Cold start and memory: spawns the real app with the full course, times from spawn until
// GET /healthz answers 200, then reads the process's resident memory (RSS) from its own /metrics
// after some requests. The compiled build (`node dist/main.js`, what the container and `npm start`
// run; built first with scripts/build.mjs) on a fresh SQLite file (migrations included), the same
// file again (a restart), and PostgreSQL; then the sources through tsx for comparison, and the
// `npm start` launcher (scripts/start.mjs: the staleness check, then the compiled app).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabaseUrl } from "../test/helpers/db";
import { freePort, get } from "../test/helpers/http";
import { met, round, type BenchResult } from "./lib/stats";
import { build } from "../scripts/build.mjs";

const TARGET_START_MS = 1000;
const TARGET_RSS_MB = 150;

type Via = "compiled" | "launcher" | "tsx";
const COMMAND: Record<Via, string[]> = {
  compiled: ["dist/main.js"],
  launcher: ["scripts/start.mjs"],
  tsx: ["--import", "tsx", "src/main.ts"],
};

/**
 * CPU seconds (user + system, all threads) the process used so far, from /proc (Linux; NaN
 * elsewhere). Unlike the wall-clock start time it hardly grows when other work shares the cores.
 */
function cpuSeconds(pid: number | undefined): number {
  try {
    // Fields after the command name: state is 3rd, utime 14th, stime 15th; ticks are 1/100 s on Linux.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8")
      .replace(/^.*\) /, "")
      .split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function startOnce(label: string, databaseUrl: string, via: Via) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    CONSOLE: "off",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "warn",
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, COMMAND[via], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c) => {
    stderr += c;
  });
  try {
    let readyMs = NaN;
    let cpu = NaN;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`app exited ${child.exitCode}: ${stderr}`);
      try {
        if ((await get(port, "/healthz")).status === 200) {
          readyMs = performance.now() - t0;
          cpu = cpuSeconds(child.pid);
          break;
        }
      } catch {
        /* not yet listening */
      }
      if (performance.now() - t0 > 30_000) throw new Error(`not ready in 30 s: ${stderr}`);
      await new Promise((r) => setTimeout(r, 5));
    }
    // A few requests so the figure is for a serving process, not an idle one.
    for (let i = 0; i < 20; i++) await get(port, "/healthz");
    const metrics = (await get(port, "/metrics")).body;
    const rss = Number(/coursebot_process_resident_memory_bytes (\d+)/.exec(metrics)?.[1] ?? NaN);
    const heap = Number(/coursebot_nodejs_heap_size_used_bytes (\d+)/.exec(metrics)?.[1] ?? NaN);
    return {
      label,
      via,
      readyMs: round(readyMs, 0),
      cpuMs: round(cpu * 1000, 0),
      rssMb: round(rss / 2 ** 20, 1),
      heapMb: round(heap / 2 ** 20, 1),
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

export default async function (): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-bench-start-"));
  const pg = await createTestDatabaseUrl("postgres");
  try {
    await build({ quiet: true });
    const sqliteUrl = `file:${join(dir, "bench.db")}`;
    const runs = [
      await startOnce("SQLite, fresh database (migrates)", sqliteUrl, "compiled"),
      await startOnce("SQLite, restart", sqliteUrl, "compiled"),
      await startOnce("SQLite, restart", sqliteUrl, "compiled"),
      await startOnce("SQLite, restart via npm start's launcher", sqliteUrl, "launcher"),
      await startOnce("PostgreSQL, fresh database (migrates)", pg.url, "compiled"),
      await startOnce("PostgreSQL, restart", pg.url, "compiled"),
      // The sources through tsx, interleaved with the compiled build on the same file.
      await startOnce("SQLite, restart, sources through tsx", sqliteUrl, "tsx"),
      await startOnce("SQLite, restart", sqliteUrl, "compiled"),
      await startOnce("SQLite, restart, sources through tsx", sqliteUrl, "tsx"),
    ];
    const rows = runs.map((r) => ({
      run: r.label,
      build: r.via === "tsx" ? "tsx" : "dist",
      "ready ms": r.readyMs,
      "CPU ms to ready": r.cpuMs,
      "RSS MB": r.rssMb,
      "heap used MB": r.heapMb,
      target: `start ≤ ${TARGET_START_MS} ms: ${met(r.readyMs <= TARGET_START_MS)}; RSS ≤ ${TARGET_RSS_MB} MB: ${met(r.rssMb <= TARGET_RSS_MB)}`,
    }));
    return {
      title: "Cold start (spawn → /healthz 200) and resident memory with the full course",
      rows,
      json: runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pg.drop();
  }
}
