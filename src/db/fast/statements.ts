// Every statement of the learner path (learner lookup, quiz start, answer, Next, summary,
// /progress), in one place so the repositories and the benchmark's floor run the same text.
// Identifiers are double-quoted (PostgreSQL's names are case-sensitive); values are always bound.
import { stmt } from "./driver";

// ── Learner ──────────────────────────────────────────────────────────────────────────────────
export const LEARNER_BY_KEY = stmt(
  `SELECT * FROM "Learner" WHERE "platform" = ? AND "workspaceId" = ? AND "externalId" = ?`,
);
export const LEARNER_BY_ID = stmt(`SELECT * FROM "Learner" WHERE "id" = ?`);
/** Creates the learner, or refreshes the name of one created a moment ago by another request. */
export const LEARNER_UPSERT = stmt(
  `INSERT INTO "Learner" ("id", "platform", "workspaceId", "externalId", "displayName", ` +
    `"createdAt", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?) ` +
    `ON CONFLICT ("platform", "workspaceId", "externalId") DO UPDATE SET "displayName" = ` +
    `CASE WHEN excluded."displayName" = '' THEN "Learner"."displayName" ` +
    `ELSE excluded."displayName" END, "updatedAt" = excluded."updatedAt" RETURNING *`,
);
/** The streak, only if the last active day is still the one the caller saw (see StreakWrite). */
export const STREAK_UPDATE = stmt({
  sqlite:
    `UPDATE "Learner" SET "streakCount" = ?, "streakLastDay" = ?, "streakFreezes" = ?, ` +
    `"updatedAt" = ? WHERE "id" = ? AND "streakLastDay" IS ?`,
  pg:
    `UPDATE "Learner" SET "streakCount" = ?, "streakLastDay" = ?, "streakFreezes" = ?, ` +
    `"updatedAt" = ? WHERE "id" = ? AND "streakLastDay" IS NOT DISTINCT FROM ?::text`,
});

/** /progress reads the community's time zone (its week). */
export const COMMUNITY_BY_KEY = stmt(
  `SELECT * FROM "Community" WHERE "platform" = ? AND "workspaceId" = ?`,
);

/** The NOTIFY channel of learner-cache.ts; the payload is a learner id, or "*" for all. */
export const LEARNER_CHANNEL = "coursebot_learner";
/** Announces a changed learner row to every instance's cache (learner-cache.ts); PostgreSQL. */
export const NOTIFY_LEARNER = stmt({ sqlite: "-- PostgreSQL only", pg: `SELECT pg_notify(?, ?)` });

// ── Sessions ─────────────────────────────────────────────────────────────────────────────────
export const SESSION_BY_ID = stmt(`SELECT * FROM "QuizSession" WHERE "id" = ?`);
const OPEN = `"learnerId" = ? AND "courseId" = ? AND "status" = 'open' ORDER BY "startedAt" DESC LIMIT 1`;
export const SESSION_OPEN = stmt(`SELECT * FROM "QuizSession" WHERE ${OPEN}`);
export const SESSION_INSERT = stmt(
  `INSERT INTO "QuizSession" ("id", "learnerId", "courseId", "mode", "topic", "questionIds", ` +
    `"position", "status", "questionShownAt", "hintsShown", "version", "startedAt") ` +
    `VALUES (?, ?, ?, ?, ?, ?, 0, 'open', ?, 0, 0, ?)`,
);
export const SESSION_ABANDON_OPEN = stmt(
  `UPDATE "QuizSession" SET "status" = 'abandoned', "finishedAt" = ?, "version" = "version" + 1 ` +
    `WHERE "learnerId" = ? AND "courseId" = ? AND "status" = 'open'`,
);
/** A patch's columns: a null parameter keeps the column (SessionPatch's undefined). */
const SESSION_SET =
  `"position" = COALESCE(?, "position"), "status" = COALESCE(?, "status"), ` +
  `"questionShownAt" = COALESCE(?, "questionShownAt"), "hintsShown" = COALESCE(?, "hintsShown"), ` +
  `"finishedAt" = COALESCE(?, "finishedAt"), "version" = "version" + 1`;
/** UPDATE … WHERE id AND version: no row back means another writer won. */
export const SESSION_UPDATE = stmt(
  `UPDATE "QuizSession" SET ${SESSION_SET} WHERE "id" = ? AND "version" = ? RETURNING *`,
);
export const SESSION_MARK_SHOWN = stmt(
  `UPDATE "QuizSession" SET "questionShownAt" = ? ` +
    `WHERE "id" = ? AND "position" = ? AND "status" = 'open'`,
);
/** Next: marks the question shown and returns the session, in one statement. */
export const SESSION_SHOW_AT = stmt(
  `UPDATE "QuizSession" SET "questionShownAt" = ? ` +
    `WHERE "id" = ? AND "learnerId" = ? AND "position" = ? AND "status" = 'open' RETURNING *`,
);
export const SESSION_SHOW_CURRENT = stmt(
  `UPDATE "QuizSession" SET "questionShownAt" = ? ` +
    `WHERE "id" = ? AND "learnerId" = ? AND "status" = 'open' RETURNING *`,
);

// The card of the question at the session's position, read with the session (one statement).
export const CARD_WRITE_COLUMNS = [
  "id",
  "learnerId",
  "courseId",
  "questionId",
  "due",
  "stability",
  "difficulty",
  "elapsedDays",
  "scheduledDays",
  "learningSteps",
  "reps",
  "lapses",
  "state",
  "lastReview",
  "updatedAt",
] as const;
/** The card's own columns (what a CardRecord holds): the written ones less id, course and time. */
const CARD_COLUMNS = CARD_WRITE_COLUMNS.filter(
  (c) => c !== "id" && c !== "courseId" && c !== "updatedAt",
);
const CARD_AS_C = CARD_COLUMNS.map((c) => `c."${c}" AS "c_${c}"`).join(", ");
const withCard = (where: string) => {
  const head = `SELECT s.*, c."id" AS "c_id", ${CARD_AS_C} FROM "QuizSession" s LEFT JOIN "Card" c ON c."learnerId" = s."learnerId" AND c."courseId" = s."courseId" AND c."questionId" = `;
  return stmt({
    sqlite: `${head}json_extract(s."questionIds", '$[' || s."position" || ']') WHERE ${where}`,
    pg: `${head}(s."questionIds" ->> s."position") WHERE ${where}`,
  });
};
export const SESSION_WITH_CARD_BY_ID = withCard(`s."id" = ?`);
export const SESSION_WITH_CARD_OPEN = withCard(
  `s."learnerId" = ? AND s."courseId" = ? AND s."status" = 'open' ORDER BY s."startedAt" DESC LIMIT 1`,
);

// ── Answers ──────────────────────────────────────────────────────────────────────────────────
export const ANSWER_COLUMNS = [
  "id",
  "learnerId",
  "courseId",
  "sessionId",
  "questionId",
  "topic",
  "lessonId",
  "workspaceId",
  "given",
  "correct",
  "score",
  "points",
  "timeTakenMs",
  "hintUsed",
  "firstTry",
  "createdAt",
] as const;
const list = (cols: readonly string[]) => cols.map((c) => `"${c}"`).join(", ");
const marks = (n: number) => Array.from({ length: n }, () => "?").join(", ");
export const ANSWER_INSERT = stmt(
  `INSERT INTO "Answer" (${list(ANSWER_COLUMNS)}) VALUES (${marks(ANSWER_COLUMNS.length)})`,
);
export const ANSWERS_BY_SESSION = stmt(
  `SELECT * FROM "Answer" WHERE "sessionId" = ? ORDER BY "createdAt" ASC`,
);
const BY_LEARNER = `SELECT * FROM "Answer" WHERE "learnerId" = ? AND "courseId" = ?`;
/** listByLearner's four shapes: [since][limit]. */
export const ANSWERS_BY_LEARNER = [
  [
    stmt(`${BY_LEARNER} ORDER BY "createdAt" ASC`),
    stmt(`${BY_LEARNER} ORDER BY "createdAt" ASC LIMIT ?`),
  ],
  [
    stmt(`${BY_LEARNER} AND "createdAt" >= ? ORDER BY "createdAt" ASC`),
    stmt(`${BY_LEARNER} AND "createdAt" >= ? ORDER BY "createdAt" ASC LIMIT ?`),
  ],
] as const;
export const ANSWERED_BEFORE = stmt(
  `SELECT 1 AS "one" FROM "Answer" WHERE "learnerId" = ? AND "courseId" = ? AND "questionId" = ? LIMIT 1`,
);

// ── Cards ────────────────────────────────────────────────────────────────────────────────────
const CARD_STATE = CARD_WRITE_COLUMNS.slice(4);
const ON_CARD_CONFLICT =
  `ON CONFLICT ("learnerId", "courseId", "questionId") DO UPDATE SET ` +
  CARD_STATE.map((c) => `"${c}" = excluded."${c}"`).join(", ");
export const CARD_UPSERT = stmt(
  `INSERT INTO "Card" (${list(CARD_WRITE_COLUMNS)}) VALUES (${marks(CARD_WRITE_COLUMNS.length)}) ` +
    ON_CARD_CONFLICT,
);
const CARDS = `SELECT * FROM "Card" WHERE "learnerId" = ? AND "courseId" = ?`;
export const CARD_GET = stmt(`${CARDS} AND "questionId" = ?`);
export const CARDS_BY_LEARNER = stmt(`${CARDS} ORDER BY "due" ASC, "questionId" ASC`);
export const CARDS_DUE = [
  stmt(`${CARDS} AND "due" <= ? ORDER BY "due" ASC, "questionId" ASC`),
  stmt(`${CARDS} AND "due" <= ? ORDER BY "due" ASC, "questionId" ASC LIMIT ?`),
] as const;
export const CARDS_COUNT_DUE = stmt(
  `SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "Card" WHERE "learnerId" = ? AND "courseId" = ? AND "due" <= ?`,
);
export const CARD_NEXT_DUE = stmt(
  `SELECT MIN("due") AS "due" FROM "Card" WHERE "learnerId" = ? AND "courseId" = ?`,
);

// ── The answer on PostgreSQL: one atomic statement ───────────────────────────────────────────
// The session's conditional update, the answer, the card and the streak in one round trip. Each
// write reads from `s`, so when the version is stale (no row) nothing is written at all.
// Parameters: session SET (5), id, version; answer (15, courseId from s); card 14 + flag (courseId
// from s); streak: 4 values, flag, learner id, previous day.
const answerSelect = [
  "?::text",
  "?::text",
  `s."courseId"`,
  "?::text",
  "?::text",
  "?::text",
  "?::text",
  "?::text",
  "?::jsonb",
  "?::boolean",
  "?::double precision",
  "?::integer",
  "?::integer",
  "?::boolean",
  "?::boolean",
  "?::timestamp(3)",
].join(", ");
const cardSelect = [
  "?::text",
  "?::text",
  `s."courseId"`,
  "?::text",
  "?::timestamp(3)",
  "?::double precision",
  "?::double precision",
  "?::integer",
  "?::integer",
  "?::integer",
  "?::integer",
  "?::integer",
  "?::integer",
  "?::timestamp(3)",
  "?::timestamp(3)",
].join(", ");
export const PG_ANSWER = stmt({
  sqlite: "-- PostgreSQL only",
  pg:
    `WITH s AS (UPDATE "QuizSession" SET ${SESSION_SET} WHERE "id" = ? AND "version" = ? RETURNING *), ` +
    `a AS (INSERT INTO "Answer" (${list(ANSWER_COLUMNS)}) SELECT ${answerSelect} FROM s), ` +
    `c AS (INSERT INTO "Card" (${list(CARD_WRITE_COLUMNS)}) SELECT ${cardSelect} FROM s ` +
    `WHERE ?::boolean ${ON_CARD_CONFLICT}), ` +
    `l AS (UPDATE "Learner" SET "streakCount" = ?::integer, "streakLastDay" = ?::text, ` +
    `"streakFreezes" = ?::integer, "updatedAt" = ?::timestamp(3) WHERE ?::boolean AND "id" = ?::text ` +
    `AND "streakLastDay" IS NOT DISTINCT FROM ?::text AND EXISTS (SELECT 1 FROM s) RETURNING "id") ` +
    // A changed streak is announced to every instance's learner cache (delivered on commit).
    `SELECT s.*, (SELECT pg_notify('${LEARNER_CHANNEL}', l."id") FROM l) AS "notified" FROM s`,
});
