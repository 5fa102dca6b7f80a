// Which version of each course this instance serves, and keeping it current without a restart.
// The database is the source of truth: a course's newest CourseVersion row wins over its files
// on disk (those are version 0, served until something is published). Every
// CONTENT_POLL_SECONDS the reloader reads each course's newest version number (one small query a
// course); when it is newer than what is served it loads and checks that version, builds what
// depends on it (the course's tutor, which searches its notes), then replaces the whole state in
// one assignment: a request sees the old course and tutor or the new ones, never a mix.
import type { CourseSource, LiveCourse } from "../core/authoring/course-source";
import { Catalogue } from "../core/content/catalogue";
import { checkFiles } from "../core/content/check";
import { formatIssue } from "../core/content/parse";
import type { CourseVersionRepo } from "../core/ports/course-versions";
import type { Logger } from "../core/ports/logger";
import type { TutorService } from "../core/tutor/service";

export interface CourseReloader extends CourseSource {
  /** Every course as served now (the catalogue's default: the same as at start-up). */
  catalogue(): Catalogue;
  /** A course's tutor, built for the version served. */
  tutor(courseId: string): TutorService | undefined;
  /** Starts polling (unref'd timer: it never keeps the process alive). */
  start(): void;
  stop(): void;
}

export interface ReloaderOptions {
  /** The courses on disk (version 0), the default first or named by `defaultId`. */
  disk: LiveCourse[];
  defaultId?: string;
  repo: CourseVersionRepo;
  logger: Logger;
  pollMs: number;
  /** Builds a course's tutor for a version; a throw keeps the old version in service. */
  buildTutor?: (next: LiveCourse) => Promise<TutorService>;
}

interface Entry {
  live: LiveCourse;
  tutor?: TutorService;
}
interface State {
  entries: ReadonlyMap<string, Entry>;
  catalogue: Catalogue;
}

export async function createCourseReloader(opts: ReloaderOptions): Promise<CourseReloader> {
  const { repo, logger } = opts;
  const stateOf = (entries: Map<string, Entry>): State => ({
    entries,
    catalogue: new Catalogue(
      [...entries.values()].map((e) => e.live.index),
      opts.defaultId,
    ),
  });
  const first = new Map<string, Entry>();
  for (const live of opts.disk)
    first.set(live.index.course.id, { live, tutor: await opts.buildTutor?.(live) });
  let state = stateOf(first);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  /** Versions that failed the check are not loaded again on every poll. */
  const refused = new Set<string>();

  async function load(courseId: string): Promise<void> {
    const served = state.entries.get(courseId)!.live.version;
    const rec = await repo.latest(courseId);
    if (!rec || rec.version <= served || refused.has(`${courseId}@${rec.version}`)) return;
    const { index, issues } = checkFiles(rec.files);
    if (!index || index.course.id !== courseId) {
      // Published versions passed the check; this one fails this code's (newer, stricter) checks.
      refused.add(`${courseId}@${rec.version}`);
      logger.error(
        {
          courseId,
          version: rec.version,
          errors: issues
            .filter((i) => i.severity === "error")
            .slice(0, 20)
            .map(formatIssue),
        },
        "published course version fails the content check; still serving the previous one",
      );
      return;
    }
    const live: LiveCourse = { index, files: rec.files, version: rec.version };
    const tutor = await opts.buildTutor?.(live);
    const entries = new Map(state.entries);
    entries.set(courseId, { live, tutor });
    state = stateOf(entries);
    logger.info({ courseId, from: served, to: rec.version }, "course version swapped in");
  }

  async function check(): Promise<void> {
    for (const [courseId, e] of state.entries) {
      const head = await repo.head(courseId);
      if (head && head.version > e.live.version && !refused.has(`${courseId}@${head.version}`))
        await load(courseId);
    }
  }

  const reloader: CourseReloader = {
    live: (id) => state.entries.get(id)?.live,
    catalogue: () => state.catalogue,
    tutor: (id) => state.entries.get(id)?.tutor,
    refresh() {
      // One check at a time; a caller arriving meanwhile waits for the one under way.
      running ??= check().finally(() => {
        running = undefined;
      });
      return running;
    },
    start() {
      if (timer || opts.pollMs <= 0) return;
      timer = setInterval(() => {
        reloader
          .refresh()
          .catch((e: unknown) =>
            logger.warn(
              { err: e instanceof Error ? e.message : String(e) },
              "course version check failed; trying again at the next poll",
            ),
          );
      }, opts.pollMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
  // A database hiccup at start-up leaves the disk versions in service until the next poll.
  await reloader
    .refresh()
    .catch((e: unknown) =>
      logger.warn(
        { err: e instanceof Error ? e.message : String(e) },
        "cannot read published course versions yet; serving the files on disk",
      ),
    );
  return reloader;
}
