// /leaderboard [weekly|all]: points per learner of this workspace. Weekly counts from Monday
// 00:00 in the community's time zone (admins set it with /settings community-timezone).
import { bi, count } from "../i18n";
import { nextWeekStart, weekStart, type LeaderboardPeriod } from "../progress/leaderboard";
import { formatLocal } from "../progress/time-format";
import type { Reply } from "../reply";
import type { CommandDef } from "./types";

export const LEADERBOARD_SIZE = 10;
const MEDALS = ["🥇", "🥈", "🥉"];

export const leaderboardCommand: CommandDef = {
  name: "leaderboard",
  description: bi("积分排行榜（本周或总榜）", "Points leaderboard (this week or all time)"),
  options: [
    {
      name: "period",
      type: "string",
      description: bi("weekly（本周，默认）或 all（总榜）", "weekly (default) or all"),
      choices: [
        { value: "weekly", name: bi("本周", "This week") },
        { value: "all", name: bi("总榜", "All time") },
      ],
    },
  ],
  async run(ctx, args): Promise<Reply> {
    const period = (args.period as LeaderboardPeriod | undefined) ?? "weekly";
    const key = { platform: ctx.actor.platform, workspaceId: ctx.actor.workspaceId };
    const now = ctx.clock.now();
    const zone = (await ctx.store.communities.get(key))?.timeZone ?? "UTC";
    const since = period === "weekly" ? weekStart(now, zone) : undefined;
    const top = await ctx.store.leaderboard.top(key, { since, limit: LEADERBOARD_SIZE });
    const me = await ctx.store.leaderboard.standing(ctx.learner.id, key, since);
    const title =
      period === "weekly"
        ? ctx.t("本周排行榜", "This week's leaderboard")
        : ctx.t("总排行榜", "All-time leaderboard");
    const footer =
      period === "weekly"
        ? ctx.t(
            `${formatLocal(nextWeekStart(now, zone), zone, "zh")}（${zone}）重置`,
            `Resets ${formatLocal(nextWeekStart(now, zone), zone, "en")} (${zone})`,
          )
        : undefined;
    if (top.length === 0)
      return {
        title,
        text: ctx.t("还没有人得分。输入 /quiz 抢第一！", "No points yet. Type /quiz to be first!"),
        footer,
      };
    const lines = top.map(
      (e, i) =>
        `${MEDALS[i] ?? `${i + 1}.`} ${e.displayName || ctx.t("（匿名）", "(anonymous)")} — ${e.points}`,
    );
    if (!top.some((e) => e.learnerId === ctx.learner.id))
      lines.push(
        "",
        me.points
          ? ctx.t(
              `你：第 ${me.ahead + 1} 名，${me.points} 分`,
              `You: #${me.ahead + 1} with ${count(me.points, "point")}`,
            )
          : ctx.t("你还没有得分。", "You have no points yet."),
      );
    return { title, text: lines.join("\n"), footer };
  },
};
