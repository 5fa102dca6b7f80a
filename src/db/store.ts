// Builds the Store port over one Prisma client, and turns "cannot reach the database" failures
// into UnavailableError so the learner hears "try again shortly" instead of an apology for a bug.
import { UnavailableError, UserError } from "../core/errors";
import type { PrivacyRepo } from "../core/ports/learning";
import type { Store } from "../core/ports/store";
import type { LearnerCache } from "./fast/learner-cache";
import { fastPathOf, type Db } from "./connect";
import { fastAnswerRepo, fastCardRepo, fastCommunityRepo, fastLearnerRepo } from "./fast/repos";
import { fastSessionRepo } from "./fast/sessions";
import { analyticsRepo } from "./repos/analytics";
import { communityRepo } from "./repos/communities";
import { confirmationRepo } from "./repos/confirmations";
import { leaderboardRepo } from "./repos/leaderboard";
import { privacyRepo } from "./repos/privacy";
import { tutorRepo } from "./repos/tutor";
import { reminderRepo } from "./repos/reminders";
import { deliveryRepo, subscriptionRepo } from "./repos/schedule";
import { roundRepo } from "./repos/rounds";
import { leaseRepo } from "./repos/leases";
import { seenRequestRepo } from "./repos/seen-requests";
import { bilingual } from "../core/messages/catalogue";
import { dashboardRepo } from "./repos/dashboard";

import { courseVersionRepo } from "./repos/course-versions";
import { courseRepo } from "./repos/courses";

const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2028",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "57P01",
  "57P02",
  "57P03",
  "57014",
  "53300",
  "08000",
  "08001",
  "08003",
  "08006",
  "P2037",
  "SQLITE_BUSY",
  "SQLITE_CANTOPEN",
]);

export function isUnavailable(e: unknown): boolean {
  const err = e as
    | { code?: string; name?: string; message?: string; cause?: unknown; meta?: { code?: unknown } }
    | undefined;
  if (!err) return false;
  if (err.code && UNAVAILABLE_CODES.has(err.code)) return true;
  // A raw query's driver error (P2010) carries the database's code in meta.
  if (typeof err.meta?.code === "string" && UNAVAILABLE_CODES.has(err.meta.code)) return true;
  if (err.name === "PrismaClientInitializationError") return true;
  if (
    /ECONNREFUSED|Connection terminated|connection timeout|Can't reach database|database is locked|timeout exceeded when trying to connect|expired transaction|Unable to start a transaction in the given time|not queryable|Query read timeout|closed the connection|Transaction already closed/i.test(
      err.message ?? "",
    )
  )
    return true;
  return err.cause !== undefined && err.cause !== e && isUnavailable(err.cause);
}

/**
 * A write that names a learner (or session) deleted a moment ago by a concurrent request, e.g.
 * `/forget-me confirm:yes` racing the same learner's other click: a race the learner can simply
 * retry, not a bug.
 */
export function isVanishedParent(e: unknown): boolean {
  const err = e as { code?: string; message?: string; meta?: { code?: string } } | undefined;
  if (!err) return false;
  return (
    err.code === "P2003" ||
    err.code === "23503" ||
    err.code === "SQLITE_CONSTRAINT_FOREIGNKEY" ||
    err.meta?.code === "23503" ||
    /Foreign key constraint (violated|failed)|FOREIGN KEY constraint failed/i.test(
      err.message ?? "",
    )
  );
}

const VANISHED = bilingual("db.store.yourDataChangedWhile");

/** Wraps every async method of every repository with the unavailable-error mapping. */
function guard<T extends object>(repo: T, opts: { vanishedRow?: boolean } = {}): T {
  const out = {} as T;
  for (const [name, fn] of Object.entries(repo)) {
    (out as Record<string, unknown>)[name] =
      typeof fn !== "function"
        ? fn
        : async (...args: unknown[]) => {
            try {
              return await (fn as (...a: unknown[]) => Promise<unknown>).apply(repo, args);
            } catch (e) {
              if (isUnavailable(e)) throw new UnavailableError("database unavailable", e);
              if (isVanishedParent(e)) throw new UserError(VANISHED, "conflict");
              // P2025: the row to update is gone. For a learner that is a concurrent /forget-me.
              if (opts.vanishedRow && (e as { code?: string }).code === "P2025")
                throw new UserError(VANISHED, "conflict");
              throw e;
            }
          };
  }
  return out;
}

/** Forgetting a learner empties every instance's cached copy (learner-cache.ts). */
function announcing(repo: PrivacyRepo, learners: LearnerCache): PrivacyRepo {
  return {
    ...repo,
    async forgetLearner(learnerId) {
      const counts = await repo.forgetLearner(learnerId);
      await learners.publish(learnerId);
      return counts;
    },
  };
}

/**
 * The store seen by one course: sessions, answers, cards, leaderboards, analytics, tutor threads
 * and new rounds are that course's (`courseId`, default the course the 0006 migration gave
 * existing rows). `forCourse` gives the same store scoped to another course; everything not about
 * a course (learners, settings, leases…) is shared.
 */
export function createStore(db: Db, courseId = LEGACY_COURSE_ID): Store {
  const fast = fastPathOf(db);
  // The learner path runs on the driver under Prisma (src/db/fast); openDatabase opens both.
  if (!fast)
    throw new Error("createStore needs a client opened by openDatabase (src/db/connect.ts)");
  const { raw, learners } = fast;
  const scoped = new Map<string, Store>();
  const store: Store = {
    courseId,
    forCourse(id) {
      if (id === courseId) return store;
      if (!scoped.has(id)) scoped.set(id, createStore(db, id));
      return scoped.get(id)!;
    },
    courses: guard(courseRepo(db)),
    learners: guard(fastLearnerRepo(raw, db, learners), { vanishedRow: true }),
    sessions: guard(fastSessionRepo(raw, courseId, learners)),
    answers: guard(fastAnswerRepo(raw, courseId, db)),
    cards: guard(fastCardRepo(raw, courseId)),
    communities: guard(fastCommunityRepo(raw, communityRepo(db))),
    confirmations: guard(confirmationRepo(db)),
    leaderboard: guard(leaderboardRepo(db, courseId)),
    privacy: guard(announcing(privacyRepo(db), learners)),
    analytics: guard(analyticsRepo(db, courseId)),
    tutor: guard(tutorRepo(db, courseId)),
    subscriptions: guard(subscriptionRepo(db)),
    deliveries: guard(deliveryRepo(db)),
    reminders: guard(reminderRepo(db)),
    rounds: guard(roundRepo(db, courseId)),
    leases: guard(leaseRepo(db)),
    seenRequests: guard(seenRequestRepo(db)),
    dashboard: guard(dashboardRepo(db)),
    courseVersions: guard(courseVersionRepo(db)),
  };
  return store;
}

/** The course id migration 0006 gave every row that existed before courses (today's course). */
export const LEGACY_COURSE_ID = "llm-basics";
