// `npm run cli -- content validate|diff|publish <dir|zip|file.yaml> [--regrade]`: the CLI side
// of publishing without a redeploy. validate needs no database; diff and publish compare with
// the newest version published in DATABASE_URL (or CONTENT_DIR's files when there is none), and
// publish stores the next version, which every running instance picks up within
// CONTENT_POLL_SECONDS. The same core functions as the chat command /content upload.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { loadContent, readCourseBundle, readContentFiles } from "../app/content-files";
import { fixedSource } from "../core/authoring/course-source";
import { baseOf, previewFiles, type Base, type Preview } from "../core/authoring/preview";
import { publishFiles } from "../core/authoring/publish";
import { changeSections, regradeText } from "../core/authoring/report";
import { filesFromUpload, relativeToCourse, type BundleResult } from "../core/content/bundle";
import { checkFiles } from "../core/content/check";
import { formatIssue, type ContentIssue } from "../core/content/parse";
import { configuredContentDir, loadConfig } from "../config";
import { openDatabase } from "../db/connect";
import { createStore } from "../db/store";

const en = (_zh: string, english: string) => english;

interface Out {
  log(s: string): void;
  error(s: string): void;
}

/** A folder's files keep their paths relative to the working directory (the same messages as
 *  `content:check`); a zip or a single file is read as an upload. */
function filesOf(target: string, current: Base["files"]): BundleResult {
  let isDir: boolean;
  try {
    isDir = statSync(target).isDirectory();
  } catch (e) {
    return {
      issues: [
        {
          file: target,
          field: "",
          message: `cannot read: ${(e as Error).message}`,
          severity: "error",
        },
      ],
    };
  }
  if (!isDir) return filesFromUpload(basename(target), readFileSync(target), current);
  return relativeToCourse(readCourseBundle(target), target);
}

function printIssues(issues: ContentIssue[], out: Out): void {
  for (const i of issues)
    out.error(`${i.severity === "error" ? "error" : "warning"}: ${formatIssue(i)}`);
}

export function contentValidate(args: string[], out: Out = console): number {
  const target = args.find((a) => !a.startsWith("--"));
  if (!target) {
    out.error("usage: content validate <dir|zip|file.yaml>");
    return 2;
  }
  // A folder is checked exactly as `content:check` does (file names as given).
  const isDir = (() => {
    try {
      return statSync(target).isDirectory();
    } catch {
      return false;
    }
  })();
  const bundle: BundleResult = isDir
    ? { files: readContentFiles(target) }
    : filesOf(target, readCourseBundle(configuredContentDir()));
  if ("issues" in bundle) {
    printIssues(bundle.issues, out);
    return 1;
  }
  const { index, issues } = checkFiles(bundle.files);
  printIssues(issues, out);
  if (!index) {
    out.error(
      `content check failed: ${issues.filter((i) => i.severity === "error").length} error(s)`,
    );
    return 1;
  }
  const c = index.course;
  out.log(
    `content ok (${target}): ${c.id}, ${c.lessons.length} lessons, ${c.questions.length} questions, ${c.glossary.length} glossary terms`,
  );
  return 0;
}

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
    out.error("usage: content diff|publish <dir|zip|file.yaml> [--regrade]");
    return 2;
  }
  const config = loadConfig();
  const disk = {
    index: loadContent(config.CONTENT_DIR),
    files: readCourseBundle(config.CONTENT_DIR),
    version: 0,
  };
  const db = await openDatabase(config.DATABASE_URL, { poolSize: 2 });
  try {
    const store = createStore(db.prisma);
    const base = await baseOf(store.courseVersions, fixedSource(disk).live());
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
