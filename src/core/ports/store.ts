// Everything the core needs from storage, as one object. Implemented over Prisma in src/db.
import type { LearnerRepo } from "./learners";
import type { AnswerRepo, SessionRepo } from "./quiz";

export interface Store {
  learners: LearnerRepo;
  sessions: SessionRepo;
  answers: AnswerRepo;
}

export type { LearnerRepo, SessionRepo, AnswerRepo };
