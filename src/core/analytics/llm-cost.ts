// The "LLM cost per day" section of the instructor report, from the tutor's usage log.
import type { UsageDay } from "../ports/tutor";
import type { ReportSection } from "./report";

export interface LlmPrices {
  inputPerMTok: number;
  outputPerMTok: number;
}

export function costUsd(d: Pick<UsageDay, "tokensIn" | "tokensOut">, p: LlmPrices): number {
  return (d.tokensIn * p.inputPerMTok + d.tokensOut * p.outputPerMTok) / 1_000_000;
}

export function llmCostSection(days: UsageDay[], prices: LlmPrices): ReportSection {
  // Offline answers are logged with model "-"; they cost nothing and are not model requests.
  const rows = days.filter((d) => d.model !== "-");
  const total = rows.reduce(
    (t, d) => ({
      requests: t.requests + d.requests,
      failures: t.failures + d.failures,
      tokensIn: t.tokensIn + d.tokensIn,
      tokensOut: t.tokensOut + d.tokensOut,
    }),
    { requests: 0, failures: 0, tokensIn: 0, tokensOut: 0 },
  );
  return {
    id: "llm-cost",
    title: "LLM cost per day",
    columns: ["day", "model", "requests", "failed", "tokens in", "tokens out", "cost USD"],
    rows: [
      ...rows.map((d) => [
        d.day,
        d.model,
        d.requests,
        d.failures,
        d.tokensIn,
        d.tokensOut,
        costUsd(d, prices).toFixed(4),
      ]),
      ...(rows.length
        ? [
            [
              "total",
              "",
              total.requests,
              total.failures,
              total.tokensIn,
              total.tokensOut,
              costUsd(total, prices).toFixed(4),
            ],
          ]
        : []),
    ],
    notes: [
      `Prices per 1M tokens: input $${prices.inputPerMTok}, output $${prices.outputPerMTok} (LLM_PRICE_INPUT_PER_MTOK, LLM_PRICE_OUTPUT_PER_MTOK).`,
      ...(rows.length ? [] : ["No model requests in this period (offline answers cost nothing)."]),
    ],
  };
}
