// End to end through `npm start`'s entry point: a piped console session grades both answers,
// explains them, writes the rows, keeps progress across runs, and refuses to start on broken content.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const tmp = mkdtempSync(join(tmpdir(), "coursebot-e2e-"));
const dbFile = join(tmp, "e2e.db");

function start(input: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    input,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      DATABASE_URL: `file:${dbFile}`,
      CONSOLE_USER: "e2e-learner",
      LOG_LEVEL: "warn",
      ...env,
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("console chat through the start command", () => {
  it("runs the piped quiz from the README: grades, explains, records and reports progress", () => {
    const r = start("/quiz topic:units count:2\n1\n2\n/progress\n");
    expect(r.err).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Quiz on Parameters and units: 2 questions/);
    // Two verdicts, each followed by the explanation and the source.
    expect(r.out.match(/(✅ Correct!|❌ Not quite\.|🟡 Partly right)/g)?.length).toBe(2);
    expect(r.out.match(/Source: /g)?.length).toBe(2);
    expect(r.out).toMatch(/Quiz finished/);
    expect(r.out).toMatch(/2 answered/);

    const db = new Database(dbFile, { readonly: true });
    const answers = db
      .prepare(
        `SELECT a."questionId", a."correct", a."given" FROM "Answer" a JOIN "Learner" l ON l.id = a."learnerId" WHERE l."externalId" = 'e2e-learner'`,
      )
      .all();
    const sessions = db.prepare(`SELECT status, position FROM "QuizSession"`).all();
    db.close();
    expect(answers).toHaveLength(2);
    expect(sessions).toEqual([{ status: "finished", position: 2 }]);
  });

  it("keeps the first run's progress in a second run, and records nothing for a malformed answer", () => {
    const r = start("/quiz topic:units count:1\n/progress\n");
    expect(r.out).toMatch(/2 answered/);
    const malformed = start(
      "/quiz topic:units count:1\nthis is not an answer at all!!\n/skip\n/progress\n",
    );
    expect(malformed.out).toMatch(
      /(not one of the options|Type a number|Put all|Match all|Could not read|true or false|Pick one option)/,
    );
    expect(malformed.out).toMatch(/2 answered/);
  });

  it("answers in Chinese once the learner chooses it", () => {
    const r = start("/settings language zh\n/quiz topic:units count:1\n/skip\n");
    expect(r.out).toMatch(/好的，之后用中文/);
    expect(r.out).toMatch(/第 ?1\/1 ?题|测验结束/);
  });

  it("refuses to start on broken content, naming the file and the field", () => {
    const dir = mkdtempSync(join(tmpdir(), "coursebot-bad-content-"));
    cpSync("content/llm-basics", dir, { recursive: true });
    const file = join(dir, "questions/l02-parameters.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("difficulty: 2", "difficulty: 9"));
    const r = start("/help\n", { CONTENT_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/questions\/l02-parameters\.yaml: [a-z0-9-]+\.difficulty/);
  });

  it("refuses to start on a bad variable, naming it", () => {
    const r = start("/help\n", { PORT: "not-a-port" });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/PORT: PORT must be a port number/);
  });
});
