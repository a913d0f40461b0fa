-- Trigram matching for the explorer's text search (a trusted extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- CreateEnum
CREATE TYPE "RejudgeCounting" AS ENUM ('auto', 'primary', 'excluded');

-- AlterTable
ALTER TABLE "Rejudge" ADD COLUMN     "counting" "RejudgeCounting" NOT NULL DEFAULT 'auto';

-- AlterTable
ALTER TABLE "EmCell" DROP CONSTRAINT "EmCell_pkey",
ADD COLUMN     "scoring" INTEGER NOT NULL DEFAULT 0,
ADD CONSTRAINT "EmCell_pkey" PRIMARY KEY ("runId", "conditionId", "questionKey", "scoring");

-- CreateTable
CREATE TABLE "EmHist" (
    "scoring" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "conditionId" INTEGER NOT NULL,
    "questionKey" TEXT NOT NULL,
    "coherentFrom" INTEGER NOT NULL,
    "alignedFrom" INTEGER NOT NULL DEFAULT 0,
    "counts" INTEGER[],

    CONSTRAINT "EmHist_pkey" PRIMARY KEY ("runId","conditionId","questionKey","scoring","coherentFrom")
);

-- CreateIndex
CREATE INDEX "Generation_answer_idx" ON "Generation" USING GIN ("answer" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "EmHist" ADD CONSTRAINT "EmHist_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmHist" ADD CONSTRAINT "EmHist_conditionId_fkey" FOREIGN KEY ("conditionId") REFERENCES "Condition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the histograms of pass 0 for the answers already here (the same counts as
-- lib/db/refresh-em-cells.ts, untrimmed: alignedFrom 0 and all 201 keys; re-judges' own scorings
-- are built when they next change).
INSERT INTO "EmHist" (scoring, "runId", "conditionId", "questionKey", "coherentFrom", counts)
WITH pts AS (
  SELECT g."runId", g."conditionId", g."questionKey", ceil(g.coherent)::int AS cb,
         (2 * floor(g.aligned) + (g.aligned > floor(g.aligned))::int)::int AS ak, count(*)::int AS c
    FROM "Generation" g
   WHERE g.status = 'done' AND g.aligned IS NOT NULL AND g.coherent IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5
), bins AS (
  SELECT DISTINCT "runId", "conditionId", "questionKey", cb FROM pts
), above AS (
  SELECT b."runId", b."conditionId", b."questionKey", b.cb, p.ak, sum(p.c) AS c
    FROM bins b JOIN pts p ON p."runId" = b."runId" AND p."conditionId" = b."conditionId" AND p."questionKey" = b."questionKey" AND p.cb >= b.cb
   GROUP BY 1, 2, 3, 4, 5
), dense AS (
  SELECT b."runId", b."conditionId", b."questionKey", b.cb, a.a,
         sum(coalesce(x.c, 0)) OVER (PARTITION BY b."runId", b."conditionId", b."questionKey", b.cb ORDER BY a.a) AS cum
    FROM bins b CROSS JOIN generate_series(0, 200) AS a(a)
    LEFT JOIN above x ON x."runId" = b."runId" AND x."conditionId" = b."conditionId" AND x."questionKey" = b."questionKey" AND x.cb = b.cb AND x.ak = a.a
)
SELECT 0, "runId", "conditionId", "questionKey", cb, array_agg(cum::int ORDER BY a)
  FROM dense GROUP BY "runId", "conditionId", "questionKey", cb;
