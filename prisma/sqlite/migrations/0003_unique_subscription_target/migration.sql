-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "scheduleFrom" DATETIME;
ALTER TABLE "Subscription" ADD COLUMN "targetKey" TEXT;

-- Data: a target had no unique key, so concurrent /lesson subscribe calls could leave several
-- active rows for one target (each posting every lesson). The target's newest active row (or,
-- with none active, its newest row) keeps the target; older duplicates stay as history,
-- inactive and keyless (NULLs never clash in a unique index). The key matches subscriptionKey()
-- in src/core/schedule/target.ts.
UPDATE "Subscription" SET "targetKey" = "platform" || '|' || "workspaceId" ||
  CASE WHEN "learnerExternalId" IS NULL THEN '|channel|' || "channelId" ELSE '|dm|' || "learnerExternalId" END
WHERE "id" = (
  SELECT s2."id" FROM "Subscription" AS s2
  WHERE s2."platform" = "Subscription"."platform" AND s2."workspaceId" = "Subscription"."workspaceId"
    AND ((s2."learnerExternalId" IS NULL AND "Subscription"."learnerExternalId" IS NULL AND s2."channelId" = "Subscription"."channelId")
      OR s2."learnerExternalId" = "Subscription"."learnerExternalId")
  ORDER BY s2."active" DESC, s2."createdAt" DESC, s2."id" DESC
  LIMIT 1
);
UPDATE "Subscription" SET "active" = false WHERE "targetKey" IS NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_targetKey_key" ON "Subscription"("targetKey");

