// The weekly instructor digest for a community's staff channel: the five weakest items of the
// last seven days (lowest % correct among those answered often enough to say), the most asked
// questions the notes did not cover, and the dashboard's address. Not a sign-in link: a staff
// channel is shared and read later than 10 minutes; each admin signs in with /dashboard. Pure.
import type { CourseIndex } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { Reply } from "../reply";
import type { ItemFigures } from "./item-view";
import type { TutorFigures } from "./tutor-view";
import { msg } from "../messages/catalogue";

/** An item needs this many answers in the week to count among the weakest. */
export const DIGEST_MIN_ATTEMPTS = 5;

export function weakestItems(items: ItemFigures[], n = 5): ItemFigures[] {
  return items
    .filter((i) => i.attempts >= DIGEST_MIN_ATTEMPTS)
    .sort((a, b) => a.correctPct - b.correctPct || b.attempts - a.attempts)
    .slice(0, n);
}

export function digestReply(input: {
  index: CourseIndex;
  items: ItemFigures[];
  tutor: TutorFigures;
  dashboardUrl: string;
  locale: Locale;
}): Reply {
  const { index, locale } = input;
  const weak = weakestItems(input.items);
  const prompt = (id: string) => {
    const q = index.question(id);
    const text = q ? tr(q.prompt, locale).replace(/\s+/g, " ") : id;
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };
  const weakLines = weak.map(
    (i) =>
      `${i.questionId}: ${i.correctPct}% ${msg(locale, "dashboard.digest.correct")} (${i.attempts}) — ${prompt(i.questionId)}`,
  );
  const uncovered = input.tutor.uncovered
    .slice(0, 5)
    .map((u) => `${u.count}× ${u.text.length > 100 ? `${u.text.slice(0, 99)}…` : u.text}`);
  return {
    title: msg(locale, "dashboard.digest.weeklyInstructorDigest"),
    text: msg(locale, "dashboard.digest.last7DaysAnswers", {
      reduce: input.items.reduce((n, i) => n + i.attempts, 0),
      total: input.tutor.total,
    }),
    fields: [
      {
        name: msg(locale, "dashboard.digest.fiveWeakestItems"),
        value:
          weakLines.join("\n") ||
          msg(locale, "dashboard.digest.needsAnswersPerItem", { DIGEST_MIN_ATTEMPTS }),
      },
      {
        name: msg(locale, "dashboard.digest.topQuestionsTheNotes"),
        value: uncovered.join("\n") || "—",
      },
      {
        name: msg(locale, "dashboard.digest.dashboard"),
        value: msg(locale, "dashboard.digest.adminsDashboardGivesYou", {
          dashboardUrl: input.dashboardUrl,
        }),
      },
    ],
    tone: "info",
  };
}
