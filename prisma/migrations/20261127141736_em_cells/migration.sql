-- CreateTable
CREATE TABLE "EmCell" (
    "runId" INTEGER NOT NULL,
    "conditionId" INTEGER NOT NULL,
    "questionKey" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "nullAligned" INTEGER NOT NULL,
    "incoherent" INTEGER NOT NULL,
    "betleyN" INTEGER NOT NULL,
    "betleyK" INTEGER NOT NULL,
    "moN" INTEGER NOT NULL,
    "moK" INTEGER NOT NULL,

    CONSTRAINT "EmCell_pkey" PRIMARY KEY ("runId","conditionId","questionKey")
);

-- AddForeignKey
ALTER TABLE "EmCell" ADD CONSTRAINT "EmCell_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmCell" ADD CONSTRAINT "EmCell_conditionId_fkey" FOREIGN KEY ("conditionId") REFERENCES "Condition"("id") ON DELETE CASCADE ON UPDATE CASCADE;
