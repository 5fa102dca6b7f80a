// Advanced schedules as cron expressions. The core does not parse cron syntax itself: the app
// passes a CronParser (node-cron's validator) and the core accepts the documented subset of
// what it returns, then computes occurrences in the subscription's time zone with luxon.
// Subset: 5 fields (or 6 with seconds = 0); one minute value (at most one lesson per hour);
// no L / # / W day modifiers. Day-of-month and day-of-week must BOTH match (as node-cron does).
import { UserError } from "../errors";
import { bi } from "../i18n";

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

function bad(expr: string, zh: string, en: string): UserError {
  return new UserError(
    bi(`cron 表达式“${expr.slice(0, 60)}”${zh}`, `Cron expression "${expr.slice(0, 60)}" ${en}`),
    "bad_cron",
  );
}

function numbers(values: (number | string)[], expr: string, field: string): number[] {
  if (values.some((v) => typeof v !== "number"))
    throw bad(
      expr,
      `的 ${field} 字段用了不支持的 L、W 或 #。`,
      `uses L, W or # in the ${field} field, which lesson schedules do not support.`,
    );
  return values as number[];
}

export function cronSpec(expression: string, parser: CronParser | undefined): CronSpec {
  const expr = expression.trim().replace(/\s+/g, " ");
  if (!parser)
    throw new UserError(
      bi(
        "这个实例不支持 cron 表达式，请用 day 和 time。",
        "Cron expressions are not available here; use day and time.",
      ),
      "no_cron",
    );
  if (!expr || expr.length > MAX_CRON_LENGTH)
    throw bad(expr, "为空或太长。", "is empty or too long.");
  const r = parser.parse(expr);
  if (!r.ok)
    throw bad(
      expr,
      `无效：${r.errors.join("；")}。示例：0 9 * * 1（每周一 9:00）。`,
      `is not valid: ${r.errors.join("; ")}. Example: 0 9 * * 1 (Mondays at 09:00).`,
    );
  const f = r.fields;
  if (expr.split(" ").length === 6 && (f.second.length !== 1 || f.second[0] !== 0))
    throw bad(
      expr,
      "不能按秒调度，请把秒设为 0 或只写 5 个字段。",
      "may not schedule by the second; use 5 fields (or seconds = 0).",
    );
  if (f.minute.length !== 1)
    throw bad(
      expr,
      "每小时最多一次：分钟字段只能是一个数，如 0 9 * * 1。",
      "may fire at most once an hour: give one minute value, e.g. 0 9 * * 1.",
    );
  const dow = numbers(f.dayOfWeek, expr, "day-of-week");
  return {
    minute: f.minute[0],
    hours: [...f.hour].sort((a, b) => a - b),
    daysOfMonth: new Set(numbers(f.dayOfMonth, expr, "day-of-month")),
    months: new Set(f.month),
    weekdays: new Set(dow.map((d) => (d === 0 ? 7 : d))),
  };
}
