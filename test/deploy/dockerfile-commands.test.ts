// Replays the Dockerfile without a container daemon: a clean copy of the build context (the
// project's files minus .dockerignore), then each stage's COPY and RUN steps in its own folder
// standing for /app — the production install (`npm ci --omit=dev`), the build — and the runtime
// stage's CMD with its ENV, until GET /healthz answers 200 and the image's HEALTHCHECK command
// passes. Steps that only set up the OS image (apt-get, ownership) cannot run here; they must
// match SYSTEM_STEPS, so a new step is never skipped silently. Slow (a real npm ci, with
// better-sqlite3 compiled where no prebuilt binary fits): one test, generous time.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseDockerfile, stageEnv, type Stage } from "../helpers/dockerfile";
import { freePort, get } from "../helpers/http";

const SYSTEM_STEPS = [
  /^apt-get update && apt-get install -y --no-install-recommends [\w .+-]+&& rm -rf \/var\/lib\/apt\/lists\/\*$/,
  /^mkdir -p \/app\/data && chown node:node \/app\/data$/,
];
const WORKDIR = "/app";

const work = mkdtempSync(join(tmpdir(), "coursebot-image-"));
// Two installs' worth of node_modules: removing them takes a while on a busy machine.
afterAll(() => rm(work, { recursive: true, force: true }), 10 * 60_000);

/** .dockerignore lines as matchers (the forms it uses: names, dir/, globs with *, ! exceptions). */
function dockerignore(text: string): (path: string) => boolean {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const body = (negate ? l.slice(1) : l).replace(/\/$/, "");
      const re = new RegExp(
        `^${body
          .split("*")
          .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
          .join("[^/]*")}(/.*)?$`,
      );
      // A pattern without a slash such as *.db matches at any depth only with **/; Docker matches from the root.
      return { negate, re };
    });
  return (path) => rules.reduce((ignored, r) => (r.re.test(path) ? !r.negate : ignored), false);
}

/** The build context as `docker build .` would send it from a clean checkout. */
function buildContext(): string {
  const ctx = join(work, "context");
  const ignored = dockerignore(readFileSync(".dockerignore", "utf8"));
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { encoding: "utf8" },
  )
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    if (ignored(f) || !existsSync(f)) continue;
    mkdirSync(dirname(join(ctx, f)), { recursive: true });
    cpSync(f, join(ctx, f));
  }
  return ctx;
}

function sh(command: string, cwd: string, env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("sh", ["-c", command], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (c) => {
      out += c;
    });
    child.stderr.on("data", (c) => {
      out += c;
    });
    child.once("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`\`${command}\` exited ${code}:\n${out.slice(-4000)}`)),
    );
  });
}

/** Runs one stage's steps in `root` (its /app); COPY --from reads an earlier stage's root. */
async function replay(
  stage: Stage,
  root: string,
  ctx: string,
  roots: Record<string, string>,
): Promise<void> {
  mkdirSync(root, { recursive: true });
  const env: Record<string, string> = {};
  const inRoot = (p: string) => join(root, p.startsWith(WORKDIR) ? p.slice(WORKDIR.length) : p);
  for (const step of stage.steps) {
    if (step.kind === "workdir") expect(step.dir).toBe(WORKDIR);
    else if (step.kind === "env") Object.assign(env, step.vars);
    else if (step.kind === "copy") {
      const base = step.from ? roots[step.from] : ctx;
      expect(base, `COPY --from=${step.from}: no such stage`).toBeDefined();
      for (const src of step.sources) {
        const from = join(base, step.from ? src.slice(WORKDIR.length) : src);
        const to = step.dest.endsWith("/")
          ? join(inRoot(step.dest), basename(src))
          : inRoot(step.dest);
        mkdirSync(dirname(to), { recursive: true });
        cpSync(from, to, { recursive: true, verbatimSymlinks: true });
      }
    } else if (step.kind === "run") {
      if (SYSTEM_STEPS.some((re) => re.test(step.command))) continue;
      await sh(step.command, root, env);
    } else throw new Error(`the replay does not know ${step.keyword} (${step.args}): teach it`);
  }
}

describe("the Dockerfile's own commands, in a clean copy", () => {
  it(
    "installs production dependencies, builds, starts, and answers /healthz 200",
    async () => {
      const stages = parseDockerfile();
      const ctx = buildContext();
      expect(
        existsSync(join(ctx, "node_modules")) ||
          existsSync(join(ctx, "dist")) ||
          existsSync(join(ctx, ".env")),
      ).toBe(false);
      const roots: Record<string, string> = {};
      for (const stage of stages) {
        const root = join(work, stage.name ?? `stage-${Object.keys(roots).length}`);
        await replay(stage, root, ctx, roots);
        if (stage.name) roots[stage.name] = root;
      }
      const runtime = stages.at(-1)!;
      const app = roots[runtime.name!];
      // What the image holds: no dev dependencies, no sources, the compiled app.
      expect(existsSync(join(app, "node_modules", "vitest"))).toBe(false);
      expect(existsSync(join(app, "node_modules", "fast-check"))).toBe(false);
      expect(existsSync(join(app, "src"))).toBe(false);
      expect(existsSync(join(app, "dist", "main.js"))).toBe(true);

      const port = await freePort();
      const env = {
        ...stageEnv(runtime),
        PORT: String(port),
        HOST: "127.0.0.1",
        PATH: process.env.PATH ?? "",
        HOME: app,
      };
      const [cmd, ...args] = runtime.cmd!;
      const child = spawn(cmd, args, { cwd: app, env, stdio: ["ignore", "pipe", "pipe"] });
      let out = "";
      child.stdout.on("data", (c) => {
        out += c;
      });
      child.stderr.on("data", (c) => {
        out += c;
      });
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      try {
        let health = { status: 0, body: "" };
        for (let i = 0; i < 600 && health.status !== 200; i++) {
          if (child.exitCode !== null) throw new Error(`the app exited ${child.exitCode}:\n${out}`);
          health = await get(port, "/healthz").catch(() => ({ status: 0, body: "" }));
          if (health.status !== 200) await new Promise((r) => setTimeout(r, 100));
        }
        expect(health.status, out).toBe(200);
        expect(JSON.parse(health.body)).toMatchObject({
          status: "ok",
          provider: "sqlite",
          content: { loaded: true },
        });
        // The default SQLite file is in the VOLUME.
        expect(runtime.volumes).toContain(`${WORKDIR}/data`);
        expect(existsSync(join(app, "data", "coursebot.db"))).toBe(true);
        // The image's HEALTHCHECK command, as Docker runs it inside the container.
        const [hcCmd, ...hcArgs] = runtime.healthcheck!.cmd!;
        await sh([hcCmd, ...hcArgs].join(" "), app, env);
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited, out).toBe(0);
    },
    15 * 60_000,
  );
});
