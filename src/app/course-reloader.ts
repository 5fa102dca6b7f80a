// Which version of the course this instance serves, and keeping it current without a restart.
// The database is the source of truth: the newest CourseVersion row wins over the files on disk
// (those are version 0, served until something is published). Every CONTENT_POLL_SECONDS the
// reloader reads the newest version's number (one small query); when it is newer than what is
// served it loads and checks that version, lets the app rebuild what depends on the course (the
// tutor's search index), then swaps one reference, so a request sees either the old course or
// the new one, never a mix.
import type { CourseSource, LiveCourse } from "../core/authoring/course-source";
import { checkFiles } from "../core/content/check";
import { formatIssue } from "../core/content/parse";
import type { CourseVersionRepo } from "../core/ports/course-versions";
import type { Logger } from "../core/ports/logger";

export interface CourseReloader extends CourseSource {
  /** Starts polling (unref'd timer: it never keeps the process alive). */
  start(): void;
  stop(): void;
}

export interface ReloaderOptions {
  disk: LiveCourse;
  repo: CourseVersionRepo;
  logger: Logger;
  pollMs: number;
  /** Runs before a new version is swapped in (build what depends on it); a throw keeps the old. */
  beforeSwap?: (next: LiveCourse) => Promise<void> | void;
}

export async function createCourseReloader(opts: ReloaderOptions): Promise<CourseReloader> {
  const { repo, logger } = opts;
  const courseId = opts.disk.index.course.id;
  let live: LiveCourse = opts.disk;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  /** A version that failed the check is not loaded again on every poll. */
  let refused = 0;

  async function load(version: number): Promise<void> {
    const rec = await repo.latest(courseId);
    if (!rec || rec.version <= live.version || rec.version === refused) return;
    const { index, issues } = checkFiles(rec.files);
    if (!index) {
      // Published versions passed the check; this one fails this code's (newer, stricter) checks.
      refused = rec.version;
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
    const next: LiveCourse = { index, files: rec.files, version: rec.version };
    await opts.beforeSwap?.(next);
    const from = live.version;
    live = next;
    logger.info({ courseId, from, to: rec.version, wanted: version }, "course version swapped in");
  }

  async function check(): Promise<void> {
    const head = await repo.head(courseId);
    if (head && head.version > live.version && head.version !== refused) await load(head.version);
  }

  const reloader: CourseReloader = {
    live: () => live,
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
              { courseId, err: e instanceof Error ? e.message : String(e) },
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
  // A database hiccup at start-up leaves the disk version in service until the next poll.
  await reloader
    .refresh()
    .catch((e: unknown) =>
      logger.warn(
        { courseId, err: e instanceof Error ? e.message : String(e) },
        "cannot read published course versions yet; serving the files on disk",
      ),
    );
  return reloader;
}
