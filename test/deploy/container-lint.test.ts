// Lints the container files without a daemon. The Dockerfile through dockerfile-ast: multi-stage,
// a non-root user, tini as the entry point (signals reach the app, zombies are reaped), a
// HEALTHCHECK on /healthz, a volume for the SQLite data. compose.yaml through the yaml parser and
// a schema of the keys this deployment needs: PostgreSQL with a health check, two bot instances
// built from the Dockerfile that wait for it (service_healthy) and share one database.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseDockerfile } from "../helpers/dockerfile";

describe("Dockerfile", () => {
  const stages = parseDockerfile();
  const runtime = stages.at(-1)!;

  it("is multi-stage: the final image copies the build from a named build stage", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const names = stages.map((s) => s.name);
    const copiedFrom = runtime.steps.flatMap((s) => (s.kind === "copy" && s.from ? [s.from] : []));
    expect(copiedFrom.length).toBeGreaterThan(0);
    for (const from of copiedFrom) expect(names.slice(0, -1)).toContain(from);
    // Only production dependencies go into the image, and no compiler reaches the final stage.
    expect(stages[0].steps).toContainEqual(
      expect.objectContaining({
        kind: "run",
        command: expect.stringMatching(/^npm ci --omit=dev\b/),
      }),
    );
    expect(
      runtime.steps.some((s) => s.kind === "run" && /\bg\+\+|\bmake\b|python3/.test(s.command)),
    ).toBe(false);
  });

  it("runs as a non-root user", () => {
    expect(runtime.user).toBeDefined();
    expect(runtime.user).not.toMatch(/^(root|0)(:|$)/);
  });

  it("starts under an init (tini) in exec form, with the compiled app as the command", () => {
    expect(runtime.entrypoint?.[0]).toMatch(/(^|\/)tini$/);
    expect(runtime.entrypoint).toContain("--");
    expect(
      runtime.steps.some((s) => s.kind === "run" && /apt-get install .*\btini\b/.test(s.command)),
    ).toBe(true);
    expect(runtime.cmd).toEqual(["node", "dist/main.js"]);
  });

  it("checks its health on /healthz, serves HTTP and keeps SQLite data on a volume", () => {
    expect(runtime.healthcheck?.cmd?.[0]).toBe("node");
    expect(readFileSync(runtime.healthcheck!.cmd![1], "utf8")).toContain("/healthz");
    expect(runtime.healthcheck?.flags).toMatchObject({
      interval: expect.any(String),
      timeout: expect.any(String),
    });
    expect(runtime.expose).toContain("3000");
    expect(runtime.volumes).toContain("/app/data");
    const env = Object.assign(
      {},
      ...runtime.steps.flatMap((s) => (s.kind === "env" ? [s.vars] : [])),
    );
    // The terminal chat must stay off (no stdin in a container) and the HTTP server on.
    expect(env).toMatchObject({ CONSOLE: "off", PORT: "3000", NODE_ENV: "production" });
  });

  it("has a .dockerignore that keeps local installs, builds, databases and secrets out", () => {
    const lines = readFileSync(".dockerignore", "utf8")
      .split("\n")
      .map((l) => l.trim());
    for (const p of ["node_modules", "dist", "data", ".env", ".git", "*.db"])
      expect(lines).toContain(p);
  });
});

const healthcheck = z.object({
  test: z.union([z.string(), z.array(z.string()).min(2)]),
  interval: z.string(),
  timeout: z.string(),
  retries: z.number().int().positive(),
});
const bot = z
  .object({
    build: z.union([
      z.literal("."),
      z.object({ context: z.literal("."), dockerfile: z.string().optional() }),
    ]),
    environment: z
      .object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/[^@]+@postgres:5432\//) })
      .passthrough(),
    depends_on: z.object({ postgres: z.object({ condition: z.literal("service_healthy") }) }),
    stop_grace_period: z.string().regex(/^\d+s$/),
    ports: z.array(z.string()).min(1),
  })
  .passthrough();
const compose = z
  .object({
    services: z
      .object({
        postgres: z
          .object({
            image: z.string().regex(/^postgres:/),
            healthcheck,
            volumes: z.array(z.string()).min(1),
          })
          .passthrough(),
      })
      .catchall(z.unknown()),
    volumes: z.record(z.string(), z.unknown()),
  })
  .passthrough();

describe("compose.yaml", () => {
  // Compose resolves YAML merge keys (<<: *bot); so does the yaml package with merge on.
  const doc = parse(readFileSync("compose.yaml", "utf8"), { merge: true }) as {
    services: Record<string, unknown>;
  };

  it("has PostgreSQL with a health check and a named data volume", () => {
    const r = compose.safeParse(doc);
    expect(r.success, r.error?.message).toBe(true);
  });

  it("runs two bot instances from the Dockerfile, each waiting for a healthy PostgreSQL", () => {
    const bots = Object.entries(doc.services).filter(([name]) => name !== "postgres");
    expect(bots.length).toBe(2);
    for (const [name, svc] of bots) {
      const r = bot.safeParse(svc);
      expect(r.success, `${name}: ${r.error?.message}`).toBe(true);
      expect(
        Number(/^(\d+)s$/.exec(r.data!.stop_grace_period)![1]),
        `${name} must get more than the bot's 10 s drain`,
      ).toBeGreaterThanOrEqual(15);
    }
    const urls = new Set(
      bots.map(
        ([, s]) => (s as { environment: { DATABASE_URL: string } }).environment.DATABASE_URL,
      ),
    );
    expect(urls.size).toBe(1);
    const hostPorts = bots.flatMap(([, s]) =>
      (s as { ports: string[] }).ports.map((p) => p.split(":")[0]),
    );
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
  });
});
