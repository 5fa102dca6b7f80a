import { nextWeekStart, weekStart, type LeaderboardPeriod } from "../progress/leaderboard";
import { formatLocal } from "../progress/time-format";
import type { Reply } from "../reply";
import type { CommandDef } from "./types";
import { bilingual } from "../messages/catalogue";

export const LEADERBOARD_SIZE = 10;
const MEDALS = ["🥇", "🥈", "🥉"];

export const leaderboardCommand: CommandDef = {
  name: "leaderboard",
  description: bilingual("commands.leaderboard.pointsLeaderboardThisWeek"),
  options: [
    {
      name: "period",
      type: "string",
      description: bilingual("commands.leaderboard.weeklyDefaultOrAll"),
      choices: [
        { value: "weekly", name: bilingual("commands.leaderboard.thisWeek") },
        { value: "all", name: bilingual("commands.leaderboard.allTime") },
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
        ? ctx.msg("commands.leaderboard.thisWeekSLeaderboard")
        : ctx.msg("commands.leaderboard.allTimeLeaderboard");
    const footer =
      period === "weekly"
        ? ctx.msg("commands.leaderboard.resets", {
            at: formatLocal(nextWeekStart(now, zone), zone, ctx.locale),
            zone,
          })
        : undefined;
    if (top.length === 0)
      return {
        title,
        text: ctx.msg("commands.leaderboard.noPointsYetType"),
        footer,
      };
    const lines = top.map(
      (e, i) =>
        `${MEDALS[i] ?? `${i + 1}.`} ${e.displayName || ctx.msg("commands.leaderboard.anonymous")} — ${e.points}`,
    );
    if (!top.some((e) => e.learnerId === ctx.learner.id))
      lines.push(
        "",
        me.points
          ? ctx.msg("commands.leaderboard.youWith", {
              rank: me.ahead + 1,
              points: ctx.msg("common.count.point", { count: me.points }),
            })
          : ctx.msg("commands.leaderboard.youHaveNoPoints"),
      );
    return { title, text: lines.join("\n"), footer };
  },
};
