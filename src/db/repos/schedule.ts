// SubscriptionRepo and DeliveryRepo over Prisma. A claim is an INSERT of the unique
// (subscriptionId, occurrenceAt) row: a unique violation means another instance owns the
// occurrence. Take-overs (retries, dead claims) are conditional UPDATEs on the row as it was read.
// A subscription's target has a unique key (targetKey), so subscribing is an upsert on it.
import { randomUUID } from "node:crypto";
import type { Locale } from "../../core/i18n";
import type {
  DeliveryRecord,
  DeliveryRepo,
  DeliveryStatus,
  SubscriptionRecord,
  SubscriptionRepo,
  SubscriptionTarget,
} from "../../core/ports/schedule";
import { subscriptionKey } from "../../core/schedule/target";
import type { Db } from "../connect";

type SubRow = Awaited<ReturnType<Db["subscription"]["findUniqueOrThrow"]>>;
type DeliveryRow = Awaited<ReturnType<Db["delivery"]["findUniqueOrThrow"]>>;

export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!err) return false;
  if (err.code === "P2002" || err.code === "23505" || err.code === "SQLITE_CONSTRAINT_UNIQUE")
    return true;
  if (/Unique constraint failed|duplicate key value/i.test(err.message ?? "")) return true;
  return err.cause !== undefined && err.cause !== e && isUniqueViolation(err.cause);
}

export function toSub(r: SubRow): SubscriptionRecord {
  return {
    id: r.id,
    platform: r.platform,
    workspaceId: r.workspaceId,
    channelId: r.channelId,
    learnerExternalId: r.learnerExternalId,
    courseId: r.courseId,
    nextLesson: r.nextLesson,
    timeZone: r.timeZone,
    weekday: r.weekday,
    time: r.time,
    cron: r.cron,
    locale: (r.locale === "zh" ? "zh" : "en") as Locale,
    active: r.active,
    createdAt: r.createdAt,
    scheduleFrom: r.scheduleFrom ?? r.createdAt,
  };
}

export function toDelivery(r: DeliveryRow): DeliveryRecord {
  return {
    id: r.id,
    subscriptionId: r.subscriptionId,
    occurrenceAt: r.occurrenceAt,
    lessonIndex: r.lessonIndex,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    lastError: r.lastError,
    claimedBy: r.claimedBy,
    claimedAt: r.claimedAt,
    nextAttemptAt: r.nextAttemptAt,
    sentAt: r.sentAt,
  };
}

/** Tries per upsert: each lost race means a concurrent call inserted or deleted the row; three is plenty. */
const UPSERT_TRIES = 3;

export function subscriptionRepo(db: Db): SubscriptionRepo {
  // A learner's own subscription is keyed by who they are, not by the DM channel id (the console
  // has none, and platforms may hand out a new DM channel).
  const byTarget = async (t: SubscriptionTarget) =>
    db.subscription.findUnique({ where: { targetKey: subscriptionKey(t) } });
  return {
    async create(data) {
      return toSub(
        await db.subscription.create({
          data: { ...data, targetKey: subscriptionKey(data), active: true },
        }),
      );
    },
    async upsert(create, update) {
      // Update first, insert if there was nothing to update; a unique violation on the insert
      // means a concurrent call inserted the row in between, so go round and update it. No
      // transaction or lock: the unique targetKey makes the outcome one row on both engines.
      const targetKey = subscriptionKey(create);
      for (let i = 0; i < UPSERT_TRIES; i++) {
        const { count } = await db.subscription.updateMany({
          where: { targetKey },
          data: { ...update, active: true },
        });
        if (count === 1) {
          const row = await db.subscription.findUnique({ where: { targetKey } });
          if (row) return toSub(row);
          continue; // erased in between (/privacy delete): insert afresh
        }
        try {
          return toSub(
            await db.subscription.create({ data: { ...create, targetKey, active: true } }),
          );
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
        }
      }
      throw new Error(`subscription upsert for ${targetKey} kept racing`);
    },
    async get(id) {
      const r = await db.subscription.findUnique({ where: { id } });
      return r ? toSub(r) : null;
    },
    async findActive(t) {
      const r = await byTarget(t);
      return r?.active ? toSub(r) : null;
    },
    async findForTarget(t) {
      const r = await byTarget(t);
      return r ? toSub(r) : null;
    },
    async listActiveInWorkspace(platform, workspaceId) {
      return (
        await db.subscription.findMany({
          where: { platform, workspaceId, active: true },
          orderBy: { createdAt: "asc" },
        })
      ).map(toSub);
    },
    async listActive(platforms) {
      return (
        await db.subscription.findMany({ where: { active: true, platform: { in: platforms } } })
      ).map(toSub);
    },
    async deactivate(id) {
      await db.subscription.updateMany({ where: { id }, data: { active: false } });
    },
    async advanceLesson(id, to) {
      await db.subscription.updateMany({
        where: { id, nextLesson: { lt: to } },
        data: { nextLesson: to },
      });
    },
  };
}

type NewDelivery = Omit<DeliveryRecord, "id">;

/** claimedBy of a hand-posted lesson (/lesson now): no user id, so nothing personal outlives /forget-me. */
export const MANUAL_CLAIM = "manual";

export function deliveryRepo(db: Db): DeliveryRepo {
  // On PostgreSQL a conflicting INSERT is answered with "0 rows" (ON CONFLICT DO NOTHING) instead
  // of an error, which is several times cheaper when instances race for the same occurrences.
  // SQLite has no skipDuplicates in Prisma, so there the unique violation is caught.
  const postgres = (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
  /** Inserts the row; null when (subscriptionId, occurrenceAt) already exists. */
  async function insert(data: NewDelivery): Promise<DeliveryRecord | null> {
    const row = { id: `d${randomUUID().replace(/-/g, "")}`, ...data };
    try {
      const { count } = await db.delivery.createMany({
        data: [row],
        ...(postgres ? { skipDuplicates: true } : {}),
      } as Parameters<Db["delivery"]["createMany"]>[0]);
      return count === 1 ? row : null;
    } catch (e) {
      if (isUniqueViolation(e)) return null;
      throw e;
    }
  }
  const blank = {
    lastError: null,
    claimedBy: null,
    claimedAt: null,
    nextAttemptAt: null,
    sentAt: null,
  };
  return {
    async lastOccurrences(ids, upTo) {
      if (ids.length === 0) return new Map();
      const rows = await db.delivery.groupBy({
        by: ["subscriptionId"],
        where: { subscriptionId: { in: ids }, occurrenceAt: { lte: upTo } },
        _max: { occurrenceAt: true },
      });
      return new Map(
        rows
          .filter((r) => r._max.occurrenceAt)
          .map((r) => [r.subscriptionId, r._max.occurrenceAt as Date]),
      );
    },
    async recordedAfter(ids, after) {
      const out = new Map<string, Date[]>();
      if (ids.length === 0) return out;
      const rows = await db.delivery.findMany({
        where: { subscriptionId: { in: ids }, occurrenceAt: { gt: after } },
        select: { subscriptionId: true, occurrenceAt: true },
        orderBy: { occurrenceAt: "asc" },
      });
      for (const r of rows)
        out.set(r.subscriptionId, [...(out.get(r.subscriptionId) ?? []), r.occurrenceAt]);
      return out;
    },
    async dropSkipped(subscriptionId, occurrences) {
      if (occurrences.length === 0) return 0;
      return (
        await db.delivery.deleteMany({
          where: { subscriptionId, status: "skipped", occurrenceAt: { in: occurrences } },
        })
      ).count;
    },
    async claim({ subscriptionId, occurrenceAt, lessonIndex, instanceId, now }) {
      return insert({
        ...blank,
        subscriptionId,
        occurrenceAt,
        lessonIndex,
        status: "claimed",
        attempts: 1,
        claimedBy: instanceId,
        claimedAt: now,
      });
    },
    async recordSkipped({ subscriptionId, occurrenceAt, lessonIndex, reason, now }) {
      return (
        (await insert({
          ...blank,
          subscriptionId,
          occurrenceAt,
          lessonIndex,
          status: "skipped",
          attempts: 0,
          lastError: reason.slice(0, 500),
          claimedAt: now,
        })) !== null
      );
    },
    async recordManual({ subscriptionId, occurrenceAt, lessonIndex }) {
      return db.$transaction(async (tx) => {
        let row: DeliveryRow;
        try {
          row = await tx.delivery.create({
            data: {
              subscriptionId,
              occurrenceAt,
              lessonIndex,
              status: "sent",
              attempts: 1,
              claimedBy: MANUAL_CLAIM,
              claimedAt: occurrenceAt,
              sentAt: occurrenceAt,
            },
          });
        } catch (e) {
          if (isUniqueViolation(e)) return null;
          throw e;
        }
        await tx.subscription.updateMany({
          where: { id: subscriptionId, nextLesson: { lte: lessonIndex } },
          data: { nextLesson: lessonIndex + 1 },
        });
        return toDelivery(row);
      });
    },
    async listRetryable(platforms, now, staleBefore, limit) {
      const rows = await db.delivery.findMany({
        where: {
          subscription: { active: true, platform: { in: platforms } },
          OR: [
            { status: "failed", nextAttemptAt: { lte: now } },
            { status: "claimed", claimedAt: { lte: staleBefore } },
          ],
        },
        orderBy: { occurrenceAt: "asc" },
        take: limit,
      });
      return rows.map(toDelivery);
    },
    async reclaim(d, instanceId, now) {
      const { count } = await db.delivery.updateMany({
        where: { id: d.id, status: d.status, attempts: d.attempts },
        data: {
          status: "claimed",
          claimedBy: instanceId,
          claimedAt: now,
          attempts: { increment: 1 },
          nextAttemptAt: null,
        },
      });
      return count === 1
        ? toDelivery(await db.delivery.findUniqueOrThrow({ where: { id: d.id } }))
        : null;
    },
    async renewClaim(id, instanceId, now) {
      const { count } = await db.delivery.updateMany({
        where: { id, status: "claimed", claimedBy: instanceId },
        data: { claimedAt: now },
      });
      return count > 0;
    },
    async markSent(d, instanceId, now) {
      // A batch transaction (one round trip) rather than an interactive one: the advance is
      // "nextLesson = lessonIndex + 1 unless already beyond", the same whoever runs it.
      const [marked] = await db.$transaction([
        db.delivery.updateMany({
          where: { id: d.id, status: "claimed", claimedBy: instanceId },
          data: { status: "sent", sentAt: now, nextAttemptAt: null, lastError: null },
        }),
        db.subscription.updateMany({
          where: { id: d.subscriptionId, nextLesson: { lte: d.lessonIndex } },
          data: { nextLesson: d.lessonIndex + 1 },
        }),
      ]);
      return marked.count === 1;
    },
    async markFailed(id, instanceId, error, nextAttemptAt) {
      const { count } = await db.delivery.updateMany({
        where: { id, status: "claimed", claimedBy: instanceId },
        data: { status: "failed", lastError: error.slice(0, 500), nextAttemptAt },
      });
      return count === 1;
    },
    async listRecent(subscriptionId, limit) {
      return (
        await db.delivery.findMany({
          where: { subscriptionId },
          orderBy: { occurrenceAt: "desc" },
          take: limit,
        })
      ).map(toDelivery);
    },
  };
}
