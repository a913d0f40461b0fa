-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "inputUsdPerMTok" DOUBLE PRECISION,
ADD COLUMN     "outputUsdPerMTok" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Generation" ADD COLUMN     "costUsd" DOUBLE PRECISION;

-- AlterTable
ALTER TABLE "Judgment" ADD COLUMN     "completionTokens" INTEGER,
ADD COLUMN     "costUsd" DOUBLE PRECISION,
ADD COLUMN     "promptTokens" INTEGER;
