// The Tutor page's figures: what learners asked (each learner under a pseudonym, stable across
// pages and exports, unless the instructor asks for names), the questions the notes did not
// cover (grouped, most asked first), how many were refused or leak-blocked, and LLM tokens and
// cost per day. Pure.
import { costUsd, type LlmPrices } from "../analytics/llm-cost";
import { hash32 } from "../grading/present";
import type { AskOutcome, CommunityUsage, TutorAskRecord } from "../ports/dashboard";

export const ASK_OUTCOMES: AskOutcome[] = [
  "ok",
  "offline",
  "not-covered",
  "refused",
  "leak-blocked",
  "budget",
  "error",
];

/** "learner-3fa2c1": FNV-1a of the learner id, so the same learner reads the same everywhere. */
export function pseudonym(learnerId: string): string {
  return `learner-${hash32(learnerId).toString(16).padStart(8, "0").slice(0, 6)}`;
}

/** Case, width and spacing folded, so "What is RLHF?" and "what is rlhf ?" group together. */
function groupKey(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\s*[?？]+$/, "");
}

export interface TutorFigures {
  total: number;
  outcomes: Record<AskOutcome, number>;
  uncovered: { text: string; count: number; last: Date }[];
  usage: (CommunityUsage & { costUsd: number })[];
  totalCostUsd: number;
}

export function tutorFigures(
  asks: TutorAskRecord[],
  usage: CommunityUsage[],
  prices: LlmPrices,
): TutorFigures {
  const outcomes = Object.fromEntries(ASK_OUTCOMES.map((o) => [o, 0])) as Record<
    AskOutcome,
    number
  >;
  for (const a of asks) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + 1;
  const groups = new Map<string, { text: string; count: number; last: Date }>();
  for (const a of asks) {
    if (a.outcome !== "not-covered") continue;
    const k = groupKey(a.text);
    const g = groups.get(k) ?? { text: a.text, count: 0, last: a.createdAt };
    g.count++;
    if (a.createdAt > g.last) g.last = a.createdAt;
    groups.set(k, g);
  }
  // Offline answers and refusals are logged with model "offline" or "-": no model request.
  const rows = usage
    .filter((u) => u.model !== "-" && u.model !== "offline")
    .map((u) => ({ ...u, costUsd: costUsd(u, prices) }));
  return {
    total: asks.length,
    outcomes,
    uncovered: [...groups.values()].sort(
      (a, b) => b.count - a.count || b.last.getTime() - a.last.getTime(),
    ),
    usage: rows,
    totalCostUsd: rows.reduce((n, r) => n + r.costUsd, 0),
  };
}
