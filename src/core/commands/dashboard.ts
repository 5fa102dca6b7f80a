// /dashboard (admins): a private one-time link to the instructor dashboard for this community
// (valid 10 minutes, single use; see docs/dashboard.md). The link itself is made in src/app
// (it needs randomness and hashing); the core decides who may have one.
import { UserError } from "../errors";
import { formatLocal } from "../progress/time-format";
import type { Reply } from "../reply";
import type { CommandDef } from "./types";
import { bilingual } from "../messages/catalogue";

export const dashboardCommand: CommandDef = {
  name: "dashboard",
  description: bilingual("commands.dashboard.adminsAOneTime"),
  admin: true,
  private: true,
  async run(ctx): Promise<Reply> {
    // A DM has no community: its "workspace" would be the asker alone.
    if (
      !ctx.actor.capabilities.oneConversation &&
      (!ctx.actor.workspaceId || ctx.actor.isDirectMessage)
    )
      throw new UserError(bilingual("commands.dashboard.runDashboardInA"), "no_community");
    if (!ctx.dashboard)
      throw new UserError(bilingual("commands.dashboard.theDashboardIsNot"), "no_dashboard");
    const link = await ctx.dashboard.issue({
      platform: ctx.actor.platform,
      workspaceId: ctx.actor.workspaceId,
    });
    const zone = ctx.learner.timeZone;
    return {
      title: ctx.msg("commands.dashboard.instructorDashboard"),
      text: ctx.msg("commands.dashboard.yourPrivateOneTime", {
        url: link.url,
        until: formatLocal(link.expiresAt, zone, ctx.locale),
      }),
      private: true,
    };
  },
};
