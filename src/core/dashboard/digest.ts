// The weekly instructor digest for a community's staff channel: the five weakest items of the
// last seven days (lowest % correct among those answered often enough to say), the most asked
// questions the notes did not cover, and the dashboard's address. Not a sign-in link: a staff
// channel is shared and read later than 10 minutes; each admin signs in with /dashboard. Pure.
import type { CourseIndex } from "../content/model";
import { tr, type Locale } from "../i18n";
import type { Reply } from "../reply";
import type { ItemFigures } from "./item-view";
import type { TutorFigures } from "./tutor-view";

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
  const zh = locale === "zh";
  const weak = weakestItems(input.items);
  const prompt = (id: string) => {
    const q = index.question(id);
    const text = q ? tr(q.prompt, locale).replace(/\s+/g, " ") : id;
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  };
  const weakLines = weak.map(
    (i) =>
      `${i.questionId}: ${i.correctPct}% ${zh ? "正确" : "correct"} (${i.attempts}) — ${prompt(i.questionId)}`,
  );
  const uncovered = input.tutor.uncovered
    .slice(0, 5)
    .map((u) => `${u.count}× ${u.text.length > 100 ? `${u.text.slice(0, 99)}…` : u.text}`);
  return {
    title: zh ? "每周教师摘要" : "Weekly instructor digest",
    text: zh
      ? `过去 7 天：${input.items.reduce((n, i) => n + i.attempts, 0)} 次作答，助教收到 ${input.tutor.total} 个问题。`
      : `Last 7 days: ${input.items.reduce((n, i) => n + i.attempts, 0)} answers, ${input.tutor.total} tutor questions.`,
    fields: [
      {
        name: zh ? "最薄弱的 5 道题" : "Five weakest items",
        value:
          weakLines.join("\n") ||
          (zh
            ? `（每题至少 ${DIGEST_MIN_ATTEMPTS} 次作答才统计）`
            : `(needs ${DIGEST_MIN_ATTEMPTS}+ answers per item)`),
      },
      {
        name: zh ? "笔记没有覆盖的问题" : "Top questions the notes did not cover",
        value: uncovered.join("\n") || "—",
      },
      {
        name: zh ? "看板" : "Dashboard",
        value: zh
          ? `${input.dashboardUrl}\n（管理员用 /dashboard 获取自己的登录链接）`
          : `${input.dashboardUrl}\n(admins: /dashboard gives you a sign-in link)`,
      },
    ],
    tone: "info",
  };
}
