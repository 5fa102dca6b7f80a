// `npm run cli -- report [--since YYYY-MM-DD] [--format md|csv] [--course <id>]`: the instructor
// report (per-question item analysis and topic mastery) of one course (default: DEFAULT_COURSE)
// over the database in DATABASE_URL.
import { loadCatalogue } from "../app/content-files";
import { toCsv, toMarkdown } from "../core/analytics/format";
import { llmCostSection, type LlmPrices } from "../core/analytics/llm-cost";
import { buildReport } from "../core/analytics/report";
import { loadConfig } from "../config";
import { openDatabase } from "../db/connect";
import { createStore } from "../db/store";

export interface ReportOptions {
  since?: Date;
  format: "md" | "csv";
  /** The course reported on; default the catalogue's default course. */
  course?: string;
}

export class UsageError extends Error {}

export function parseReportArgs(args: string[]): ReportOptions {
  const opts: ReportOptions = { format: "md" };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split("=", 2);
    const value = () => inline ?? args[++i];
    if (flag === "--since") {
      const v = value();
      const d = v && /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(v) ? new Date(v) : undefined;
      if (!d || Number.isNaN(d.getTime()))
        throw new UsageError(`--since needs a date like 2026-03-01 (got ${v ?? "nothing"})`);
      opts.since = d;
    } else if (flag === "--format") {
      const v = value();
      if (v !== "md" && v !== "csv")
        throw new UsageError(`--format must be md or csv (got ${v ?? "nothing"})`);
      opts.format = v;
    } else if (flag === "--course") {
      const v = value();
      if (!v) throw new UsageError("--course needs a course id (see /course list)");
      opts.course = v;
    } else
      throw new UsageError(
        `unknown option ${args[i]}; usage: report [--since YYYY-MM-DD] [--format md|csv] [--course <id>]`,
      );
  }
  return opts;
}

/** Builds the report text from a database URL and a content directory. */
export async function reportText(
  databaseUrl: string,
  contentDir: string,
  opts: ReportOptions,
  now = new Date(),
  prices: LlmPrices = { inputPerMTok: 0, outputPerMTok: 0 },
  defaultCourse?: string,
): Promise<string> {
  const catalogue = loadCatalogue(contentDir, defaultCourse);
  const index = opts.course ? catalogue.get(opts.course) : catalogue.default;
  if (!index) throw new UsageError(catalogue.unknown(opts.course ?? ""));
  const db = await openDatabase(databaseUrl);
  try {
    // Only this course's answers: the same question id in another course is another question.
    const store = createStore(db.prisma).forCourse(index.course.id);
    const facts = await store.analytics.answerFacts({ since: opts.since });
    const usage = await store.tutor.usageByDay(opts.since ?? new Date(0));
    const report = buildReport(index, facts, {
      now,
      since: opts.since,
      extra: [llmCostSection(usage, prices)],
    });
    return opts.format === "csv" ? toCsv(report) : toMarkdown(report);
  } finally {
    await db.close();
  }
}

export async function reportCommand(args: string[]): Promise<number> {
  let opts: ReportOptions;
  try {
    opts = parseReportArgs(args);
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const config = loadConfig();
  const prices = {
    inputPerMTok: config.LLM_PRICE_INPUT_PER_MTOK,
    outputPerMTok: config.LLM_PRICE_OUTPUT_PER_MTOK,
  };
  try {
    process.stdout.write(
      await reportText(
        config.DATABASE_URL,
        config.CONTENT_DIR,
        opts,
        new Date(),
        prices,
        config.DEFAULT_COURSE,
      ),
    );
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  return 0;
}
