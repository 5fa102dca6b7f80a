// CommunityRepo over Prisma: per-workspace settings (the leaderboard's time zone).
import type { CommunityRecord, CommunityRepo } from "../../core/ports/learning";
import type { Db } from "../connect";

type Row = Awaited<ReturnType<Db["community"]["findUniqueOrThrow"]>>;
const toCommunity = (r: Row): CommunityRecord => ({
  platform: r.platform,
  workspaceId: r.workspaceId,
  timeZone: r.timeZone,
  locale: r.locale,
  staffChannelId: r.staffChannelId,
});

export function communityRepo(db: Db): CommunityRepo {
  return {
    async get(key) {
      const r = await db.community.findUnique({ where: { platform_workspaceId: key } });
      return r ? toCommunity(r) : null;
    },
    async setTimeZone(key, timeZone) {
      return toCommunity(
        await db.community.upsert({
          where: { platform_workspaceId: key },
          create: { ...key, timeZone },
          update: { timeZone },
        }),
      );
    },
    async setStaffChannel(key, staffChannelId) {
      return toCommunity(
        await db.community.upsert({
          where: { platform_workspaceId: key },
          create: { ...key, staffChannelId },
          update: { staffChannelId },
        }),
      );
    },
  };
}
