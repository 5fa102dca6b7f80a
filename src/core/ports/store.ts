// Everything the core needs from storage, as one object. Implemented over Prisma in src/db.
import type { LearnerRepo } from "./learners";
import type { AnswerRepo, SessionRepo } from "./quiz";
import type { RoundRepo } from "./rounds";

export interface Store {
  learners: LearnerRepo;
  sessions: SessionRepo;
  answers: AnswerRepo;
  rounds: RoundRepo;
}

export type { LearnerRepo, SessionRepo, AnswerRepo, RoundRepo };
