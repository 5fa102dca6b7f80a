// Secrets never reach the logs. The real app is started with every secret variable set to a
// recognisable value (and a database password in DATABASE_URL), at debug level, then exercised:
// start-up, health and metrics, platform endpoints with bad signatures, oversized bodies, unknown
// paths, shutdown; and start-ups that fail (bad config, database unreachable). The captured
// stdout and stderr are searched for every secret value.
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabaseUrl } from "../helpers/db";
import { freePort, get } from "../helpers/http";
import { spawnApp, waitForHealthy, type SpawnedApp } from "../helpers/spawn-app";

const SECRETS = {
  DISCORD_TOKEN: "MTAxSECRETdiscordBotToken.Gx7aQ1.sEcReT-discord-9f8e7d",
  DISCORD_PUBLIC_KEY: "5ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e75ec2e7beef",
  SLACK_BOT_TOKEN: "xoxb-1111-2222-SECRETslackBotToken33",
  SLACK_SIGNING_SECRET: "SECRETslackSigningSecret0123456789",
  SLACK_APP_TOKEN: "xapp-1-A111-SECRETslackAppToken44",
  OPENAI_API_KEY: "sk-SECRETopenaiKey-abcdefghijklmnop",
};
const DB_PASSWORD = "SECRETdbPassw0rd99";

let dbUrl: string;
let drop: () => Promise<void>;
let closedPort: number;

beforeAll(async () => {
  const t = await createTestDatabaseUrl("postgres");
  drop = t.drop;
  const u = new URL(t.url);
  u.password = DB_PASSWORD; // the local server trusts loopback, so any password connects
  dbUrl = u.toString();
  closedPort = await freePort();
});
afterAll(async () => {
  await drop?.();
});

function expectNoSecrets(output: string): void {
  expect(output.length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries({ ...SECRETS, DB_PASSWORD }))
    expect(output.includes(value), `${name} leaked:\n${output}`).toBe(false);
  // Nor a recognisable fragment of one (e.g. a token cut in half).
  expect(output).not.toMatch(/SECRET[a-zA-Z]/);
}

function post(
  port: number,
  path: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<number> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

async function exercise(port: number): Promise<void> {
  expect((await get(port, "/healthz")).status).toBe(200);
  const metrics = await get(port, "/metrics");
  expect(metrics.status).toBe(200);
  expectNoSecrets(metrics.body);
  await post(port, "/discord/interactions", JSON.stringify({ type: 1 }), {
    "x-signature-ed25519": "00".repeat(64),
    "x-signature-timestamp": "1",
  });
  await post(port, "/slack/events", "command=%2Fquiz&text=", {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-signature": "v0=bad",
    "x-slack-request-timestamp": "1",
  });
  await post(port, "/slack/events", Buffer.alloc(1_100_000, 97));
  await get(port, `/nope?token=${SECRETS.SLACK_BOT_TOKEN}`);
}

async function stop(app: SpawnedApp): Promise<void> {
  if (app.child.exitCode === null) app.child.kill("SIGTERM");
  await app.exited;
}

describe("secrets in logs", () => {
  it("HTTP modes: start-up, requests, errors and shutdown log no secret", async () => {
    const port = await freePort();
    const env = {
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "debug",
      DATABASE_URL: dbUrl,
      DISCORD_APPLICATION_ID: "123456789012345678",
      DISCORD_PUBLIC_KEY: SECRETS.DISCORD_PUBLIC_KEY,
      SLACK_BOT_TOKEN: SECRETS.SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`,
      OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
      OPENAI_BASE_URL: `http://127.0.0.1:${closedPort}/v1`,
    };
    const app = spawnApp(env);
    try {
      await waitForHealthy(port, app);
      await exercise(port);
    } finally {
      await stop(app);
    }
    expect(app.output()).toContain('"http server listening"');
    expectNoSecrets(app.output());
  });

  it("every secret set at once (gateway, Socket Mode, HTTP): whatever starts or fails logs no secret", async () => {
    const port = await freePort();
    const app = spawnApp({
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "debug",
      DATABASE_URL: dbUrl,
      DISCORD_APPLICATION_ID: "123456789012345678",
      ...SECRETS,
      DISCORD_API_URL: `http://127.0.0.1:${closedPort}`,
      SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/`,
      OPENAI_BASE_URL: `http://127.0.0.1:${closedPort}/v1`,
    });
    try {
      // Platform clients cannot reach their (closed) APIs; the app may keep serving HTTP or stop.
      await waitForHealthy(port, app, 20_000).then(
        () => exercise(port),
        () => undefined,
      );
    } finally {
      await stop(app);
    }
    expectNoSecrets(app.output());
  });

  it("failed start-ups (bad configuration, unreachable database) print no secret", async () => {
    const badConfig = spawnApp({
      DATABASE_URL: dbUrl,
      SLACK_BOT_TOKEN: "SECRETnotAnXoxbToken",
      SLACK_SIGNING_SECRET: SECRETS.SLACK_SIGNING_SECRET,
      OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
      LOG_LEVEL: "debug",
    });
    expect(await badConfig.exited).toBe(1);
    expect(badConfig.output()).toContain("SLACK_BOT_TOKEN");
    expect(badConfig.output()).not.toContain("SECRETnotAnXoxbToken");
    expectNoSecrets(badConfig.output());

    // A short start-up wait: the retries (and their log lines) happen, then it gives up.
    const noDb = spawnApp({
      DATABASE_URL: `postgresql://postgres:${DB_PASSWORD}@127.0.0.1:${closedPort}/nowhere`,
      DATABASE_START_TIMEOUT_SECONDS: "2",
      OPENAI_API_KEY: SECRETS.OPENAI_API_KEY,
      PORT: String(await freePort()),
      LOG_LEVEL: "debug",
    });
    expect(await noDb.exited).toBe(1);
    expect(noDb.output()).toContain("cannot start");
    expect(noDb.output()).toContain("retrying");
    expectNoSecrets(noDb.output());
  });
});
