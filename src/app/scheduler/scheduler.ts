// Runs the lesson tick on a node-cron schedule (LESSON_TICK_CRON, every minute by default).
// node-cron only wakes us up; what is due and who sends it is decided by the core and the
// database claim, so any number of instances may run this at once.
import type { MetricsPort } from "../../core/ports/metrics";
import cron, { type ScheduledTask } from "node-cron";
import type { Clock } from "../../core/clock";
import type { Catalogue } from "../../core/content/catalogue";
import type { CourseIndex } from "../../core/content/model";
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { Logger } from "../../core/ports/logger";
import type { Store } from "../../core/ports/store";
import { runTick, type TickResult } from "../../core/schedule/deliver";
import { DEFAULT_LESSON_SETTINGS, type LessonSettings } from "../../core/schedule/settings";
import { newInstanceId } from "../instance-id";
import { UnavailableError } from "../../core/errors";

export interface SchedulerOptions {
  index: CourseIndex;
  catalogue?: Catalogue;
  store: Store;
  clock: Clock;
  logger: Logger;
  senders: LessonSender[];
  settings?: LessonSettings;
  /** node-cron expression for the tick (default every minute). */
  tickCron?: string;
  instanceId?: string;
  concurrency?: number;
  metrics?: MetricsPort;
  /** When several instances share the database: tick only while holding the delivery lease (delivery-lease.ts). */
  lease?: { gate(): Promise<boolean>; active(): boolean };
}

export interface Scheduler {
  instanceId: string;
  /** Runs one tick now (tests, and the cron task). Ticks never overlap within one scheduler. */
  tick(): Promise<TickResult | undefined>;
  start(): void;
  stop(): Promise<void>;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  const instanceId = opts.instanceId ?? newInstanceId();
  const settings = opts.settings ?? DEFAULT_LESSON_SETTINGS;
  let running: Promise<TickResult | undefined> | undefined;
  let task: ScheduledTask | undefined;

  async function once(): Promise<TickResult | undefined> {
    try {
      if (opts.lease && !(await opts.lease.gate())) return undefined; // a peer delivers
      const r = await runTick({ ...opts, settings, instanceId, active: opts.lease?.active });
      if (r.sent || r.failed || r.skipped || r.reminders)
        opts.logger.info({ ...r, instance: instanceId }, "lesson tick");
      return r;
    } catch (e) {
      // A database outage or bug in one tick must not stop the next one.
      (e instanceof UnavailableError ? opts.logger.warn : opts.logger.error)(
        { err: (e as Error)?.message ?? String(e), instance: instanceId },
        "lesson tick failed",
      );
      return undefined;
    }
  }

  return {
    instanceId,
    tick() {
      running ??= once().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (task || opts.senders.length === 0) return;
      task = cron.schedule(opts.tickCron ?? "* * * * *", () => this.tick(), {
        name: `lessons:${instanceId}`,
        noOverlap: true,
      });
    },
    async stop() {
      const t = task;
      task = undefined;
      await t?.destroy();
      await running;
    },
  };
}
