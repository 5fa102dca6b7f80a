-- CreateIndex
CREATE INDEX "Answer_sessionId_idx" ON "Answer"("sessionId");

