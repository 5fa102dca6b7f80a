-- DropIndex
DROP INDEX "QuizSession_learnerId_status_idx";

-- DropIndex
DROP INDEX "Answer_learnerId_createdAt_idx";

-- DropIndex
DROP INDEX "Answer_questionId_idx";

-- DropIndex
DROP INDEX "Answer_workspaceId_createdAt_idx";

-- DropIndex
DROP INDEX "Card_learnerId_due_idx";

-- DropIndex
DROP INDEX "Card_learnerId_questionId_key";

-- DropIndex
DROP INDEX "TutorTurn_learnerId_threadKey_createdAt_idx";

-- AlterTable
ALTER TABLE "QuizSession" ADD COLUMN     "courseId" TEXT NOT NULL DEFAULT 'llm-basics';

-- AlterTable
ALTER TABLE "Answer" ADD COLUMN     "courseId" TEXT NOT NULL DEFAULT 'llm-basics';

-- AlterTable
ALTER TABLE "Card" ADD COLUMN     "courseId" TEXT NOT NULL DEFAULT 'llm-basics';

-- AlterTable
ALTER TABLE "ChannelRound" ADD COLUMN     "courseId" TEXT NOT NULL DEFAULT 'llm-basics';

-- AlterTable
ALTER TABLE "TutorTurn" ADD COLUMN     "courseId" TEXT NOT NULL DEFAULT 'llm-basics';

-- AlterTable
ALTER TABLE "Subscription" ALTER COLUMN "courseId" SET DEFAULT 'llm-basics';

-- CreateTable
CREATE TABLE "CourseChoice" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL DEFAULT '',
    "courseId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CourseChoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CourseNotice" (
    "learnerId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CourseNotice_pkey" PRIMARY KEY ("learnerId","courseId")
);

-- CreateIndex
CREATE UNIQUE INDEX "CourseChoice_platform_workspaceId_channelId_key" ON "CourseChoice"("platform", "workspaceId", "channelId");

-- CreateIndex
CREATE INDEX "QuizSession_learnerId_courseId_status_idx" ON "QuizSession"("learnerId", "courseId", "status");

-- CreateIndex
CREATE INDEX "Answer_learnerId_courseId_createdAt_idx" ON "Answer"("learnerId", "courseId", "createdAt");

-- CreateIndex
CREATE INDEX "Answer_courseId_questionId_idx" ON "Answer"("courseId", "questionId");

-- CreateIndex
CREATE INDEX "Answer_workspaceId_courseId_createdAt_idx" ON "Answer"("workspaceId", "courseId", "createdAt");

-- CreateIndex
CREATE INDEX "Card_learnerId_courseId_due_idx" ON "Card"("learnerId", "courseId", "due");

-- CreateIndex
CREATE UNIQUE INDEX "Card_learnerId_courseId_questionId_key" ON "Card"("learnerId", "courseId", "questionId");

-- CreateIndex
CREATE INDEX "TutorTurn_learnerId_courseId_threadKey_createdAt_idx" ON "TutorTurn"("learnerId", "courseId", "threadKey", "createdAt");

-- AddForeignKey
ALTER TABLE "CourseNotice" ADD CONSTRAINT "CourseNotice_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

