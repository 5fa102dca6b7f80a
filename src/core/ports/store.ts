// Everything the core needs from storage, as one object. Implemented over Prisma in src/db.
import type { LearnerRepo } from "./learners";
import type { AnswerRepo, SessionRepo } from "./quiz";
import type { TutorRepo } from "./tutor";

export interface Store {
  learners: LearnerRepo;
  sessions: SessionRepo;
  answers: AnswerRepo;
  tutor: TutorRepo;
}

export type { LearnerRepo, SessionRepo, AnswerRepo, TutorRepo };
