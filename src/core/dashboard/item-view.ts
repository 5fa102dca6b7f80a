// The Items page's figures: the report's item analysis (question-stats.ts: attempts, facility,
// discrimination, most-picked wrong choice, hints) plus the share of attempts that picked that
// wrong choice, skip rate, median time to answer, tutor requests blocked while the question was
// open, every choice's pick share, and flags for items that look broken. Pure.
import { questionStats, type QuestionStats } from "../analytics/question-stats";
import { median } from "../analytics/topic-distribution";
import type { CourseIndex } from "../content/model";
import type { Given } from "../grading/parse-answer";
import type { SkipFact, TutorAskRecord } from "../ports/dashboard";
import type { AnswerFact } from "../ports/learning";

/** Fewer attempts than this say too little to flag an item. */
export const MIN_ATTEMPTS_TO_FLAG = 10;

export type ItemFlag = "negative-discrimination" | "unused-distractor" | "wrong-beats-key";

export interface ChoiceShare {
  id: string;
  key: boolean;
  picks: number;
  /** Picks as a share of attempts, in percent (multiple choice: shares need not sum to 100). */
  pct: number;
}

export interface ItemFigures extends QuestionStats {
  topWrongPct: number | null;
  skips: number;
  skipPct: number;
  medianTimeMs: number | null;
  blockedAsks: number;
  choices: ChoiceShare[];
  flags: ItemFlag[];
}

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);

/** Picks per choice id (single, multiple) or per "true"/"false". */
function choicePicks(index: CourseIndex, questionId: string, list: AnswerFact[]): ChoiceShare[] {
  const q = index.question(questionId);
  if (!q) return [];
  const ids =
    q.type === "single" || q.type === "multiple"
      ? q.choices.map((c) => c.id)
      : q.type === "true-false"
        ? ["true", "false"]
        : [];
  if (!ids.length) return [];
  const keys = new Set(
    q.type === "single"
      ? [q.answer]
      : q.type === "multiple"
        ? q.answer
        : q.type === "true-false"
          ? [String(q.answer)]
          : [],
  );
  const picks = new Map(ids.map((id) => [id, 0]));
  for (const f of list) {
    const g = f.given as Given | null;
    if (!g || typeof g !== "object") continue;
    const chosen =
      g.type === "single"
        ? [g.choice]
        : g.type === "multiple"
          ? g.choices
          : g.type === "true-false"
            ? [String(g.value)]
            : [];
    for (const c of chosen) if (picks.has(c)) picks.set(c, picks.get(c)! + 1);
  }
  return ids.map((id) => ({
    id,
    key: keys.has(id),
    picks: picks.get(id)!,
    pct: pct(picks.get(id)!, list.length),
  }));
}

export function itemFlags(
  s: Pick<QuestionStats, "attempts" | "discrimination">,
  choices: ChoiceShare[],
): ItemFlag[] {
  if (s.attempts < MIN_ATTEMPTS_TO_FLAG) return [];
  const flags: ItemFlag[] = [];
  if (s.discrimination !== null && s.discrimination < 0) flags.push("negative-discrimination");
  const wrong = choices.filter((c) => !c.key);
  const keys = choices.filter((c) => c.key);
  if (wrong.some((c) => c.picks === 0)) flags.push("unused-distractor");
  if (keys.length && wrong.some((c) => c.picks > Math.min(...keys.map((k) => k.picks))))
    flags.push("wrong-beats-key");
  return flags;
}

export function itemFigures(input: {
  index: CourseIndex;
  facts: AnswerFact[];
  skips: SkipFact[];
  asks: TutorAskRecord[];
}): ItemFigures[] {
  const { index, facts } = input;
  const byQ = new Map<string, AnswerFact[]>();
  for (const f of facts) byQ.set(f.questionId, [...(byQ.get(f.questionId) ?? []), f]);
  const skips = new Map<string, number>();
  for (const s of input.skips) skips.set(s.questionId, (skips.get(s.questionId) ?? 0) + 1);
  const blocked = new Map<string, number>();
  for (const a of input.asks)
    if (a.openQuestionId && (a.outcome === "refused" || a.outcome === "leak-blocked"))
      blocked.set(a.openQuestionId, (blocked.get(a.openQuestionId) ?? 0) + 1);
  return questionStats(index, facts).map((s) => {
    const list = byQ.get(s.questionId) ?? [];
    const choices = choicePicks(index, s.questionId, list);
    const skipped = skips.get(s.questionId) ?? 0;
    const times = list.map((f) => f.timeTakenMs).filter((t): t is number => typeof t === "number");
    return {
      ...s,
      topWrongPct: s.topWrong ? pct(s.topWrong.count, s.attempts) : null,
      skips: skipped,
      skipPct: pct(skipped, s.attempts + skipped),
      medianTimeMs: median(times),
      blockedAsks: blocked.get(s.questionId) ?? 0,
      choices,
      flags: itemFlags(s, choices),
    };
  });
}

export type ItemSortKey =
  | "order"
  | "attempts"
  | "facility"
  | "discrimination"
  | "hints"
  | "skips"
  | "time"
  | "blocked";

export const ITEM_SORT_KEYS: ItemSortKey[] = [
  "order",
  "attempts",
  "facility",
  "discrimination",
  "hints",
  "skips",
  "time",
  "blocked",
];

/** Sorts a copy; nulls (too few answers) last whatever the direction. */
export function sortItems(items: ItemFigures[], key: ItemSortKey, desc: boolean): ItemFigures[] {
  if (key === "order") return desc ? [...items].reverse() : [...items];
  const value = (i: ItemFigures): number | null =>
    key === "attempts"
      ? i.attempts
      : key === "facility"
        ? i.correctPct
        : key === "discrimination"
          ? i.discrimination
          : key === "hints"
            ? i.hintPct
            : key === "skips"
              ? i.skipPct
              : key === "time"
                ? i.medianTimeMs
                : i.blockedAsks;
  return [...items].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === null ? (vb === null ? 0 : 1) : -1;
    return desc ? vb - va : va - vb;
  });
}
