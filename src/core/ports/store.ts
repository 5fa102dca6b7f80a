// Everything the core needs from storage, as one object. Implemented over Prisma in src/db.
import type { LearnerRepo } from "./learners";
import type {
  AnalyticsRepo,
  CardRepo,
  CommunityRepo,
  ConfirmationRepo,
  LeaderboardRepo,
  PrivacyRepo,
} from "./learning";
import type { AnswerRepo, SessionRepo } from "./quiz";
import type { TutorRepo } from "./tutor";
import type { DeliveryRepo, ReminderRepo, SubscriptionRepo } from "./schedule";
import type { RoundRepo } from "./rounds";
import type { LeaseRepo } from "./leases";
import type { SeenRequestRepo } from "./seen-requests";
import type { DashboardRepo } from "./dashboard";

import type { CourseVersionRepo } from "./course-versions";
import type { CourseRepo } from "./courses";

export interface Store {
  /** The course this store's course-scoped repositories read and write. */
  courseId: string;
  /** The same store, scoped to another course (sessions, answers, cards, leaderboard…). */
  forCourse(courseId: string): Store;
  courses: CourseRepo;
  learners: LearnerRepo;
  sessions: SessionRepo;
  answers: AnswerRepo;
  cards: CardRepo;
  communities: CommunityRepo;
  confirmations: ConfirmationRepo;
  leaderboard: LeaderboardRepo;
  privacy: PrivacyRepo;
  analytics: AnalyticsRepo;
  tutor: TutorRepo;
  subscriptions: SubscriptionRepo;
  deliveries: DeliveryRepo;
  reminders: ReminderRepo;
  rounds: RoundRepo;
  leases: LeaseRepo;
  seenRequests: SeenRequestRepo;
  dashboard: DashboardRepo;
  courseVersions: CourseVersionRepo;
}

export type {
  LearnerRepo,
  SessionRepo,
  AnswerRepo,
  TutorRepo,
  RoundRepo,
  LeaseRepo,
  SeenRequestRepo,
};
