// The port between the core and "which version of each course this instance serves". The app's
// reloader (src/app/course-reloader.ts) implements it over the database; tests and the CLI may
// use a fixed one.
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
  /** What this instance serves now for one course (undefined: no such course here). */
  live(courseId: string): LiveCourse | undefined;
  /** Looks at the database now and swaps in newer versions if there are any. */
  refresh(): Promise<void>;
}

/** A source that never changes (tests, the CLI). */
export function fixedSource(...courses: LiveCourse[]): CourseSource {
  const byId = new Map(courses.map((c) => [c.index.course.id, c]));
  return { live: (id) => byId.get(id), refresh: async () => {} };
}
