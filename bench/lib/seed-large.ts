// Seeds a "large" learner-path database for the interaction bench: 10,000 learners, each with
// 10 finished quiz sessions of 10 answers (1,000,000 answers) spread over the last 100 days.
// Bulk SQL, one statement per table on each engine (a row at a time through Prisma would take
// many minutes), then ANALYZE so the planner has statistics, as it would on a database that has
// grown in production (PostgreSQL's autovacuum, SQLite's PRAGMA optimize at start-up).
import type { Db } from "../../src/db/connect";

export const LARGE = { learners: 10_000, sessionsPerLearner: 10, answersPerSession: 10 };

const sqliteStatements = (ws: string) => {
  const sessions = LARGE.learners * LARGE.sessionsPerLearner;
  const answers = sessions * LARGE.answersPerSession;
  // ISO-8601 text is how the SQLite adapter stores DateTime.
  const ts = (minutesAgoExpr: string) =>
    `strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-' || (${minutesAgoExpr}) || ' minutes')`;
  return [
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${LARGE.learners})
     INSERT INTO "Learner" ("id","platform","workspaceId","externalId","displayName","updatedAt")
     SELECT 'seedL' || i, 'discord', '${ws}', 'seed' || i, 'Seed ' || i, ${ts("0")} FROM n`,
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${sessions})
     INSERT INTO "QuizSession" ("id","learnerId","questionIds","position","status","startedAt",
       "finishedAt")
     SELECT 'seedS' || i, 'seedL' || (i / ${LARGE.sessionsPerLearner}), '[]', 10, 'finished',
       ${ts(`(i % ${LARGE.sessionsPerLearner}) * 14400 + 30`)},
       ${ts(`(i % ${LARGE.sessionsPerLearner}) * 14400`)} FROM n`,
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${answers})
     INSERT INTO "Answer" ("id","learnerId","sessionId","questionId","workspaceId","given",
       "correct","score","points","timeTakenMs","createdAt")
     SELECT 'seedA' || i, 'seedL' || (i / ${LARGE.sessionsPerLearner * LARGE.answersPerSession}),
       'seedS' || (i / ${LARGE.answersPerSession}), 'seed-q' || (i % 300), '${ws}', '["a"]',
       i % 3 <> 0, CASE WHEN i % 3 <> 0 THEN 1.0 ELSE 0.0 END, 10, 5000,
       ${ts(`(i / ${LARGE.answersPerSession} % ${LARGE.sessionsPerLearner}) * 14400 + i % 10`)}
     FROM n`,
    "ANALYZE",
  ];
};

const postgresStatements = (ws: string) => {
  const sessions = LARGE.learners * LARGE.sessionsPerLearner;
  const answers = sessions * LARGE.answersPerSession;
  const ago = (minutes: string) => `now() - (${minutes}) * interval '1 minute'`;
  return [
    `INSERT INTO "Learner" ("id","platform","workspaceId","externalId","displayName","updatedAt")
     SELECT 'seedL' || i, 'discord', '${ws}', 'seed' || i, 'Seed ' || i, now()
     FROM generate_series(0, ${LARGE.learners - 1}) i`,
    `INSERT INTO "QuizSession" ("id","learnerId","questionIds","position","status","startedAt",
       "finishedAt")
     SELECT 'seedS' || i, 'seedL' || (i / ${LARGE.sessionsPerLearner}), '[]'::jsonb, 10,
       'finished', ${ago(`(i % ${LARGE.sessionsPerLearner}) * 14400 + 30`)},
       ${ago(`(i % ${LARGE.sessionsPerLearner}) * 14400`)}
     FROM generate_series(0, ${sessions - 1}) i`,
    `INSERT INTO "Answer" ("id","learnerId","sessionId","questionId","workspaceId","given",
       "correct","score","points","timeTakenMs","createdAt")
     SELECT 'seedA' || i, 'seedL' || (i / ${LARGE.sessionsPerLearner * LARGE.answersPerSession}),
       'seedS' || (i / ${LARGE.answersPerSession}), 'seed-q' || (i % 300), '${ws}',
       '["a"]'::jsonb, i % 3 <> 0, CASE WHEN i % 3 <> 0 THEN 1.0 ELSE 0.0 END, 10, 5000,
       ${ago(`(i / ${LARGE.answersPerSession} % ${LARGE.sessionsPerLearner}) * 14400 + i % 10`)}
     FROM generate_series(0, ${answers - 1}) i`,
    // VACUUM and CHECKPOINT too: right after a bulk insert, autovacuum would vacuum the new rows
    // and the checkpointer write them out in the middle of the run (stalling commits behind its
    // I/O); a database that grew in production has had both done long ago.
    "VACUUM ANALYZE",
    "CHECKPOINT",
  ];
};

/** Seeds the large data set in workspace `ws`; returns the seconds it took. */
export async function seedLarge(
  prisma: Db,
  provider: "sqlite" | "postgres",
  ws: string,
): Promise<number> {
  const t0 = performance.now();
  const stmts = provider === "sqlite" ? sqliteStatements(ws) : postgresStatements(ws);
  for (const sql of stmts) await prisma.$executeRawUnsafe(sql);
  return (performance.now() - t0) / 1000;
}
