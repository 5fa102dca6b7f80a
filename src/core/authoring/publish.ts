// Step two of publishing: store the checked files as the next version, provided nobody published
// since the preview was made (then the instructor previews again: the diff they saw would be
// wrong), and regrade past answers when asked. Shared by the Publish button and the CLI.
import type { CourseIndex } from "../content/model";
import type { ContentFile } from "../content/parse";
import type { CourseVersionRepo } from "../ports/course-versions";
import { regradeAnswers, type RegradeResult } from "./regrade";

export type PublishOutcome =
  | { ok: true; version: number; regrade?: RegradeResult }
  | { ok: false; latest: number };

export async function publishFiles(
  repo: CourseVersionRepo,
  p: {
    files: ContentFile[];
    index: CourseIndex;
    baseVersion: number;
    by: string;
    now: Date;
    /** Questions whose past answers are graded again with the new key. */
    regrade?: string[];
  },
): Promise<PublishOutcome> {
  const courseId = p.index.course.id;
  const latest = (await repo.head(courseId))?.version ?? 0;
  if (latest !== p.baseVersion) return { ok: false, latest };
  const stored = await repo.publish({
    courseId,
    files: p.files,
    baseVersion: p.baseVersion,
    publishedAt: p.now,
    publishedBy: p.by,
  });
  if (!stored) return { ok: false, latest: (await repo.head(courseId))?.version ?? latest + 1 };
  const regrade = p.regrade?.length ? await regradeAnswers(repo, p.index, p.regrade) : undefined;
  return { ok: true, version: p.baseVersion + 1, ...(regrade ? { regrade } : {}) };
}
