// Storage port for the tutor: conversation turns per thread, the per-learner question budget,
// the usage log (tokens, model, latency, outcome) and the embeddings cache.

import type { TutorAskRecord } from "./dashboard";

export type TurnRole = "user" | "assistant";

export interface TutorTurnRecord {
  role: TurnRole;
  content: string;
  questionId: string | null;
  createdAt: Date;
}

/** The learner's budget row: question tokens (refilling over time) and today's LLM tokens. */
export interface BudgetState {
  tokens: number;
  refilledAt: Date;
  day: string;
  tokensToday: number;
}

export type UsageOutcome = "ok" | "offline" | "refused" | "error" | "leak-blocked" | "budget";

export interface UsageRow {
  learnerId: string | null;
  model: string;
  tokensIn: number;
  tokensOut: number;
  latencyMs: number;
  outcome: UsageOutcome;
  createdAt: Date;
}

export interface UsageDay {
  day: string;
  model: string;
  requests: number;
  tokensIn: number;
  tokensOut: number;
  failures: number;
}

export interface TutorRepo {
  addTurn(learnerId: string, threadKey: string, turn: TutorTurnRecord): Promise<void>;
  /** The last `limit` turns of the thread, oldest first. */
  recentTurns(learnerId: string, threadKey: string, limit: number): Promise<TutorTurnRecord[]>;
  getBudget(learnerId: string): Promise<BudgetState | null>;
  /** Writes `next` only if the row still equals `prev` (null = no row yet); false if another request won. */
  saveBudget(learnerId: string, prev: BudgetState | null, next: BudgetState): Promise<boolean>;
  recordUsage(row: UsageRow): Promise<void>;
  /** One question put to the tutor and its outcome, for the instructor dashboard. */
  recordAsk(row: TutorAskRecord & { platform: string; workspaceId: string }): Promise<void>;
  /** Usage grouped by UTC day and model since `since`, oldest first. */
  usageByDay(since: Date): Promise<UsageDay[]>;
  getEmbeddings(hashes: string[]): Promise<Map<string, number[]>>;
  putEmbeddings(rows: { hash: string; model: string; vector: number[] }[]): Promise<void>;
}
