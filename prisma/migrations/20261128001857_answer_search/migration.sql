-- DropIndex
DROP INDEX "Generation_answer_idx";

-- DropIndex
DROP INDEX "Generation_importId_idx";

-- AlterTable
ALTER TABLE "Import" ADD COLUMN     "searchIndexed" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "AnswerSearch" (
    "generationId" INTEGER NOT NULL,
    "answer" TEXT NOT NULL,

    CONSTRAINT "AnswerSearch_pkey" PRIMARY KEY ("generationId")
);

-- Answers that batches wrote are copied now (before the index is built, which is faster); those of
-- imports are copied by a worker afterwards (Import.searchIndexed), as new imports' are.
INSERT INTO "AnswerSearch" ("generationId", "answer")
SELECT "id", "answer" FROM "Generation" WHERE "importId" IS NULL AND "answer" IS NOT NULL;

-- CreateIndex
CREATE INDEX "AnswerSearch_answer_idx" ON "AnswerSearch" USING GIN ("answer" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Generation_importId_id_idx" ON "Generation"("importId", "id");

-- AddForeignKey
ALTER TABLE "AnswerSearch" ADD CONSTRAINT "AnswerSearch_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
