-- CreateTable
CREATE TABLE "SeenRequest" (
    "key" TEXT NOT NULL,
    "seenAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeenRequest_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "SeenRequest_seenAt_idx" ON "SeenRequest"("seenAt");

