-- CreateTable
CREATE TABLE "CourseVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "bundle" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "publishedBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CourseUpload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseId" TEXT NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "bundle" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CourseVersion_courseId_version_key" ON "CourseVersion"("courseId", "version");

-- CreateIndex
CREATE INDEX "CourseUpload_createdAt_idx" ON "CourseUpload"("createdAt");

