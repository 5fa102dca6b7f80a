-- CreateTable
CREATE TABLE "CourseChoice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL DEFAULT '',
    "courseId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CourseNotice" (
    "learnerId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("learnerId", "courseId"),
    CONSTRAINT "CourseNotice_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_QuizSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL DEFAULT 'llm-basics',
    "mode" TEXT NOT NULL DEFAULT 'practice',
    "topic" TEXT,
    "questionIds" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'open',
    "questionShownAt" DATETIME,
    "hintsShown" INTEGER NOT NULL DEFAULT 0,
    "version" INTEGER NOT NULL DEFAULT 0,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "QuizSession_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_QuizSession" ("finishedAt", "hintsShown", "id", "learnerId", "mode", "position", "questionIds", "questionShownAt", "startedAt", "status", "topic", "version") SELECT "finishedAt", "hintsShown", "id", "learnerId", "mode", "position", "questionIds", "questionShownAt", "startedAt", "status", "topic", "version" FROM "QuizSession";
DROP TABLE "QuizSession";
ALTER TABLE "new_QuizSession" RENAME TO "QuizSession";
CREATE INDEX "QuizSession_learnerId_courseId_status_idx" ON "QuizSession"("learnerId", "courseId", "status");
CREATE TABLE "new_Answer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "sessionId" TEXT,
    "courseId" TEXT NOT NULL DEFAULT 'llm-basics',
    "questionId" TEXT NOT NULL,
    "topic" TEXT NOT NULL DEFAULT '',
    "lessonId" TEXT NOT NULL DEFAULT '',
    "workspaceId" TEXT NOT NULL DEFAULT '',
    "given" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "score" REAL NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "timeTakenMs" INTEGER NOT NULL,
    "hintUsed" BOOLEAN NOT NULL DEFAULT false,
    "firstTry" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Answer_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Answer_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "QuizSession" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Answer" ("correct", "createdAt", "firstTry", "given", "hintUsed", "id", "learnerId", "lessonId", "points", "questionId", "score", "sessionId", "timeTakenMs", "topic", "workspaceId") SELECT "correct", "createdAt", "firstTry", "given", "hintUsed", "id", "learnerId", "lessonId", "points", "questionId", "score", "sessionId", "timeTakenMs", "topic", "workspaceId" FROM "Answer";
DROP TABLE "Answer";
ALTER TABLE "new_Answer" RENAME TO "Answer";
CREATE INDEX "Answer_learnerId_courseId_createdAt_idx" ON "Answer"("learnerId", "courseId", "createdAt");
CREATE INDEX "Answer_courseId_questionId_idx" ON "Answer"("courseId", "questionId");
CREATE INDEX "Answer_workspaceId_courseId_createdAt_idx" ON "Answer"("workspaceId", "courseId", "createdAt");
CREATE TABLE "new_Card" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL DEFAULT 'llm-basics',
    "questionId" TEXT NOT NULL,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL,
    "difficulty" REAL NOT NULL,
    "elapsedDays" INTEGER NOT NULL,
    "scheduledDays" INTEGER NOT NULL,
    "learningSteps" INTEGER NOT NULL DEFAULT 0,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "lastReview" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Card_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Card" ("difficulty", "due", "elapsedDays", "id", "lapses", "lastReview", "learnerId", "learningSteps", "questionId", "reps", "scheduledDays", "stability", "state", "updatedAt") SELECT "difficulty", "due", "elapsedDays", "id", "lapses", "lastReview", "learnerId", "learningSteps", "questionId", "reps", "scheduledDays", "stability", "state", "updatedAt" FROM "Card";
DROP TABLE "Card";
ALTER TABLE "new_Card" RENAME TO "Card";
CREATE INDEX "Card_learnerId_courseId_due_idx" ON "Card"("learnerId", "courseId", "due");
CREATE UNIQUE INDEX "Card_learnerId_courseId_questionId_key" ON "Card"("learnerId", "courseId", "questionId");
CREATE TABLE "new_ChannelRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL DEFAULT 'llm-basics',
    "questionIds" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "secondsPerQuestion" INTEGER NOT NULL DEFAULT 20,
    "questionStartedAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'running',
    "runningKey" TEXT,
    "messageRef" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "postPendingSince" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_ChannelRound" ("channelId", "createdAt", "id", "messageRef", "platform", "position", "postPendingSince", "questionIds", "questionStartedAt", "runningKey", "secondsPerQuestion", "status", "version", "workspaceId") SELECT "channelId", "createdAt", "id", "messageRef", "platform", "position", "postPendingSince", "questionIds", "questionStartedAt", "runningKey", "secondsPerQuestion", "status", "version", "workspaceId" FROM "ChannelRound";
DROP TABLE "ChannelRound";
ALTER TABLE "new_ChannelRound" RENAME TO "ChannelRound";
CREATE UNIQUE INDEX "ChannelRound_runningKey_key" ON "ChannelRound"("runningKey");
CREATE INDEX "ChannelRound_platform_channelId_status_idx" ON "ChannelRound"("platform", "channelId", "status");
CREATE INDEX "ChannelRound_postPendingSince_idx" ON "ChannelRound"("postPendingSince");
CREATE TABLE "new_TutorTurn" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "learnerId" TEXT NOT NULL,
    "courseId" TEXT NOT NULL DEFAULT 'llm-basics',
    "threadKey" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "questionId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "TutorTurn_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TutorTurn" ("content", "createdAt", "id", "learnerId", "questionId", "role", "threadKey") SELECT "content", "createdAt", "id", "learnerId", "questionId", "role", "threadKey" FROM "TutorTurn";
DROP TABLE "TutorTurn";
ALTER TABLE "new_TutorTurn" RENAME TO "TutorTurn";
CREATE INDEX "TutorTurn_learnerId_courseId_threadKey_createdAt_idx" ON "TutorTurn"("learnerId", "courseId", "threadKey", "createdAt");
CREATE TABLE "new_Subscription" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "learnerExternalId" TEXT,
    "courseId" TEXT NOT NULL DEFAULT 'llm-basics',
    "nextLesson" INTEGER NOT NULL DEFAULT 0,
    "timeZone" TEXT NOT NULL,
    "weekday" INTEGER NOT NULL DEFAULT 1,
    "time" TEXT NOT NULL DEFAULT '09:00',
    "cron" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "targetKey" TEXT,
    "scheduleFrom" DATETIME
);
INSERT INTO "new_Subscription" ("active", "channelId", "courseId", "createdAt", "cron", "id", "learnerExternalId", "locale", "nextLesson", "platform", "scheduleFrom", "targetKey", "time", "timeZone", "weekday", "workspaceId") SELECT "active", "channelId", "courseId", "createdAt", "cron", "id", "learnerExternalId", "locale", "nextLesson", "platform", "scheduleFrom", "targetKey", "time", "timeZone", "weekday", "workspaceId" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE UNIQUE INDEX "Subscription_targetKey_key" ON "Subscription"("targetKey");
CREATE INDEX "Subscription_active_idx" ON "Subscription"("active");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CourseChoice_platform_workspaceId_channelId_key" ON "CourseChoice"("platform", "workspaceId", "channelId");

