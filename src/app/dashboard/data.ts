// What each dashboard page shows, loaded for one community: the repositories' rows through the
// core's pure figure functions. Shared by the pages, the weekly digest and the benchmark.
import { classFigures, type ClassFigures } from "../../core/dashboard/class-view";
import { itemFigures, type ItemFigures } from "../../core/dashboard/item-view";
import { tutorFigures, type TutorFigures } from "../../core/dashboard/tutor-view";
import type { LlmPrices } from "../../core/analytics/llm-cost";
import type { Clock } from "../../core/clock";
import type { CourseIndex } from "../../core/content/model";
import type { TutorAskRecord } from "../../core/ports/dashboard";
import type { CommunityKey } from "../../core/ports/learning";
import type { DeliveryRecord, SubscriptionRecord } from "../../core/ports/schedule";
import type { Store } from "../../core/ports/store";
import type { LessonSettings } from "../../core/schedule/settings";
import { upcoming } from "../../core/schedule/list-view";
import { scheduleOf } from "../../core/schedule/occurrences";

export interface DashboardDeps {
  index: CourseIndex;
  store: Store;
  clock: Clock;
  prices: LlmPrices;
  /** Dashboard links and the digest point here (PUBLIC_URL). */
  baseUrl: string;
  lessons?: LessonSettings;
}

/** How many days the Class page's per-day charts cover. */
export const CLASS_DAYS = 14;
/** How far back the Tutor page's token and cost table goes. */
export const USAGE_DAYS = 30;

export async function communityZone(d: DashboardDeps, c: CommunityKey): Promise<string> {
  return (await d.store.communities.get(c))?.timeZone ?? "UTC";
}

export async function loadClass(d: DashboardDeps, c: CommunityKey): Promise<ClassFigures> {
  const now = d.clock.now();
  const [facts, learners, due, timeZone] = await Promise.all([
    d.store.analytics.answerFacts({ community: c, given: false }),
    d.store.dashboard.learners(c),
    d.store.dashboard.dueCounts(c, now),
    communityZone(d, c),
  ]);
  return classFigures({ index: d.index, facts, learners, due, now, timeZone, days: CLASS_DAYS });
}

export async function loadItems(
  d: DashboardDeps,
  c: CommunityKey,
  since?: Date,
): Promise<ItemFigures[]> {
  const [facts, skips, asks] = await Promise.all([
    d.store.analytics.answerFacts({ community: c, since }),
    d.store.dashboard.skips(c, since),
    d.store.dashboard.asks(c, since),
  ]);
  return itemFigures({ index: d.index, facts, skips, asks });
}

export async function loadTutor(
  d: DashboardDeps,
  c: CommunityKey,
  since?: Date,
): Promise<{ asks: TutorAskRecord[]; figures: TutorFigures }> {
  const usageSince = new Date(d.clock.now().getTime() - USAGE_DAYS * 86_400_000);
  const [asks, usage] = await Promise.all([
    d.store.dashboard.asks(c, since),
    d.store.dashboard.usage(c, since && since > usageSince ? since : usageSince),
  ]);
  return { asks, figures: tutorFigures(asks, usage, d.prices) };
}

export interface LessonRow {
  sub: SubscriptionRecord;
  next: Date | null;
  recent: DeliveryRecord[];
}

export async function loadLessons(d: DashboardDeps, c: CommunityKey): Promise<LessonRow[]> {
  const now = d.clock.now();
  const rows = await d.store.dashboard.lessons(c, 10);
  const pending = await d.store.deliveries.recordedAfter(
    rows.map((r) => r.sub.id),
    now,
  );
  return rows.map(({ sub, recent }) => {
    let next: Date | null = null;
    if (sub.active && d.index.course.lessons[sub.nextLesson])
      try {
        next = upcoming(scheduleOf(sub, d.lessons?.cron), now, pending.get(sub.id) ?? []);
      } catch {
        next = null; // a cron the validator no longer accepts: shown as "none"
      }
    return { sub, next, recent };
  });
}
