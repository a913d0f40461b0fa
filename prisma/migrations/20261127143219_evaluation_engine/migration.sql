-- DropIndex
DROP INDEX "Judgment_generationId_metric_idx";

-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "rateCheckedAt" TIMESTAMP(3),
ADD COLUMN     "rateTokens" DOUBLE PRECISION,
ADD COLUMN     "timeoutSeconds" INTEGER NOT NULL DEFAULT 120;

-- AlterTable
ALTER TABLE "Batch" DROP COLUMN "generationsDone",
DROP COLUMN "generationsFailed",
DROP COLUMN "generationsTotal",
DROP COLUMN "judgmentsDone",
DROP COLUMN "judgmentsFailed",
DROP COLUMN "judgmentsTotal",
ADD COLUMN     "maxAttempts" INTEGER NOT NULL DEFAULT 6;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "errorKind" TEXT;

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "error" TEXT,
ADD COLUMN     "pass" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "Judgment_generationId_metric_judgeModel_judgePromptHash_pas_key" ON "Judgment"("generationId", "metric", "judgeModel", "judgePromptHash", "pass");
