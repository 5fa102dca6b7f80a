// Prometheus metrics (prom-client) on the app's own registry, served at GET /metrics:
//   coursebot_interactions_total{kind,name,outcome}       every command/action/text the bot handled
//   coursebot_interaction_duration_seconds{kind,name}     latency histogram of the same
//   coursebot_llm_tokens_total{direction,model}           bumped by the tutor: metrics.llmTokens.inc({ direction: "prompt" }, n)
//   coursebot_lesson_deliveries_total{outcome}            bumped by the scheduler: metrics.lessonDeliveries.inc({ outcome: "sent" })
//   plus prom-client's default process metrics (CPU, RSS, heap, event-loop lag, GC).
// One registry per app, so tests can run several apps in one process.
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { HandledEvent } from "../core/bot";
import type { MetricsPort } from "../core/ports/metrics";

export interface AppMetrics extends MetricsPort {
  registry: Registry;
  interactions: Counter<"kind" | "name" | "outcome">;
  latency: Histogram<"kind" | "name">;
  llmTokens: Counter<"direction" | "model">;
  lessonDeliveries: Counter<"outcome">;
  /** Pass as createBot's onHandled. */
  observe(e: HandledEvent): void;
  /** Names that may appear as a label; anything else (a typo'd command) is counted as "other". */
  allowNames(names: Iterable<string>): void;
  render(): Promise<{ contentType: string; body: string }>;
}

export function createMetrics(opts: { defaultMetrics?: boolean } = {}): AppMetrics {
  const registry = new Registry();
  if (opts.defaultMetrics ?? true)
    collectDefaultMetrics({ register: registry, prefix: "coursebot_" });
  const interactions = new Counter({
    name: "coursebot_interactions_total",
    help: "Requests handled by the bot, by kind, command or action, and outcome (ok, user_error, unavailable, error).",
    labelNames: ["kind", "name", "outcome"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "coursebot_interaction_duration_seconds",
    help: "Time to handle one request, from the adapter's call to the replies.",
    labelNames: ["kind", "name"] as const,
    buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const llmTokens = new Counter({
    name: "coursebot_llm_tokens_total",
    help: "LLM tokens used, by direction (prompt, completion) and model.",
    labelNames: ["direction", "model"] as const,
    registers: [registry],
  });
  const lessonDeliveries = new Counter({
    name: "coursebot_lesson_deliveries_total",
    help: "Scheduled lesson posts, by outcome (sent, failed, retried, skipped).",
    labelNames: ["outcome"] as const,
    registers: [registry],
  });
  const allowed = new Set<string>(["text"]);
  return {
    registry,
    interactions,
    latency,
    llmTokens,
    lessonDeliveries,
    observe(e) {
      // Label values come from user input (unknown command names): keep the set bounded.
      const name = allowed.has(e.name) ? e.name : "other";
      interactions.inc({ kind: e.kind, name, outcome: e.outcome });
      latency.observe({ kind: e.kind, name }, e.ms / 1000);
    },
    allowNames(names) {
      for (const n of names) allowed.add(n);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
