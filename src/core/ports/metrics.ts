// The metrics port: counters feature code may bump without knowing about Prometheus. The app
// passes prom-client counters (src/app/metrics.ts), which fit this shape; tests may pass nothing.
export interface CounterPort<Labels extends Record<string, string>> {
  inc(labels: Labels, value?: number): void;
}

export interface MetricsPort {
  /** LLM tokens used: direction "prompt" or "completion"; model as configured. */
  llmTokens: CounterPort<{ direction: "prompt" | "completion"; model?: string }>;
  /** Lesson posts: outcome "sent", "failed", "retried" or "skipped". */
  lessonDeliveries: CounterPort<{ outcome: "sent" | "failed" | "retried" | "skipped" }>;
}
