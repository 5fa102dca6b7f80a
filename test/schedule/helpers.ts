// Test doubles for lesson delivery: a sender that records (and can fail), and a tick runner.
import { CONSOLE } from "../../src/adapters/console/identity";
import type { LearnerKey } from "../../src/core/ports/learners";
import type { LessonSender } from "../../src/core/ports/lesson-sender";
import type { SubscriptionRecord } from "../../src/core/ports/schedule";
import type { Reply } from "../../src/core/reply";
import { runTick } from "../../src/core/schedule/deliver";
import { DEFAULT_RULES } from "../../src/core/schedule/due";
import type { LessonSettings } from "../../src/core/schedule/settings";
import { nodeCronParser } from "../../src/app/scheduler/cron-parser";
import type { TestApp } from "../helpers/app";

export interface Sent {
  subscriptionId: string;
  title?: string;
  at: Date;
  reply: Reply;
}

export class RecordingSender implements LessonSender {
  sent: Sent[] = [];
  direct: { learner: LearnerKey; reply: Reply; at: Date }[] = [];
  /** Number of upcoming sends that throw. */
  failNext = 0;
  failWith: Error = new Error("platform said 500");
  /** A text-only sender, like the terminal's, unless it stands in for a chat platform. */
  readonly textOnly: boolean;
  constructor(
    readonly clock: { now(): Date },
    readonly platform = "console",
  ) {
    this.textOnly = platform === CONSOLE.name;
  }
  async send(sub: SubscriptionRecord, reply: Reply) {
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failWith;
    }
    this.sent.push({ subscriptionId: sub.id, title: reply.title, at: this.clock.now(), reply });
  }
  async sendDirect(learner: LearnerKey, reply: Reply) {
    if (this.failNext > 0) {
      this.failNext--;
      throw this.failWith;
    }
    this.direct.push({ learner, reply, at: this.clock.now() });
  }
}

export const testSettings = (over: Partial<LessonSettings["rules"]> = {}): LessonSettings => ({
  rules: { ...DEFAULT_RULES, ...over },
  cron: nodeCronParser,
  reminderTime: "09:00",
});

export function ticker(
  app: TestApp,
  sender: LessonSender,
  settings = testSettings(),
  instanceId = "test-instance",
) {
  const { index, store, clock, logger, metrics } = app.services;
  return () =>
    runTick({ index, store, clock, logger, metrics, senders: [sender], settings, instanceId });
}
