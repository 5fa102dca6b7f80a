// /dashboard (admins): a private one-time link to the instructor dashboard for this community
// (valid 10 minutes, single use; see docs/dashboard.md). The link itself is made in src/app
// (it needs randomness and hashing); the core decides who may have one.
import { UserError } from "../errors";
import { bi } from "../i18n";
import { formatLocal } from "../progress/time-format";
import type { Reply } from "../reply";
import type { CommandDef } from "./types";

export const dashboardCommand: CommandDef = {
  name: "dashboard",
  description: bi(
    "（管理员）获取教师看板的一次性登录链接（10 分钟内有效）",
    "(admins) A one-time sign-in link to the instructor dashboard (valid 10 minutes)",
  ),
  admin: true,
  private: true,
  async run(ctx): Promise<Reply> {
    // A DM has no community: its "workspace" would be the asker alone.
    if (ctx.actor.platform !== "console" && (!ctx.actor.workspaceId || ctx.actor.isDirectMessage))
      throw new UserError(
        bi(
          "请在服务器/工作区的频道里运行 /dashboard，看板属于那个社区。",
          "Run /dashboard in a channel of your server or workspace: the dashboard is that community's.",
        ),
        "no_community",
      );
    if (!ctx.dashboard)
      throw new UserError(
        bi(
          "本实例没有开启看板（需要 HTTP 服务器：设置 PORT 或 PUBLIC_URL）。",
          "The dashboard is not served by this instance (it needs the HTTP server: set PORT).",
        ),
        "no_dashboard",
      );
    const link = await ctx.dashboard.issue({
      platform: ctx.actor.platform,
      workspaceId: ctx.actor.workspaceId,
    });
    const zone = ctx.learner.timeZone;
    return {
      title: ctx.t("教师看板", "Instructor dashboard"),
      text: ctx.t(
        `只给你看的一次性登录链接：\n${link.url}\n${formatLocal(link.expiresAt, zone, "zh")} 前有效，只能用一次。不要转发。`,
        `Your private one-time sign-in link:\n${link.url}\nValid until ${formatLocal(link.expiresAt, zone, "en")}, once. Do not share it.`,
      ),
      private: true,
    };
  },
};
