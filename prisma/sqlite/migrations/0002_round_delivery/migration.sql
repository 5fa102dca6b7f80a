-- AlterTable
ALTER TABLE "ChannelRound" ADD COLUMN "postPendingSince" DATETIME;
ALTER TABLE "ChannelRound" ADD COLUMN "runningKey" TEXT;

-- Backfill (hand-written): rounds running at upgrade time get their channel's key, the newest
-- one per channel if an older version of the bot let two start, so the unique index can be built.
UPDATE "ChannelRound" SET "runningKey" = "platform" || ':' || "channelId"
WHERE "status" = 'running' AND NOT EXISTS (
    SELECT 1 FROM "ChannelRound" AS "newer"
    WHERE "newer"."platform" = "ChannelRound"."platform" AND "newer"."channelId" = "ChannelRound"."channelId"
      AND "newer"."status" = 'running'
      AND ("newer"."createdAt" > "ChannelRound"."createdAt" OR ("newer"."createdAt" = "ChannelRound"."createdAt" AND "newer"."id" > "ChannelRound"."id")));

-- CreateIndex
CREATE UNIQUE INDEX "ChannelRound_runningKey_key" ON "ChannelRound"("runningKey");

-- CreateIndex
CREATE INDEX "ChannelRound_postPendingSince_idx" ON "ChannelRound"("postPendingSince");

