// `npm run cli -- content validate|diff|publish <dir|zip|file.yaml> [--regrade]`: the CLI side
// of publishing without a redeploy. validate needs no database; diff and publish compare with
// the newest version published in DATABASE_URL (or CONTENT_DIR's files when there is none), and
// publish stores the next version, which every running instance picks up within
// CONTENT_POLL_SECONDS. The same core functions as the chat command /content upload.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { loadCatalogue, readCourseBundle, readCourseBundles } from "../app/content-files";
import { baseOf, previewFiles, type Base, type Preview } from "../core/authoring/preview";
import { publishFiles } from "../core/authoring/publish";
import { changeSections, regradeText } from "../core/authoring/report";
import { courseIdIn, filesFromUpload, type BundleResult } from "../core/content/bundle";
import { checkFiles } from "../core/content/check";
import { formatIssue, type ContentIssue } from "../core/content/parse";
import { configuredContentDir, configuredDefaultCourse, loadConfig } from "../config";
import { contentCheck } from "./content-commands";
import { openDatabase } from "../db/connect";
import { createStore } from "../db/store";

const en = (_zh: string, english: string) => english;

interface Out {
  log(s: string): void;
  error(s: string): void;
}

const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
};

/** A course folder (course.yaml at its top), a zip, or one file read as an upload. */
function filesOf(target: string, current: Base["files"]): BundleResult {
  if (isDir(target)) {
    const files = readCourseBundle(target);
    return courseIdIn(files) === undefined
      ? {
          issues: [
            {
              file: target,
              field: "",
              message:
                "is not a course folder (no course.yaml at its top): give one course's folder",
              severity: "error",
            },
          ],
        }
      : { files };
  }
  try {
    return filesFromUpload(basename(target), readFileSync(target), current);
  } catch (e) {
    const message = `cannot read: ${(e as Error).message}`;
    return { issues: [{ file: target, field: "", message, severity: "error" }] };
  }
}

function printIssues(issues: ContentIssue[], out: Out): void {
  for (const i of issues)
    out.error(`${i.severity === "error" ? "error" : "warning"}: ${formatIssue(i)}`);
}

export function contentValidate(args: string[], out: Out = console): number {
  const target = args.find((a) => !a.startsWith("--"));
  if (!target) {
    out.error("usage: content validate <dir|zip|file.yaml> [--course <id>]");
    return 2;
  }
  // A folder (one course, or a folder of courses) is checked exactly as `content:check` does.
  if (isDir(target)) return contentCheck(target);
  const catalogue = loadCatalogue(configuredContentDir(), configuredDefaultCourse());
  const current = readCourseBundles(configuredContentDir()).get(
    flag(args, "--course") ?? catalogue.defaultId,
  );
  const bundle = filesOf(target, current ?? []);
  if ("issues" in bundle) {
    printIssues(bundle.issues, out);
    return 1;
  }
  const { index, issues } = checkFiles(bundle.files);
  printIssues(issues, out);
  if (!index) {
    const n = issues.filter((i) => i.severity === "error").length;
    out.error(`content check failed: ${n} error(s)`);
    return 1;
  }
  const c = index.course;
  out.log(
    `content ok (${target}): ${c.id}, ${c.lessons.length} lessons, ${c.questions.length} questions, ${c.glossary.length} glossary terms`,
  );
  return 0;
}

const flag = (args: string[], name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};

function printPreview(p: Extract<Preview, { ok: true }>, out: Out): void {
  const against = p.base.version
    ? `published version ${p.base.version}`
    : "the files on disk (nothing published yet)";
  out.log(`compared with ${against}:`);
  const sections = changeSections(p, en);
  if (!sections.length) out.log("  no changes");
  for (const s of sections) {
    out.log(`${s.name}:`);
    for (const l of s.lines) out.log(`  ${l}`);
  }
  const keys = p.diff.changed.filter((c) => c.answerKey).length;
  if (keys)
    out.log(
      `${keys} answer key(s) changed; --regrade regrades past answers (${p.regradeLearners} learner(s) answered them)`,
    );
}

async function withPreview(
  args: string[],
  out: Out,
  then: (
    p: Extract<Preview, { ok: true }>,
    store: ReturnType<typeof createStore>,
  ) => Promise<number>,
): Promise<number> {
  const target = args.find((a) => !a.startsWith("--"));
  if (!target) {
    out.error("usage: content diff|publish <dir|zip|file.yaml> [--course <id>] [--regrade]");
    return 2;
  }
  const config = loadConfig();
  const catalogue = loadCatalogue(config.CONTENT_DIR, config.DEFAULT_COURSE);
  // Which course: the one the folder or zip names, --course for a single file, else the default.
  const named = isDir(target) || /\.zip$/i.test(target) ? filesOf(target, []) : undefined;
  const courseId =
    (named && "files" in named ? courseIdIn(named.files) : undefined) ??
    flag(args, "--course") ??
    catalogue.defaultId;
  const index = catalogue.get(courseId);
  if (!index) {
    const ids = catalogue.list().map((c) => c.course.id);
    out.error(`no course "${courseId}" in ${config.CONTENT_DIR} (courses: ${ids.join(", ")})`);
    return 1;
  }
  const disk = {
    index,
    files: readCourseBundles(config.CONTENT_DIR).get(courseId) ?? [],
    version: 0,
  };
  const db = await openDatabase(config.DATABASE_URL, { poolSize: 2 });
  try {
    const store = createStore(db.prisma, courseId);
    const base = await baseOf(store.courseVersions, disk);
    const bundle = filesOf(target, base.files);
    const preview =
      "issues" in bundle
        ? { ok: false as const, issues: bundle.issues }
        : await previewFiles(store.courseVersions, base, bundle.files);
    if (!preview.ok) {
      printIssues(preview.issues, out);
      out.error(`content check failed: ${preview.issues.length} error(s); nothing was published`);
      return 1;
    }
    printIssues(preview.warnings, out);
    printPreview(preview, out);
    return await then(preview, store);
  } finally {
    await db.close();
  }
}

export function contentDiff(args: string[], out: Out = console): Promise<number> {
  return withPreview(args, out, async () => 0);
}

export function contentPublish(args: string[], out: Out = console): Promise<number> {
  return withPreview(args, out, async (p, store) => {
    const changed = p.diff.added.length + p.diff.changed.length + p.diff.removed.length;
    if (
      !changed &&
      !p.diff.lessonsChanged.length &&
      !p.diff.glossaryChanged &&
      !p.diff.courseChanged
    ) {
      out.log("nothing to publish");
      return 0;
    }
    const regrade = args.includes("--regrade")
      ? p.diff.changed.filter((c) => c.answerKey).map((c) => c.id)
      : undefined;
    const result = await publishFiles(store.courseVersions, {
      files: p.files,
      index: p.index,
      baseVersion: p.base.version,
      by: "cli",
      now: new Date(),
      regrade,
    });
    if (!result.ok) {
      out.error(`version ${result.latest} was published meanwhile; run the command again`);
      return 1;
    }
    out.log(
      `published version ${result.version} of ${p.index.course.id}; running instances switch to it within CONTENT_POLL_SECONDS`,
    );
    if (result.regrade) out.log(regradeText(result.regrade, en));
    return 0;
  });
}
