// Seeds a "large" learner-path database for the interaction bench: 10,000 learners, each with
// 10 finished quiz sessions of 10 answers (1,000,000 answers) spread over the last 100 days, and
// the review card each of those learners has for each question answered (100 each, 1,000,000):
// without cards the Card table's statistics say "empty", and PostgreSQL then plans the answer's
// card lookup as a scan of the whole table, which grows during the run (measured: half the
// database CPU of the paced crowd on the large database went there).
// Bulk SQL, one statement per table on each engine (a row at a time through Prisma would take
// many minutes), then ANALYZE so the planner has statistics, as it would on a database that has
// grown in production (PostgreSQL's autovacuum, SQLite's PRAGMA optimize at start-up).
import type { Db } from "../../src/db/connect";

export const LARGE = { learners: 10_000, sessionsPerLearner: 10, answersPerSession: 10 };

/** Cards per learner: one per distinct question answered (100 answers over 300 questions). */
const perLearner = LARGE.sessionsPerLearner * LARGE.answersPerSession;
const cards = LARGE.learners * perLearner;

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
    // Learner L answered answers L*100 … L*100+99, i.e. questions seed-q(i % 300): 100 distinct.
    // Due from 3.5 days ago to 3.5 days ahead, so some are due for review.
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ${cards})
     INSERT INTO "Card" ("id","learnerId","questionId","due","stability","difficulty",
       "elapsedDays","scheduledDays","reps","lapses","state","lastReview","updatedAt")
     SELECT 'seedC' || i, 'seedL' || (i / ${perLearner}),
       'seed-q' || (i % 300),
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ((i % 1440) * 7 - 5040) || ' minutes'), 3.5, 5.0, 2, 3, 2, 0, 2, ${ts("1440")}, ${ts("1440")}
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
    // Learner L answered answers L*100 … L*100+99, i.e. questions seed-q(i % 300): 100 distinct.
    `INSERT INTO "Card" ("id","learnerId","questionId","due","stability","difficulty",
       "elapsedDays","scheduledDays","reps","lapses","state","lastReview","updatedAt")
     SELECT 'seedC' || i, 'seedL' || (i / ${perLearner}),
       'seed-q' || (i % 300), ${ago(`5040 - (i % 1440) * 7`)}, 3.5, 5.0, 2, 3, 2, 0, 2, ${ago("1440")}, ${ago("1440")}
     FROM generate_series(0, ${cards - 1}) i`,
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
