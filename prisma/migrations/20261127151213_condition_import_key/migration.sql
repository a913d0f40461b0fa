-- AlterTable
ALTER TABLE "Condition" ADD COLUMN     "importKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Condition_importKey_key" ON "Condition"("importKey");

-- Existing batch-less conditions (imports) get their key; the lowest id wins if one was ever doubled.
UPDATE "Condition" c SET "importKey" = c.kind::text || ':' || c.variant
 WHERE c."batchId" IS NULL
   AND c.id = (SELECT min(d.id) FROM "Condition" d WHERE d."batchId" IS NULL AND d.kind = c.kind AND d.variant = c.variant);
