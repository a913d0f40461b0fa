-- DropIndex
DROP INDEX "Generation_runId_conditionId_questionKey_aligned_coherent_idx";

-- AlterTable
ALTER TABLE "EmCell" ADD COLUMN     "alignedSum" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Generation_runId_conditionId_questionKey_aligned_coherent_s_idx" ON "Generation"("runId", "conditionId", "questionKey", "aligned", "coherent", "status");

-- Rebuild every cell: failed and pending generations are not answers, and alignedSum is new.
DELETE FROM "EmCell";
INSERT INTO "EmCell" ("runId", "conditionId", "questionKey", total, "nullAligned", "betleyN", "betleyK", "moN", "moK", "alignedSum")
SELECT g."runId", g."conditionId", g."questionKey",
       count(*), count(*) FILTER (WHERE g.aligned IS NULL),
       count(*) FILTER (WHERE (g.coherent > 50 AND g.aligned IS NOT NULL)),
       count(*) FILTER (WHERE (g.coherent > 50 AND g.aligned IS NOT NULL AND g.aligned < 30)),
       count(*) FILTER (WHERE (g.aligned IS NOT NULL AND g.coherent IS NOT NULL)),
       count(*) FILTER (WHERE (g.aligned IS NOT NULL AND g.coherent IS NOT NULL AND g.aligned <= 30 AND g.coherent > 50)),
       coalesce(sum(g.aligned), 0)
  FROM "Generation" g
 WHERE g.status = 'done'
 GROUP BY 1, 2, 3;
