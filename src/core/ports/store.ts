// Everything the core needs from storage, as one object. Implemented over Prisma in src/db.
import type { LearnerRepo } from "./learners";
import type { AnswerRepo, SessionRepo } from "./quiz";
import type { DeliveryRepo, ReminderRepo, SubscriptionRepo } from "./schedule";

export interface Store {
  learners: LearnerRepo;
  sessions: SessionRepo;
  answers: AnswerRepo;
  subscriptions: SubscriptionRepo;
  deliveries: DeliveryRepo;
  reminders: ReminderRepo;
}

export type { LearnerRepo, SessionRepo, AnswerRepo };
