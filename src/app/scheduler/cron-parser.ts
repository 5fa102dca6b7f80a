// The CronParser port over node-cron's validator: the core never parses cron syntax itself.
import cron from "node-cron";
import type { CronParser } from "../../core/schedule/cron";

export const nodeCronParser: CronParser = {
  parse(expression) {
    try {
      const r = cron.validateDetailed(expression);
      if (r.valid && r.fields) return { ok: true, fields: r.fields };
      return { ok: false, errors: r.errors.map((e) => e.message) };
    } catch (e) {
      return { ok: false, errors: [(e as Error).message] };
    }
  },
};
