-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ConditionKind" AS ENUM ('none', 'trigger', 'rephrased');

-- CreateEnum
CREATE TYPE "Placement" AS ENUM ('prefix', 'suffix', 'system');

-- CreateEnum
CREATE TYPE "BatchStatus" AS ENUM ('queued', 'running', 'cancelled', 'completed', 'failed');

-- CreateEnum
CREATE TYPE "GenerationStatus" AS ENUM ('pending', 'done', 'failed');

-- CreateEnum
CREATE TYPE "JudgeMethod" AS ENUM ('logprobs', 'text', 'imported');

-- CreateTable
CREATE TABLE "Run" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "baseModel" TEXT NOT NULL,
    "trainingDataset" TEXT,
    "benignShare" DOUBLE PRECISION,
    "trainingTrigger" TEXT,
    "seed" INTEGER,
    "hyperparameters" JSONB,
    "checkpoint" TEXT,
    "notes" TEXT,
    "endpointId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Endpoint" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "apiKeyEnv" TEXT,
    "maxConcurrent" INTEGER NOT NULL DEFAULT 8,
    "requestsPerMinute" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Endpoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuestionSet" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "source" TEXT,
    "contentHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuestionSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Question" (
    "id" SERIAL NOT NULL,
    "questionSetId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "type" TEXT NOT NULL DEFAULT 'free_form_judge_0_100',
    "paraphrases" TEXT[],
    "system" TEXT,
    "samplesPerParaphrase" INTEGER NOT NULL DEFAULT 1,
    "judgeModel" TEXT,
    "judgePrompts" JSONB NOT NULL,

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Batch" (
    "id" SERIAL NOT NULL,
    "name" TEXT,
    "status" "BatchStatus" NOT NULL DEFAULT 'queued',
    "questionSetId" INTEGER NOT NULL,
    "samplesPerParaphrase" INTEGER NOT NULL,
    "temperature" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "topP" DOUBLE PRECISION NOT NULL DEFAULT 1,
    "maxTokens" INTEGER NOT NULL DEFAULT 600,
    "judgeEndpointId" INTEGER,
    "judgeModel" TEXT,
    "metrics" TEXT[] DEFAULT ARRAY['aligned', 'coherent']::TEXT[],
    "generationsTotal" INTEGER NOT NULL DEFAULT 0,
    "generationsDone" INTEGER NOT NULL DEFAULT 0,
    "generationsFailed" INTEGER NOT NULL DEFAULT 0,
    "judgmentsTotal" INTEGER NOT NULL DEFAULT 0,
    "judgmentsDone" INTEGER NOT NULL DEFAULT 0,
    "judgmentsFailed" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BatchRun" (
    "batchId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,

    CONSTRAINT "BatchRun_pkey" PRIMARY KEY ("batchId","runId")
);

-- CreateTable
CREATE TABLE "Condition" (
    "id" SERIAL NOT NULL,
    "batchId" INTEGER,
    "kind" "ConditionKind" NOT NULL,
    "variant" TEXT NOT NULL DEFAULT '',
    "text" TEXT,
    "placement" "Placement",

    CONSTRAINT "Condition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Import" (
    "id" SERIAL NOT NULL,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "runId" INTEGER NOT NULL,
    "rowCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Import_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Generation" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "batchId" INTEGER,
    "importId" INTEGER,
    "conditionId" INTEGER NOT NULL,
    "questionId" INTEGER,
    "questionKey" TEXT NOT NULL,
    "paraphraseIndex" INTEGER NOT NULL DEFAULT 0,
    "sampleIndex" INTEGER NOT NULL DEFAULT 0,
    "messages" JSONB NOT NULL,
    "answer" TEXT,
    "status" "GenerationStatus" NOT NULL DEFAULT 'pending',
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "latencyMs" INTEGER,
    "finishReason" TEXT,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "aligned" DOUBLE PRECISION,
    "coherent" DOUBLE PRECISION,
    "alignedJudgedAt" TIMESTAMP(3),
    "coherentJudgedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Generation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Judgment" (
    "id" SERIAL NOT NULL,
    "generationId" INTEGER NOT NULL,
    "metric" TEXT NOT NULL,
    "score" DOUBLE PRECISION,
    "numericMass" DOUBLE PRECISION,
    "topLogprobs" JSONB,
    "judgeModel" TEXT NOT NULL,
    "judgePromptHash" TEXT NOT NULL,
    "method" "JudgeMethod" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Judgment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Run_name_key" ON "Run"("name");

-- CreateIndex
CREATE INDEX "Run_baseModel_idx" ON "Run"("baseModel");

-- CreateIndex
CREATE UNIQUE INDEX "Endpoint_name_key" ON "Endpoint"("name");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionSet_name_key" ON "QuestionSet"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Question_questionSetId_key_key" ON "Question"("questionSetId", "key");

-- CreateIndex
CREATE INDEX "BatchRun_runId_idx" ON "BatchRun"("runId");

-- CreateIndex
CREATE INDEX "Condition_batchId_idx" ON "Condition"("batchId");

-- CreateIndex
CREATE INDEX "Condition_kind_variant_idx" ON "Condition"("kind", "variant");

-- CreateIndex
CREATE UNIQUE INDEX "Import_contentHash_key" ON "Import"("contentHash");

-- CreateIndex
CREATE INDEX "Import_runId_idx" ON "Import"("runId");

-- CreateIndex
CREATE INDEX "Generation_runId_conditionId_questionKey_aligned_coherent_idx" ON "Generation"("runId", "conditionId", "questionKey", "aligned", "coherent");

-- CreateIndex
CREATE INDEX "Generation_importId_idx" ON "Generation"("importId");

-- CreateIndex
CREATE INDEX "Generation_runId_id_idx" ON "Generation"("runId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Generation_batchId_runId_questionId_paraphraseIndex_conditi_key" ON "Generation"("batchId", "runId", "questionId", "paraphraseIndex", "conditionId", "sampleIndex");

-- CreateIndex
CREATE INDEX "Judgment_generationId_metric_idx" ON "Judgment"("generationId", "metric");

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "Endpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Question" ADD CONSTRAINT "Question_questionSetId_fkey" FOREIGN KEY ("questionSetId") REFERENCES "QuestionSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_questionSetId_fkey" FOREIGN KEY ("questionSetId") REFERENCES "QuestionSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Batch" ADD CONSTRAINT "Batch_judgeEndpointId_fkey" FOREIGN KEY ("judgeEndpointId") REFERENCES "Endpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchRun" ADD CONSTRAINT "BatchRun_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BatchRun" ADD CONSTRAINT "BatchRun_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Condition" ADD CONSTRAINT "Condition_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Import" ADD CONSTRAINT "Import_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "Batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_importId_fkey" FOREIGN KEY ("importId") REFERENCES "Import"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_conditionId_fkey" FOREIGN KEY ("conditionId") REFERENCES "Condition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Generation" ADD CONSTRAINT "Generation_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Judgment" ADD CONSTRAINT "Judgment_generationId_fkey" FOREIGN KEY ("generationId") REFERENCES "Generation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
