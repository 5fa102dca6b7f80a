// Advanced schedules as cron expressions. The core does not parse cron syntax itself: the app
// passes a CronParser (node-cron's validator) and the core accepts the documented subset of
// what it returns, then computes occurrences in the subscription's time zone with luxon.
// Subset: 5 fields (or 6 with seconds = 0); one minute value (at most one lesson per hour);
// no L / # / W day modifiers. Day-of-month and day-of-week must BOTH match (as node-cron does).
import { UserError } from "../errors";
import { bilingual, bilingualBy, msg } from "../messages/catalogue";
import type { Bilingual } from "../i18n";

/** What a cron validator reports: field values already expanded ("*" → every value). */
export interface ParsedCron {
  second: number[];
  minute: number[];
  hour: number[];
  dayOfMonth: (number | string)[];
  month: number[];
  /** 0 = Sunday … 6 = Saturday (7 normalised to 0 by the parser). */
  dayOfWeek: (number | string)[];
}

/** Port: validates and expands a cron expression. Implemented with node-cron in src/app. */
export interface CronParser {
  parse(expression: string): { ok: true; fields: ParsedCron } | { ok: false; errors: string[] };
}

export interface CronSpec {
  minute: number;
  hours: number[];
  daysOfMonth: Set<number>;
  months: Set<number>;
  /** ISO weekdays 1-7. */
  weekdays: Set<number>;
}

const MAX_CRON_LENGTH = 100;

function bad(expr: string, reason: Bilingual): UserError {
  return new UserError(
    bilingualBy("schedule.cron.cronExpression", (l) => ({
      expr: expr.slice(0, 60),
      reason: reason[l],
    })),
    "bad_cron",
  );
}

function numbers(values: (number | string)[], expr: string, field: string): number[] {
  if (values.some((v) => typeof v !== "number"))
    throw bad(expr, bilingual("schedule.cron.usesLWOr", { field }));
  return values as number[];
}

export function cronSpec(expression: string, parser: CronParser | undefined): CronSpec {
  const expr = expression.trim().replace(/\s+/g, " ");
  if (!parser) throw new UserError(bilingual("schedule.cron.cronExpressionsAreNot"), "no_cron");
  if (!expr || expr.length > MAX_CRON_LENGTH)
    throw bad(expr, bilingual("schedule.cron.isEmptyOrToo"));
  const r = parser.parse(expr);
  if (!r.ok)
    throw bad(
      expr,
      bilingualBy("schedule.cron.isNotValid", (l) => ({
        errors: r.errors.join(msg(l, "common.clauseJoin")),
      })),
    );
  const f = r.fields;
  if (expr.split(" ").length === 6 && (f.second.length !== 1 || f.second[0] !== 0))
    throw bad(expr, bilingual("schedule.cron.mayNotScheduleBy"));
  if (f.minute.length !== 1) throw bad(expr, bilingual("schedule.cron.mayFireAtMost"));
  const dow = numbers(f.dayOfWeek, expr, "day-of-week");
  return {
    minute: f.minute[0],
    hours: [...f.hour].sort((a, b) => a - b),
    daysOfMonth: new Set(numbers(f.dayOfMonth, expr, "day-of-month")),
    months: new Set(f.month),
    weekdays: new Set(dow.map((d) => (d === 0 ? 7 : d))),
  };
}
