// The port between the core and "which version of the course this instance serves". The app's
// reloader (src/app/course-reloader.ts) implements it over the database; tests may use a fixed
// one. Kept small so the course catalogue can hand out one per course.
import type { CourseIndex } from "../content/model";
import type { ContentFile } from "../content/parse";

export interface LiveCourse {
  index: CourseIndex;
  /** The files the index was built from, paths relative to the course folder. */
  files: ContentFile[];
  /** The published version served; 0 for the files on disk (nothing published yet). */
  version: number;
}

export interface CourseSource {
  /** What this instance serves now (swapped as one object, so a reader never sees half a course). */
  live(): LiveCourse;
  /** Looks at the database now and swaps in a newer version if there is one. */
  refresh(): Promise<void>;
}

/** A source that never changes (tests, the CLI). */
export function fixedSource(live: LiveCourse): CourseSource {
  return { live: () => live, refresh: async () => {} };
}
