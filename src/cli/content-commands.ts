// `npm run content:check` and `npm run cli -- content export --json|stats`: validate the course,
// print every question with its answer (for instructors), or print per-lesson counts. The course
// is read from CONTENT_DIR like `npm start` does; an explicit directory argument wins.
import { checkCatalogue, loadCatalogue } from "../app/content-files";
import { configuredContentDir, configuredDefaultCourse } from "../config";
import { formatIssue } from "../core/content/parse";
import { correctAnswerText } from "../core/grading/grade";
import { courseStats } from "../core/content/stats";

export function contentCheck(dir?: string, env: NodeJS.ProcessEnv = process.env): number {
  const from = dir ?? configuredContentDir(env);
  const { catalogue, courses, issues } = checkCatalogue(from);
  for (const i of issues)
    console.error(`${i.severity === "error" ? "error" : "warning"}: ${formatIssue(i)}`);
  if (!catalogue) {
    console.error(
      `content check failed: ${issues.filter((i) => i.severity === "error").length} error(s)`,
    );
    return 1;
  }
  // One line per course, so a catalogue shows every course it checked.
  for (const { dir: courseDir, check } of courses) {
    const c = check.index!.course;
    const warnings = check.issues.length;
    console.log(
      `content ok (${courseDir}): course ${c.id} [${c.languages.join(", ")}], ${c.lessons.length} lessons, ${c.lessons.reduce((n, l) => n + l.sections.length, 0)} sections, ${c.questions.length} questions, ${c.glossary.length} glossary terms${warnings ? `, ${warnings} warning(s)` : ""}`,
    );
  }
  return 0;
}

/** `--course <id>`: that course of the catalogue; without it, the default course. */
function courseArg(args: string[]) {
  const catalogue = loadCatalogue(configuredContentDir(), configuredDefaultCourse());
  const at = args.indexOf("--course");
  if (at < 0) return catalogue.default;
  const id = args[at + 1] ?? "";
  const index = catalogue.get(id);
  if (!index) throw new Error(catalogue.unknown(id));
  return index;
}

export function contentExport(args: string[]): number {
  const index = courseArg(args);
  if (args.includes("--stats")) {
    console.log(JSON.stringify(courseStats(index.course), null, 2));
    return 0;
  }
  const rows = index.course.questions.map((q) => ({
    id: q.id,
    type: q.type,
    lesson: q.lesson,
    section: q.section,
    topic: q.topic,
    difficulty: q.difficulty,
    prompt: q.prompt,
    answer: q.answer,
    // The canonical (unshuffled) presentation, so instructors read choices in file order.
    answerText: correctAnswerText(q, "export"),
    source: q.source,
    errata: q.errata ?? [],
  }));
  if (args.includes("--json")) console.log(JSON.stringify(rows, null, 2));
  else
    for (const r of rows)
      console.log(
        `${r.id} [${r.type}, ${r.lesson}#${r.section}, d${r.difficulty}]\n  Q: ${r.prompt.en}\n  A: ${r.answerText.en.replace(/\n/g, "; ")}\n  source: ${r.source}`,
      );
  return 0;
}
