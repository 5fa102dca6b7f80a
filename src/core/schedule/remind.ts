// The reminder half of a tick: learners who opted in, whose local clock passed the reminder
// time, who have reviews due and got no reminder today, get one DM. The ReminderLog row
// (unique learner + local day) is claimed before sending, so instances never double up.
import type { Clock } from "../clock";
import type { LessonSender } from "../ports/lesson-sender";
import type { Logger } from "../ports/logger";
import { reminderKey } from "../ports/schedule";
import type { Store } from "../ports/store";
import { reminderReply, reminderTimeReached } from "./reminders";
import type { LessonSettings } from "./settings";

export interface ReminderDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  settings: LessonSettings;
  senders: Map<string, LessonSender>;
  now: Date;
}

export async function sendReminders(deps: ReminderDeps): Promise<number> {
  const { store, logger, senders, now } = deps;
  const candidates = await store.reminders.listOptedIn([...senders.keys()]);
  const reached = candidates
    .map((c) => ({ c, ...reminderTimeReached(now, c.timeZone, deps.settings.reminderTime) }))
    .filter((x) => x.due);
  if (reached.length === 0) return 0;
  const done = await store.reminders.alreadySent(
    reached.map((x) => ({ learnerId: x.c.learnerId, day: x.day })),
  );
  const pending = reached.filter((x) => !done.has(reminderKey(x.c.learnerId, x.day)));
  if (pending.length === 0) return 0;
  const counts = await store.reminders.dueCounts(
    pending.map((x) => x.c.learnerId),
    now,
  );
  let sent = 0;
  for (const { c, day } of pending) {
    const due = counts.get(c.learnerId) ?? 0;
    if (due === 0) continue;
    if (!(await store.reminders.claimDay(c.learnerId, day, deps.clock.now()))) continue;
    try {
      await senders
        .get(c.platform)!
        .sendDirect(
          { platform: c.platform, workspaceId: c.workspaceId, externalId: c.externalId },
          reminderReply(due, c.locale ?? "en"),
        );
      sent++;
    } catch (e) {
      // Give the day back so a later tick tries again; the learner still gets at most one.
      await store.reminders.releaseDay(c.learnerId, day);
      logger.warn(
        { learner: c.learnerId, err: String((e as Error)?.message ?? e).slice(0, 300) },
        "review reminder failed; will retry",
      );
    }
  }
  return sent;
}
