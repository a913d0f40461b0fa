-- AlterTable
ALTER TABLE "EmHist" ADD COLUMN     "coherentBelow" INTEGER NOT NULL DEFAULT -1;

-- Existing rows: each row's next lower coherentFrom within its cell and scoring.
UPDATE "EmHist" h SET "coherentBelow" = b.below
  FROM (SELECT scoring, "runId", "conditionId", "questionKey", "coherentFrom",
               coalesce(lag("coherentFrom") OVER (PARTITION BY scoring, "runId", "conditionId", "questionKey" ORDER BY "coherentFrom"), -1) AS below
          FROM "EmHist") b
 WHERE h.scoring = b.scoring AND h."runId" = b."runId" AND h."conditionId" = b."conditionId"
   AND h."questionKey" = b."questionKey" AND h."coherentFrom" = b."coherentFrom" AND b.below <> -1;
