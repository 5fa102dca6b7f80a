// Which course a community (or one of its channels) runs, and the one-time notice that a course
// is not in the learner's language. Implemented over Prisma in src/db/repos/courses.ts.
import type { CommunityKey } from "./learning";

export interface CourseChoices {
  /** The course the whole community chose, if any. */
  community?: string;
  /** The course this channel chose, if any (wins over the community's). */
  channel?: string;
}

export interface CourseRepo {
  choices(key: CommunityKey, channelId?: string): Promise<CourseChoices>;
  /** Sets the community's course (channelId "" or absent) or one channel's. */
  choose(key: CommunityKey, courseId: string, channelId?: string): Promise<void>;
  /** Removes a channel's own choice, so it follows the community again; true if it had one. */
  clearChannel(key: CommunityKey, channelId: string): Promise<boolean>;
  /** Records that the learner was told about the course's languages; false if already told. */
  noticeOnce(learnerId: string, courseId: string): Promise<boolean>;
}
