// The per-learner tutor budget as a token bucket: `max` questions, one regained every
// `refillSeconds`, plus a cap on LLM tokens per UTC day. Pure functions over the stored row;
// the service applies them with an optimistic write so two instances cannot both spend the
// last question.
import type { BudgetState } from "../ports/tutor";

export interface BudgetConfig {
  max: number;
  refillSeconds: number;
  dailyTokens: number;
}

export const DEFAULT_BUDGET: BudgetConfig = { max: 10, refillSeconds: 180, dailyTokens: 50_000 };

const utcDay = (d: Date) => d.toISOString().slice(0, 10);

/** The budget as of `now`: refilled for the time elapsed, daily counter reset on a new day. */
export function refreshed(state: BudgetState | null, now: Date, cfg: BudgetConfig): BudgetState {
  if (!state) return { tokens: cfg.max, refilledAt: now, day: utcDay(now), tokensToday: 0 };
  const elapsed = Math.max(0, (now.getTime() - state.refilledAt.getTime()) / 1000);
  const tokens = Math.min(cfg.max, state.tokens + elapsed / cfg.refillSeconds);
  const day = utcDay(now);
  return { tokens, refilledAt: now, day, tokensToday: day === state.day ? state.tokensToday : 0 };
}

export interface BudgetView {
  left: number;
  max: number;
  nextInSeconds: number;
  dailyCapReached: boolean;
}

export function view(state: BudgetState, cfg: BudgetConfig): BudgetView {
  const left = Math.floor(state.tokens + 1e-9);
  const nextInSeconds =
    left >= cfg.max ? 0 : Math.ceil((1 - (state.tokens - left)) * cfg.refillSeconds);
  return {
    left,
    max: cfg.max,
    nextInSeconds,
    dailyCapReached: state.tokensToday >= cfg.dailyTokens,
  };
}

export function canSpend(state: BudgetState, cfg: BudgetConfig): boolean {
  const v = view(state, cfg);
  return v.left >= 1 && !v.dailyCapReached;
}

export const spend = (s: BudgetState): BudgetState => ({ ...s, tokens: s.tokens - 1 });
export const refund = (s: BudgetState, cfg: BudgetConfig): BudgetState => ({
  ...s,
  tokens: Math.min(cfg.max, s.tokens + 1),
});
export const addTokens = (s: BudgetState, n: number): BudgetState => ({
  ...s,
  tokensToday: s.tokensToday + Math.max(0, Math.round(n)),
});
