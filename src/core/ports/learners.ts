// Storage port for learners: who they are on which platform, and their settings.
import type { Locale } from "../i18n";

export interface LearnerKey {
  platform: string;
  workspaceId: string;
  externalId: string;
}

export interface LearnerRecord extends LearnerKey {
  id: string;
  displayName: string;
  /** Chosen by the learner; null means "follow the platform's locale". */
  locale: Locale | null;
  timeZone: string;
  remindersOn: boolean;
  streakCount: number;
  streakLastDay: string | null;
  streakFreezes: number;
  createdAt: Date;
}

export type LearnerPatch = Partial<
  Pick<
    LearnerRecord,
    | "displayName"
    | "locale"
    | "timeZone"
    | "remindersOn"
    | "streakCount"
    | "streakLastDay"
    | "streakFreezes"
  >
>;

export interface LearnerRepo {
  /** Finds the learner or creates them; the display name is refreshed when given. */
  upsert(key: LearnerKey, displayName?: string): Promise<LearnerRecord>;
  get(id: string): Promise<LearnerRecord | null>;
  update(id: string, patch: LearnerPatch): Promise<LearnerRecord>;
}
