-- CreateTable
CREATE TABLE "EmDelta" (
    "id" SERIAL NOT NULL,
    "scoring" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "conditionId" INTEGER NOT NULL,
    "questionKey" TEXT NOT NULL,
    "coherentBin" INTEGER,
    "alignedKey" INTEGER,
    "count" INTEGER NOT NULL,
    "alignedSum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "EmDelta_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmDelta_runId_conditionId_questionKey_scoring_idx" ON "EmDelta"("runId", "conditionId", "questionKey", "scoring");

-- AddForeignKey
ALTER TABLE "EmDelta" ADD CONSTRAINT "EmDelta_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmDelta" ADD CONSTRAINT "EmDelta_conditionId_fkey" FOREIGN KEY ("conditionId") REFERENCES "Condition"("id") ON DELETE CASCADE ON UPDATE CASCADE;
