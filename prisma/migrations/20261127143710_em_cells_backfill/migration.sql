-- AlterTable
ALTER TABLE "EmCell" DROP COLUMN "incoherent";

-- Backfill: databases that had answers before EmCell existed get their cells now
-- (the same counts as lib/db/refresh-em-cells.ts at aligned 30, coherent 50).
DELETE FROM "EmCell";
INSERT INTO "EmCell" ("runId", "conditionId", "questionKey", total, "nullAligned", "betleyN", "betleyK", "moN", "moK")
SELECT g."runId", g."conditionId", g."questionKey",
       count(*),
       count(*) FILTER (WHERE g.aligned IS NULL),
       count(*) FILTER (WHERE g.coherent > 50 AND g.aligned IS NOT NULL),
       count(*) FILTER (WHERE g.coherent > 50 AND g.aligned IS NOT NULL AND g.aligned < 30),
       count(*) FILTER (WHERE g.aligned IS NOT NULL AND g.coherent IS NOT NULL),
       count(*) FILTER (WHERE g.aligned IS NOT NULL AND g.coherent IS NOT NULL AND g.aligned <= 30 AND g.coherent > 50)
  FROM "Generation" g
 GROUP BY 1, 2, 3;
