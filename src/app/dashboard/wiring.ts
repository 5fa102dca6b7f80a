// Builds the dashboard's dependencies from the running App, and the hourly timer that posts the
// weekly digests (started with the lesson scheduler, which owns the platform senders).
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { Logger } from "../../core/ports/logger";
import type { App } from "../app";
import type { DashboardDeps } from "./data";
import { runDigests } from "./digest-job";

export const DIGEST_CHECK_MS = 3_600_000;

export function dashboardDeps(app: App, baseUrl: () => string): DashboardDeps {
  const { index, store, clock, lessons } = app.services;
  return {
    index,
    store,
    clock,
    lessons,
    prices: {
      inputPerMTok: app.config.LLM_PRICE_INPUT_PER_MTOK,
      outputPerMTok: app.config.LLM_PRICE_OUTPUT_PER_MTOK,
    },
    get baseUrl() {
      return baseUrl();
    },
  };
}

export function startDigestTimer(
  deps: DashboardDeps & { senders: LessonSender[]; logger: Logger },
): { stop(): void } {
  const run = () =>
    runDigests(deps).catch((e) =>
      deps.logger.warn({ err: e instanceof Error ? e.message : String(e) }, "digest check failed"),
    );
  const first = setTimeout(run, 5_000);
  const timer = setInterval(run, DIGEST_CHECK_MS);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
