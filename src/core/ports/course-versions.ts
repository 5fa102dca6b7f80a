// Storage port for published course versions and uploads waiting for Publish, plus the few
// learner-data questions publishing asks: how many learners hold review cards or answers for
// some questions, and rewriting answers' grades when an answer key changed ("regrade").
import type { ContentFile } from "../content/parse";

export interface CourseVersionHead {
  courseId: string;
  version: number;
  hash: string;
  publishedAt: Date;
  publishedBy: string;
}

export interface CourseVersionRecord extends CourseVersionHead {
  files: ContentFile[];
}

export interface CourseUploadRecord {
  id: string;
  courseId: string;
  baseVersion: number;
  files: ContentFile[];
  hash: string;
  createdBy: string;
  createdAt: Date;
}

/** One stored answer, as regrading needs it. */
export interface GradedAnswer {
  id: string;
  learnerId: string;
  questionId: string;
  given: unknown;
  correct: boolean;
  score: number;
  points: number;
  hintUsed: boolean;
  firstTry: boolean;
}

export interface CourseVersionRepo {
  /** The newest version's number and hash (what instances poll: no bundle read). */
  head(courseId: string): Promise<CourseVersionHead | undefined>;
  /** The newest version with its files. */
  latest(courseId: string): Promise<CourseVersionRecord | undefined>;
  /**
   * Stores version `baseVersion + 1` (the repository computes its hash); false when another publish took that number first (the
   * unique key decides between instances racing).
   */
  publish(
    v: Omit<CourseVersionRecord, "version" | "hash"> & { baseVersion: number },
  ): Promise<boolean>;
  /** Keeps a checked upload until Publish; returns its id. The repository computes the hash. */
  saveUpload(u: Omit<CourseUploadRecord, "id" | "hash">): Promise<string>;
  upload(id: string): Promise<CourseUploadRecord | undefined>;
  deleteUpload(id: string): Promise<void>;
  /** Forgets uploads made before `before` (never published); returns how many. */
  pruneUploads(before: Date): Promise<number>;
  // Learner data of one course (question ids are unique within a course, not across courses).
  /** Per question id: how many learners hold a review card for it (ids with none are left out). */
  cardLearners(courseId: string, questionIds: string[]): Promise<Map<string, number>>;
  /** Per question id: how many learners answered it. */
  answerLearners(courseId: string, questionIds: string[]): Promise<Map<string, number>>;
  /** How many distinct learners answered any of these questions. */
  learnersWhoAnswered(courseId: string, questionIds: string[]): Promise<number>;
  answersOf(courseId: string, questionIds: string[]): Promise<GradedAnswer[]>;
  /** Writes new grades in one transaction. */
  regrade(
    changes: { id: string; correct: boolean; score: number; points: number }[],
  ): Promise<void>;
}
