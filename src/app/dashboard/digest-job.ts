// The weekly instructor digest: for each community with a staff channel (/settings
// staff-channel), once per ISO week of its time zone, from Monday 09:00 local, the digest
// (core/dashboard/digest.ts) goes to that channel through the platform's LessonSender. The
// (community, week) row is the claim, so among several instances exactly one posts it.
import { DateTime } from "luxon";
import { digestReply } from "../../core/dashboard/digest";
import type { LessonSender } from "../../core/ports/lesson-sender";
import type { Logger } from "../../core/ports/logger";
import type { SubscriptionRecord } from "../../core/ports/schedule";
import { type DashboardDeps, loadItems, loadTutor } from "./data";

export const DIGEST_HOUR = 9;
const WEEK_MS = 7 * 86_400_000;

/** The ISO week a digest is due for at `now` in `zone`, or null before Monday 09:00 there. */
export function dueWeek(now: Date, zone: string): string | null {
  const dt = DateTime.fromJSDate(now, { zone });
  const local = dt.isValid ? dt : DateTime.fromJSDate(now, { zone: "UTC" });
  if (local.weekday === 1 && local.hour < DIGEST_HOUR) return null;
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`;
}

/** Posts every digest due now; returns how many were posted. Errors are logged, not thrown. */
export async function runDigests(
  deps: DashboardDeps & { senders: LessonSender[]; logger: Logger },
): Promise<number> {
  const now = deps.clock.now();
  let posted = 0;
  for (const c of await deps.store.dashboard.staffChannels()) {
    const sender = deps.senders.find((s) => s.platform === c.platform);
    const week = dueWeek(now, c.timeZone);
    if (!sender || !week) continue;
    const key = { platform: c.platform, workspaceId: c.workspaceId };
    if (!(await deps.store.dashboard.claimDigest(key, week))) continue;
    try {
      const since = new Date(now.getTime() - WEEK_MS);
      const [items, tutor, community] = await Promise.all([
        loadItems(deps, key, since),
        loadTutor(deps, key, since),
        deps.store.communities.get(key),
      ]);
      const locale = community?.locale === "zh" ? "zh" : "en";
      const reply = digestReply({
        index: deps.index,
        items,
        tutor: tutor.figures,
        dashboardUrl: `${deps.baseUrl}/dashboard`,
        locale,
      });
      // The sender posts to a subscription's target; the digest's target is the staff channel.
      const target: SubscriptionRecord = {
        id: `digest:${c.platform}:${c.workspaceId}:${week}`,
        platform: c.platform,
        workspaceId: c.workspaceId,
        channelId: c.channelId,
        learnerExternalId: null,
        courseId: deps.index.course.id,
        nextLesson: 0,
        timeZone: c.timeZone,
        weekday: 1,
        time: "09:00",
        cron: null,
        locale,
        active: true,
        createdAt: now,
        scheduleFrom: now,
      };
      await sender.send(target, reply);
      posted++;
    } catch (e) {
      deps.logger.warn(
        { platform: c.platform, week, err: e instanceof Error ? e.message : String(e) },
        "weekly digest not posted",
      );
    }
  }
  return posted;
}
