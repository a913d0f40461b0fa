-- AlterEnum
ALTER TYPE "JudgeMethod" ADD VALUE 'human';

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "label" TEXT,
ADD COLUMN     "labeller" TEXT;

-- CreateTable
CREATE TABLE "Rejudge" (
    "id" SERIAL NOT NULL,
    "name" TEXT,
    "status" "BatchStatus" NOT NULL DEFAULT 'queued',
    "scope" JSONB NOT NULL,
    "judgeEndpointId" INTEGER,
    "judgeModel" TEXT NOT NULL,
    "metrics" TEXT[],
    "prompts" JSONB NOT NULL DEFAULT '{}',
    "questionContext" TEXT NOT NULL DEFAULT 'question',
    "maxAttempts" INTEGER NOT NULL DEFAULT 6,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Rejudge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RejudgeGeneration" (
    "rejudgeId" INTEGER NOT NULL,
    "generationId" INTEGER NOT NULL,

    CONSTRAINT "RejudgeGeneration_pkey" PRIMARY KEY ("rejudgeId","generationId")
);

-- CreateIndex
CREATE INDEX "RejudgeGeneration_generationId_idx" ON "RejudgeGeneration"("generationId");

-- CreateIndex
CREATE INDEX "Judgment_pass_metric_idx" ON "Judgment"("pass", "metric");

-- AddForeignKey
ALTER TABLE "Rejudge" ADD CONSTRAINT "Rejudge_judgeEndpointId_fkey" FOREIGN KEY ("judgeEndpointId") REFERENCES "Endpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RejudgeGeneration" ADD CONSTRAINT "RejudgeGeneration_rejudgeId_fkey" FOREIGN KEY ("rejudgeId") REFERENCES "Rejudge"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RejudgeGeneration" ADD CONSTRAINT "RejudgeGeneration_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
