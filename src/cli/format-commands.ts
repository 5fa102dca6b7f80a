// `content import <file> --course <id> --lang zh|en --out <dir>` and
// `content export --course <id> --format gift|moodle|csv [--lang zh|en]`: the file I/O around the
// pure converters in src/content-formats. An import is checked like `content:check` before
// anything is written, so a bad file leaves the folder as it was.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join, relative } from "node:path";
import { loadContent } from "../app/content-files";
import { configuredContentDir } from "../config";
import { lintCourse } from "../core/content/lint";
import { type ContentFile, formatIssue, parseCourse } from "../core/content/parse";
import { buildCourseFolder } from "../content-formats/course-folder";
import { exportCsv } from "../content-formats/csv-export";
import { importCsv } from "../content-formats/csv-import";
import { exportGift } from "../content-formats/gift-export";
import { importGift } from "../content-formats/gift-import";
import { exportMoodle } from "../content-formats/moodle-export";
import { importMoodle } from "../content-formats/moodle-import";
import { FormatError, type ImportedQuestions, type Lang } from "../content-formats/portable";

/** `--name value` from the arguments, or undefined. */
export function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function langFlag(args: string[]): Lang | undefined {
  const lang = flag(args, "lang");
  if (lang !== undefined && lang !== "zh" && lang !== "en")
    throw new FormatError("--lang", `must be zh or en (got "${lang}")`);
  return lang;
}

function readFolder(dir: string): ContentFile[] {
  if (!existsSync(dir)) return [];
  const walk = (d: string): string[] =>
    readdirSync(d).flatMap((n) =>
      statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)],
    );
  return walk(dir)
    .filter((p) => /\.(ya?ml|md)$/.test(p))
    .map((p) => ({ path: relative(dir, p), text: readFileSync(p, "utf8") }));
}

function parseFile(file: string, text: string, lang: Lang | undefined): ImportedQuestions[] {
  const ext = extname(file).toLowerCase();
  const name = basename(file);
  if (ext === ".csv") return importCsv(text, lang, name);
  if (!lang) throw new FormatError("--lang", "say which language the file is in (zh or en)");
  if (ext === ".gift" || ext === ".txt") return [importGift(text, lang, name)];
  if (ext === ".xml") return [importMoodle(text, lang, name)];
  throw new FormatError(file, "unknown format: use a .gift, .xml (Moodle XML) or .csv file");
}

export function contentImport(args: string[]): number {
  const file = args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--"));
  const courseId = flag(args, "course");
  const out = flag(args, "out");
  if (!file || !courseId || !out) {
    console.error(
      "usage: content import <file.gift|file.xml|file.csv> --course <id> --lang <zh|en> --out <dir>",
    );
    return 2;
  }
  try {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(courseId))
      throw new FormatError("--course", "must be a lowercase slug (a-z, 0-9, dashes)");
    const imports = parseFile(file, readFileSync(file, "utf8"), langFlag(args));
    // A CSV with both languages is two imports: the second adds its language to the first.
    let files = readFolder(out);
    for (const imp of imports) files = buildCourseFolder(imp, courseId, basename(file), files);
    // The same checks as content:check, on the files about to be written.
    const shown = files.map((f) => ({ path: join(out, f.path), text: f.text }));
    const { course, issues } = parseCourse(shown);
    const all = course ? [...issues, ...lintCourse(course)] : issues;
    const errors = all.filter((i) => i.severity === "error");
    if (errors.length) {
      for (const e of errors) console.error(`error: ${formatIssue(e)}`);
      console.error(`import failed: ${errors.length} error(s); nothing was written`);
      return 1;
    }
    for (const f of shown) {
      mkdirSync(dirname(f.path), { recursive: true });
      writeFileSync(f.path, f.text);
    }
    for (const w of imports.flatMap((i) => i.warnings)) console.error(`warning: ${w}`);
    console.log(
      `imported ${imports[0].questions.length} questions (${imports.map((i) => i.lang).join(", ")}) into ${out}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof FormatError || (e as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`import failed: ${(e as Error).message}; nothing was written`);
      return 1;
    }
    throw e;
  }
}

/** The course folder for an id: `<content>/<id>/` when it exists, else the content folder. */
function courseDir(id: string): string {
  const root = configuredContentDir();
  return existsSync(join(root, id, "course.yaml")) ? join(root, id) : root;
}

/** `content export --format …`: prints the course as GIFT, Moodle XML or CSV. */
export function contentExportFormat(args: string[]): number {
  const format = flag(args, "format");
  const id = flag(args, "course");
  try {
    const index = loadContent(id ? courseDir(id) : configuredContentDir());
    const course = index.course;
    if (id && course.id !== id)
      throw new FormatError("--course", `no course "${id}" (found "${course.id}")`);
    const lang = langFlag(args) ?? course.languages[0];
    if (!course.languages.includes(lang))
      throw new FormatError("--lang", `course "${course.id}" has no ${lang} text`);
    if (format === "gift") {
      const gift = exportGift(course, lang);
      process.stdout.write(gift.text);
      if (gift.skipped.length)
        console.error(
          `note: GIFT has no ordering type; ${gift.skipped.length} ordering question(s) left out`,
        );
    } else if (format === "moodle") process.stdout.write(exportMoodle(course, lang));
    else if (format === "csv") process.stdout.write(exportCsv(course, course.languages));
    else throw new FormatError("--format", `must be gift, moodle or csv (got "${format}")`);
    return 0;
  } catch (e) {
    if (e instanceof FormatError) {
      console.error(`export failed: ${e.message}`);
      return 1;
    }
    throw e;
  }
}
