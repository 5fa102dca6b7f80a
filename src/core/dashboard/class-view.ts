// The Class page's figures for one community: answers and active learners per day and per ISO
// week (days in the community's time zone), mastery per lesson and topic bucketed in fifths (the
// heat map; the same mastery the learner sees, mastery.ts), reviews due now and the streak
// distribution. Pure: the rows come from the repositories.
import { DateTime } from "luxon";
import { BUCKETS, topicDistribution } from "../analytics/topic-distribution";
import type { CourseIndex } from "../content/model";
import type { Bilingual } from "../i18n";
import type { LearnerFact } from "../ports/dashboard";
import type { AnswerFact } from "../ports/learning";
import { currentStreak, localDay } from "../progress/streak";

export const STREAK_BUCKETS = ["0", "1-2", "3-6", "7-13", "14+"] as const;
const STREAK_FLOORS = [0, 1, 3, 7, 14];

export interface DayFigure {
  day: string;
  answers: number;
  active: number;
}

export interface HeatRow {
  topic: string;
  name: Bilingual;
  learners: number;
  median: number | null;
  /** Learners per mastery fifth (BUCKETS). */
  buckets: number[];
}

export interface ClassFigures {
  learners: number;
  answers: number;
  correctPct: number | null;
  days: DayFigure[];
  weeks: DayFigure[];
  heat: { lesson: string; title: Bilingual; order: number; rows: HeatRow[] }[];
  dueCards: number;
  dueLearners: number;
  streaks: number[];
}

export { BUCKETS };

/**
 * The local day (YYYY-MM-DD) of many instants in one zone. One Intl formatter instead of a luxon
 * DateTime per answer: the Class page converts every answer of the class, and luxon's per-call
 * cost made that page the dashboard's slowest (bench/dashboard.bench.ts).
 */
export function dayKeyer(zone: string): (at: Date) => string {
  let fmt: Intl.DateTimeFormat;
  try {
    // en-CA writes dates as YYYY-MM-DD.
    fmt = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
  } catch {
    return (at) => localDay(at, zone); // unknown zone: luxon's UTC fallback
  }
  // Every zone's offset is a whole number of quarter hours: one answer per quarter hour decides.
  const seen = new Map<number, string>();
  return (at) => {
    const q = Math.floor(at.getTime() / 900_000);
    let day = seen.get(q);
    if (day === undefined) seen.set(q, (day = fmt.format(at)));
    return day;
  };
}

/** The ISO week ("2026-W10") of a local day. */
export function isoWeek(day: string): string {
  const d = DateTime.fromISO(day, { zone: "UTC" });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, "0")}`;
}

function perPeriod(facts: AnswerFact[], keys: string[], keyOf: (f: AnswerFact) => string) {
  const answers = new Map<string, number>();
  const active = new Map<string, Set<string>>();
  for (const f of facts) {
    const k = keyOf(f);
    answers.set(k, (answers.get(k) ?? 0) + 1);
    const s = active.get(k) ?? new Set<string>();
    s.add(f.learnerId);
    active.set(k, s);
  }
  return keys.map((k) => ({
    day: k,
    answers: answers.get(k) ?? 0,
    active: active.get(k)?.size ?? 0,
  }));
}

export function classFigures(input: {
  index: CourseIndex;
  facts: AnswerFact[];
  learners: LearnerFact[];
  due: Map<string, number>;
  now: Date;
  timeZone: string;
  /** How many days back the per-day chart goes (ending today). */
  days: number;
}): ClassFigures {
  const { index, facts, learners, due, now, timeZone } = input;
  const today = localDay(now, timeZone);
  const dayKeys = Array.from(
    { length: input.days },
    (_, i) =>
      DateTime.fromISO(today, { zone: "UTC" })
        .minus({ days: input.days - 1 - i })
        .toISODate()!,
  );
  const keyOf = dayKeyer(timeZone);
  const dayOf = new Map<AnswerFact, string>(facts.map((f) => [f, keyOf(f.createdAt)]));
  const weeks = new Map<string, string>();
  const weekOf = (day: string) => {
    if (!weeks.has(day)) weeks.set(day, isoWeek(day));
    return weeks.get(day)!;
  };
  const weekKeys = [...new Set(dayKeys.map(weekOf))];
  const dist = new Map(topicDistribution(index, facts).map((t) => [t.topic, t]));
  const heat = index.course.lessons.map((l) => ({
    lesson: l.id,
    title: l.title,
    order: l.order,
    rows: index.course.topics
      .filter((t) => t.lesson === l.id)
      .map((t) => {
        const d = dist.get(t.id);
        return {
          topic: t.id,
          name: t.name,
          learners: d?.learners ?? 0,
          median: d?.median ?? null,
          buckets: d?.buckets ?? BUCKETS.map(() => 0),
        };
      }),
  }));
  const streaks = STREAK_FLOORS.map(() => 0);
  const todayIn = new Map<string, string>();
  for (const l of learners) {
    if (!todayIn.has(l.timeZone)) todayIn.set(l.timeZone, localDay(now, l.timeZone));
    const n = currentStreak(
      { count: l.streakCount, lastDay: l.streakLastDay, freezes: l.streakFreezes },
      todayIn.get(l.timeZone)!,
    );
    let b = 0;
    while (b + 1 < STREAK_FLOORS.length && n >= STREAK_FLOORS[b + 1]) b++;
    streaks[b]++;
  }
  return {
    learners: learners.length,
    answers: facts.length,
    correctPct: facts.length
      ? Math.round((facts.filter((f) => f.correct).length / facts.length) * 1000) / 10
      : null,
    days: perPeriod(facts, dayKeys, (f) => dayOf.get(f)!),
    weeks: perPeriod(facts, weekKeys, (f) => weekOf(dayOf.get(f)!)),
    heat,
    dueCards: [...due.values()].reduce((a, b) => a + b, 0),
    dueLearners: [...due.values()].filter((n) => n > 0).length,
    streaks,
  };
}
