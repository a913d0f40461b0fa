-- AlterTable
ALTER TABLE "Endpoint" ADD COLUMN     "batchApi" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "batchDiscount" DOUBLE PRECISION NOT NULL DEFAULT 0.5;

-- CreateTable
CREATE TABLE "ProviderBatch" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER NOT NULL,
    "endpointId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'submitting',
    "remoteId" TEXT,
    "inputFileId" TEXT,
    "outputFileId" TEXT,
    "errorFileId" TEXT,
    "requests" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProviderBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProviderBatchItem" (
    "id" SERIAL NOT NULL,
    "generationId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "providerBatchId" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderBatchItem_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProviderBatch_batchId_idx" ON "ProviderBatch"("batchId");

-- CreateIndex
CREATE INDEX "ProviderBatch_status_idx" ON "ProviderBatch"("status");

-- CreateIndex
CREATE INDEX "ProviderBatchItem_providerBatchId_idx" ON "ProviderBatchItem"("providerBatchId");

-- CreateIndex
CREATE UNIQUE INDEX "ProviderBatchItem_generationId_metric_key" ON "ProviderBatchItem"("generationId", "metric");

-- AddForeignKey
ALTER TABLE "ProviderBatch" ADD CONSTRAINT "ProviderBatch_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderBatch" ADD CONSTRAINT "ProviderBatch_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderBatchItem" ADD CONSTRAINT "ProviderBatchItem_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProviderBatchItem" ADD CONSTRAINT "ProviderBatchItem_providerBatchId_fkey" FOREIGN KEY ("providerBatchId") REFERENCES "ProviderBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;
