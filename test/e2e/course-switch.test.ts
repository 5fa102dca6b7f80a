// End to end through `npm start`'s entry point: the terminal chat switches to the second course
// with /course use, quizzes from it, keeps the choice across runs, and a Chinese-reading learner
// is told once that the course is in English only.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";

const tmp = mkdtempSync(join(tmpdir(), "coursebot-e2e-course-"));
const dbFile = join(tmp, "e2e.db");

function start(input: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
    input,
    encoding: "utf8",
    timeout: 60_000,
    env: {
      ...process.env,
      DATABASE_URL: `file:${dbFile}`,
      CONSOLE_USER: "e2e-switcher",
      LOG_LEVEL: "warn",
    },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("switching course in the terminal chat", () => {
  it("/course use http-basics: quizzes come from it, and the choice survives a restart", () => {
    const first = start(
      "/course list\n/course use id:http-basics\n/quiz topic:versions count:1\n/skip\n",
    );
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/▶ Large Language Models, the Basics \(llm-basics\)/);
    expect(first.out).toMatch(
      /• HTTP Basics \(http-basics\): 2 lessons, 19 questions; languages: English/,
    );
    expect(first.out).toMatch(/This community now runs HTTP Basics/);
    expect(first.out).toMatch(/== Question 1\/1/);
    const db = new Database(dbFile, { readonly: true });
    const sessions = db.prepare(`SELECT "courseId", "questionIds" FROM "QuizSession"`).all() as {
      courseId: string;
      questionIds: string;
    }[];
    db.close();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].courseId).toBe("http-basics");
    expect(JSON.parse(sessions[0].questionIds)[0]).toMatch(/^http/);

    const second = start("/course info\n");
    expect(second.out).toMatch(/HTTP Basics \(http-basics\).*chosen for this community/);
  });

  it("a learner reading Chinese is told once that the course is English only", () => {
    const r = start("/settings language zh\n/topics\n/topics\n");
    const note = "本课程只有英文版，课程内容以英文显示。";
    expect(r.out.split(note)).toHaveLength(2); // exactly once
    expect(r.out).toMatch(/Requests and methods/);
    const again = start("/topics\n");
    expect(again.out).not.toContain(note);
  });
});
