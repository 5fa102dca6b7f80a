// README, Configuration: `.env` in the directory `npm start` runs in is read at start-up, for
// `npm start`, the CLI and deploy-commands; the environment wins over it; an empty variable counts
// as unset. Followed literally: a checkout-like folder with a `.env` holding DATABASE_URL=file:….
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const root = resolve(".");
const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;

/** A folder laid out like the project (course and migrations), with the given .env. */
function project(dotenv: string): string {
  const dir = mkdtempSync(join(tmpdir(), "coursebot-dotenv-"));
  symlinkSync(join(root, "content"), join(dir, "content"));
  symlinkSync(join(root, "prisma"), join(dir, "prisma"));
  writeFileSync(join(dir, ".env"), dotenv);
  return dir;
}

/** The environment without any variable the test is about (the runner's own may be set). */
function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "/tmp",
    CONSOLE_USER: "dotenv-learner",
    LOG_LEVEL: "warn",
  };
  return { ...env, ...extra };
}

function npmStart(cwd: string, input: string, env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", tsx, join(root, "src/main.ts")], {
    cwd,
    input,
    encoding: "utf8",
    timeout: 60_000,
    env,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const learners = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT "externalId" FROM "Learner"`).all();
  } finally {
    db.close();
  }
};

describe(".env at start-up", () => {
  it("npm start uses the DATABASE_URL of .env; the environment wins; an empty variable counts as unset", () => {
    const dir = project("# as in .env.example\nDATABASE_URL=file:./from-dotenv.db\n");
    const first = npmStart(dir, "/progress\n", baseEnv());
    expect(first.err).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(existsSync(join(dir, "from-dotenv.db"))).toBe(true);
    expect(existsSync(join(dir, "data"))).toBe(false); // not the default ./data/coursebot.db
    expect(learners(join(dir, "from-dotenv.db"))).toEqual([{ externalId: "dotenv-learner" }]);

    const other = join(dir, "from-environment.db");
    const second = npmStart(
      dir,
      "/progress\n",
      baseEnv({ DATABASE_URL: `file:${other}`, CONSOLE_USER: "env-learner" }),
    );
    expect(second.code).toBe(0);
    expect(learners(other)).toEqual([{ externalId: "env-learner" }]);
    expect(learners(join(dir, "from-dotenv.db"))).toEqual([{ externalId: "dotenv-learner" }]);

    const third = npmStart(
      dir,
      "/progress\n",
      baseEnv({ DATABASE_URL: "", CONSOLE_USER: "empty-env-learner" }),
    );
    expect(third.code).toBe(0);
    expect(learners(join(dir, "from-dotenv.db"))).toEqual([
      { externalId: "dotenv-learner" },
      { externalId: "empty-env-learner" },
    ]);
  });

  it("a bad value in .env stops start-up naming the variable, as in the environment", () => {
    const dir = project("PORT=not-a-port\n");
    const r = npmStart(dir, "/help\n", baseEnv());
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PORT: PORT must be a port number/);
  });

  it("the CLI (db migrate) and deploy-commands read it too", async () => {
    const dir = project("DATABASE_URL=file:./cli.db\n");
    const migrate = spawnSync(
      process.execPath,
      ["--import", tsx, join(root, "src/cli/main.ts"), "db", "migrate"],
      { cwd: dir, encoding: "utf8", timeout: 60_000, env: baseEnv() },
    );
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toMatch(/sqlite .*cli\.db: applied \d+ migrations/);
    expect(existsSync(join(dir, "cli.db"))).toBe(true);

    // A local fake of Discord's REST API records the command registration.
    const seen: { method?: string; url?: string; auth?: string }[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        seen.push({ method: req.method, url: req.url, auth: req.headers.authorization });
        const names = (JSON.parse(body || "[]") as { name: string }[]).map((c) => ({
          name: c.name,
        }));
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(names));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const discord = project(
        `DISCORD_TOKEN=test-token-from-dotenv\nDISCORD_APPLICATION_ID=123456789012\nDISCORD_API_URL=http://127.0.0.1:${port}/api\n`,
      );
      const child = spawn(
        process.execPath,
        ["--import", tsx, join(root, "src/cli/main.ts"), "deploy-commands"],
        { cwd: discord, env: baseEnv() },
      );
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      const code = await new Promise<number | null>((r) => child.once("exit", r));
      expect(out).toMatch(/Registered \d+ commands globally/);
      expect(code).toBe(0);
      expect(seen).toEqual([
        {
          method: "PUT",
          url: "/api/v10/applications/123456789012/commands",
          auth: "Bot test-token-from-dotenv",
        },
      ]);
    } finally {
      server.close();
    }
  });
});
