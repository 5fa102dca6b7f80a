// One scheduler tick: find due occurrences, claim each in the database, send it through the
// platform's LessonSender, mark it sent or failed; take over retries and dead claims; send
// review reminders. Every instance runs the same tick; the unique claim row decides who sends.
import type { MetricsPort } from "../ports/metrics";
import type { Clock } from "../clock";
import type { Catalogue } from "../content/catalogue";
import type { CourseIndex } from "../content/model";
import type { LessonSender } from "../ports/lesson-sender";
import type { Logger } from "../ports/logger";
import type { DeliveryRecord, SubscriptionRecord } from "../ports/schedule";
import type { Store } from "../ports/store";
import { MAX_SKIPS_RECORDED, nextRetryAt, planDue, searchFrom } from "./due";
import { lessonReply } from "./lesson-message";
import { occurrencesBetween, scheduleOf } from "./occurrences";
import { sendReminders } from "./remind";
import type { LessonSettings } from "./settings";

export interface TickDeps {
  /** The default course: subscriptions whose course the catalogue lacks get its lessons. */
  index: CourseIndex;
  /** Every course; each subscription posts the lessons of its own course (courseId). */
  catalogue?: Catalogue;
  store: Store;
  clock: Clock;
  logger: Logger;
  senders: LessonSender[];
  /** Names this instance in claims (claimedBy), for logs and stale-claim takeover. */
  instanceId: string;
  settings: LessonSettings;
  /** Sends in flight at once (the platform's own rate limit is honoured inside each sender). */
  concurrency?: number;
  metrics?: MetricsPort;
  /** Whether to keep claiming occurrences (false once another instance took over delivery). */
  active?: () => boolean;
}

export interface TickResult {
  sent: number;
  failed: number;
  /** Occurrences recorded as skipped (stale or superseded after downtime). */
  skipped: number;
  /** Claims lost to another instance (the occurrence is theirs). */
  lost: number;
  reminders: number;
}

type Job =
  | { sub: SubscriptionRecord; occurrenceAt: Date }
  | { sub: SubscriptionRecord; retry: DeliveryRecord };

const ID_CHUNK = 5000;
const RETRY_BATCH = 1000;

/** The course a subscription follows. */
function courseOf(deps: TickDeps, sub: SubscriptionRecord): CourseIndex {
  return deps.catalogue?.get(sub.courseId) ?? deps.index;
}

export async function mapPool<T>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
}

export async function runTick(deps: TickDeps): Promise<TickResult> {
  const { store, clock, logger, settings, instanceId } = deps;
  const { rules } = settings;
  const result: TickResult = { sent: 0, failed: 0, skipped: 0, lost: 0, reminders: 0 };
  const senders = new Map(deps.senders.map((s) => [s.platform, s]));
  const platforms = [...senders.keys()];
  if (platforms.length === 0) return result;
  const now = clock.now();

  const subs = await store.subscriptions.listActive(platforms);
  const byId = new Map(subs.map((s) => [s.id, s]));
  const last = new Map<string, Date>();
  for (let i = 0; i < subs.length; i += ID_CHUNK)
    for (const [k, v] of await store.deliveries.lastOccurrences(
      subs.slice(i, i + ID_CHUNK).map((s) => s.id),
      now,
    ))
      last.set(k, v);

  const jobs: Job[] = [];
  for (const sub of subs) {
    // The course is complete for this target.
    if (sub.nextLesson >= courseOf(deps, sub).course.lessons.length) continue;
    let passed: Date[];
    try {
      passed = occurrencesBetween(
        scheduleOf(sub, settings.cron),
        searchFrom(last.get(sub.id), sub.scheduleFrom, now, rules),
        now,
        MAX_SKIPS_RECORDED + 1,
      );
    } catch (e) {
      logger.warn(
        { subscription: sub.id, err: (e as Error).message },
        "subscription schedule unusable",
      );
      continue;
    }
    const plan = planDue(passed, now, rules);
    for (const s of plan.skip) {
      if (
        await store.deliveries.recordSkipped({
          subscriptionId: sub.id,
          occurrenceAt: s.at,
          lessonIndex: sub.nextLesson,
          reason: s.reason,
          now,
        })
      ) {
        result.skipped++;
        deps.metrics?.lessonDeliveries.inc({ outcome: "skipped" });
        logger.info(
          { subscription: sub.id, occurrence: s.at.toISOString(), reason: s.reason },
          "lesson occurrence skipped",
        );
      }
    }
    if (plan.deliver) jobs.push({ sub, occurrenceAt: plan.deliver });
  }
  for (const d of await store.deliveries.listRetryable(
    platforms,
    now,
    new Date(now.getTime() - rules.leaseMs),
    RETRY_BATCH,
  )) {
    const sub = byId.get(d.subscriptionId);
    if (sub) jobs.push({ sub, retry: d });
  }

  // Instances start at different points of the list so they rarely contend for the same rows.
  const offset = jobs.length ? Math.floor(Math.random() * jobs.length) : 0;
  const ordered = [...jobs.slice(offset), ...jobs.slice(0, offset)];
  await mapPool(ordered, deps.concurrency ?? 8, async (job) => {
    if (deps.active && !deps.active()) return; // the rest is the new deliverer's
    const t = clock.now();
    const claimed =
      "retry" in job
        ? await store.deliveries.reclaim(job.retry, instanceId, t)
        : await store.deliveries.claim({
            subscriptionId: job.sub.id,
            occurrenceAt: job.occurrenceAt,
            lessonIndex: job.sub.nextLesson,
            instanceId,
            now: t,
          });
    if (!claimed) {
      result.lost++;
      return;
    }
    // A retry of a row still "claimed" takes over from an instance that died mid-send.
    const takeover = "retry" in job && job.retry.status === "claimed";
    const outcome = await renewingWhile(deps, claimed.id, () =>
      sendClaimed(deps, senders.get(job.sub.platform)!, job.sub, claimed, takeover),
    );
    if (outcome === "sent") result.sent++;
    else if (outcome === "failed") result.failed++;
  });

  result.reminders = await sendReminders({ ...deps, senders, now });
  return result;
}

/**
 * Renews the claim every third of the lease while its send runs (a send may wait out rate
 * limits), so the lease can be short: a claim whose instance died is taken over within one lease,
 * not minutes later, and a live one never is.
 */
async function renewingWhile<T>(deps: TickDeps, id: string, send: () => Promise<T>): Promise<T> {
  const every = Math.max(1_000, Math.floor(deps.settings.rules.leaseMs / 3));
  const timer = setInterval(() => {
    deps.store.deliveries
      .renewClaim(id, deps.instanceId, deps.clock.now())
      .catch((e) =>
        deps.logger.warn({ delivery: id, err: String(e) }, "renewing a lesson claim failed"),
      );
  }, every);
  timer.unref?.();
  try {
    return await send();
  } finally {
    clearInterval(timer);
  }
}

async function sendClaimed(
  deps: TickDeps,
  sender: LessonSender,
  sub: SubscriptionRecord,
  d: DeliveryRecord,
  takeover: boolean,
): Promise<"sent" | "failed" | "dropped"> {
  const { store, clock, logger, settings, instanceId } = deps;
  const log = {
    subscription: sub.id,
    occurrence: d.occurrenceAt.toISOString(),
    attempt: d.attempts,
    lesson: d.lessonIndex,
  };
  const index = courseOf(deps, sub);
  if (d.lessonIndex >= index.course.lessons.length || d.lessonIndex < sub.nextLesson) {
    // A retry whose lesson was posted since (by /lesson now or a newer occurrence), or that left the course.
    await store.deliveries.markFailed(
      d.id,
      instanceId,
      "superseded: lesson already posted or removed",
      null,
    );
    return "dropped";
  }
  if (d.attempts > settings.rules.maxAttempts) {
    // Taken over from dead claimers more often than the retry budget allows: a message that
    // kills its sender must not be re-tried forever.
    await store.deliveries.markFailed(
      d.id,
      instanceId,
      "gave up: the sending instance stopped mid-send too often",
      null,
    );
    return "failed";
  }
  try {
    await sender.send(
      sub,
      lessonReply(index, d.lessonIndex, sub.locale, {
        notesBaseUrl: settings.notesBaseUrl,
        textOnly: sender.textOnly === true,
      }),
      { id: d.id, takeover },
    );
  } catch (e) {
    const permanent = (e as { permanent?: boolean }).permanent === true;
    const retryAt = nextRetryAt(d.attempts, clock.now(), settings.rules, permanent);
    const message = String((e as Error)?.message ?? e).slice(0, 500);
    await store.deliveries.markFailed(d.id, instanceId, message, retryAt);
    deps.metrics?.lessonDeliveries.inc({ outcome: retryAt ? "retried" : "failed" });
    logger.warn(
      { ...log, err: message, retryAt: retryAt?.toISOString() ?? null },
      retryAt ? "lesson send failed; will retry" : "lesson send failed for good",
    );
    return "failed";
  }
  deps.metrics?.lessonDeliveries.inc({ outcome: "sent" });
  if (!(await store.deliveries.markSent(d, instanceId, clock.now())))
    logger.warn(log, "lesson sent but the claim was taken over meanwhile (lease too short?)");
  else logger.debug(log, "lesson sent");
  return "sent";
}
