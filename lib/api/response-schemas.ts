// What the REST API answers, as zod schemas: the routes declare them, the OpenAPI document is
// generated from them, and the OpenAPI test checks every example against them. Objects are loose
// (further fields may appear); the fields listed are the contract.
import { z } from "zod";

const timestamp = z.string().describe("ISO 8601 date-time (UTC)");
const id = z.number().int().positive();

export const errorResponseSchema = z.object({
  error: z.string().describe("A readable message, safe to show"),
  fieldErrors: z.record(z.string(), z.array(z.string())).describe("Messages per input field (dotted path)"),
});

export const okResponseSchema = z.object({ ok: z.literal(true) });
export const idResponseSchema = z.object({ id });

const progress = z.object({ total: z.number().int(), done: z.number().int(), failed: z.number().int(), pending: z.number().int() });
const errorGroup = z.looseObject({ kind: z.string(), count: z.number().int(), examples: z.array(z.string()) });

export const healthResponseSchema = z.looseObject({
  status: z.enum(["ok", "degraded", "down"]),
  database: z.looseObject({ reachable: z.boolean(), kind: z.string(), serverVersion: z.string().nullable(), latencyMs: z.number().nullable(), pendingMigrations: z.array(z.string()) }),
  workers: z.number().int().min(0).nullable().optional().describe("Workers seen in the last 15 s (null: not known)"),
});

export const runSummarySchema = z.looseObject({
  id,
  name: z.string(),
  baseModel: z.string(),
  trainingDataset: z.string().nullable(),
  benignShare: z.number().min(0).max(1).nullable().describe("Share of benign data in training, 0-1"),
  trainingTrigger: z.string().nullable(),
  seed: z.number().int().nullable(),
  generations: z.number().int(),
  updatedAt: timestamp,
});

export const runDetailSchema = z.looseObject({
  id,
  name: z.string(),
  baseModel: z.string(),
  trainingDataset: z.string().nullable(),
  benignShare: z.number().min(0).max(1).nullable(),
  trainingTrigger: z.string().nullable(),
  seed: z.number().int().nullable(),
  hyperparameters: z.record(z.string(), z.unknown()).nullable(),
  checkpoint: z.string().nullable(),
  notes: z.string().nullable(),
  endpointId: id.nullable(),
  endpoint: z.string().nullable().describe("Name of the endpoint that serves the run"),
});

export const endpointSchema = z.looseObject({
  id,
  name: z.string(),
  baseUrl: z.string(),
  model: z.string(),
  apiKeyEnv: z.string().nullable().describe("NAME of the environment variable holding the key; never the key"),
  maxConcurrent: z.number().int(),
  requestsPerMinute: z.number().int().nullable(),
  timeoutSeconds: z.number().int(),
  inputUsdPerMTok: z.number().nullable().optional().describe("US dollars per million prompt tokens; null: not set"),
  outputUsdPerMTok: z.number().nullable().optional().describe("US dollars per million completion tokens"),
  batchApi: z.boolean().optional().describe("Judges through the provider's Batch API"),
  batchDiscount: z.number().optional().describe("Share of the price the Batch API takes off"),
});

export const endpointTestSchema = z.looseObject({
  ok: z.boolean(),
  message: z.string(),
  latencyMs: z.number().nullable(),
  status: z.number().int().nullable().optional(),
  models: z.array(z.string()).optional(),
});

export const questionSetSummarySchema = z.looseObject({ id, name: z.string(), source: z.string().nullable(), createdAt: timestamp, questions: z.number().int() });

export const questionSetSchema = z.looseObject({
  id,
  name: z.string(),
  source: z.string().nullable(),
  createdAt: timestamp,
  questions: z.array(
    z.looseObject({
      id,
      key: z.string(),
      type: z.string(),
      paraphrases: z.array(z.string()),
      system: z.string().nullable(),
      samplesPerParaphrase: z.number().int().nullable(),
      judgeModel: z.string().nullable(),
      judgePrompts: z.record(z.string(), z.string()),
    }),
  ),
});

export const batchSummarySchema = z.looseObject({
  id,
  name: z.string().nullable(),
  status: z.string(),
  createdAt: timestamp,
  questionSet: z.string(),
  runs: z.string().nullable().describe("Run names, comma-separated"),
  generations: z.number().int(),
  finished: z.number().int(),
});

const count = z.number().int().min(0);
const tokens = z.object({ promptTokens: count, completionTokens: count });
const costEstimate = z
  .object({ usd: z.number().nullable().describe("Dollars at the endpoints' prices; null when none has prices"), unpriced: z.array(z.string()).describe("Endpoints without prices, not counted") })
  .optional();
export const batchEstimateSchema = z
  .object({ generationRequests: count, judgeRequests: count, promptTokens: count, completionTokens: count, perRunGeneration: tokens, judge: tokens, cost: costEstimate })
  .describe("Requests, an upper bound of tokens, and its cost");
export const rejudgeEstimateSchema = z
  .object({ generations: count, judgeRequests: count, promptTokens: count, completionTokens: count, cost: costEstimate })
  .describe("Requests and tokens (~4 characters a token), and their cost");
const spend = z.object({ requests: count, promptTokens: count, completionTokens: count, usd: z.number().nullable(), uncosted: count });

export const batchCreatedSchema = z.looseObject({ batchId: id, generations: z.number().int(), estimate: batchEstimateSchema });

export const batchStatusSchema = z.looseObject({
  id,
  name: z.string().nullable(),
  status: z.enum(["queued", "running", "completed", "failed", "cancelled"]),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
  metrics: z.array(z.string()),
  runs: z.array(z.object({ id, name: z.string() })),
  generation: progress,
  judging: progress,
  throughput: z.number().nullable(),
  etaSeconds: z.number().nullable(),
  elapsedSeconds: z.number().nullable(),
  percent: z.number().min(0).max(100),
  errors: z.array(errorGroup),
  spend: z.object({ generation: spend, judge: spend, usd: z.number().nullable() }).optional().describe("What the batch has cost so far, from the usage the endpoints reported"),
  providerBatches: z
    .array(z.looseObject({ id, remoteId: z.string().nullable(), status: z.string(), requests: count, completed: count, failed: count, error: z.string().nullable() }))
    .optional()
    .describe("Judging through the Batch API: each provider batch's state"),
  workers: z.number().int().min(0).optional().describe("Workers seen in the last 15 s; 0 while the batch is live means it waits for one"),
});

export const resumedSchema = z.looseObject({ generations: z.number().int(), judgments: z.number().int() });

export const rejudgeResumedSchema = z.looseObject({ judgments: z.number().int() });

export const rejudgeCreatedSchema = z.looseObject({ rejudgeId: id, pass: id, generations: z.number().int(), estimate: rejudgeEstimateSchema });

export const rejudgeStatusSchema = z.looseObject({
  id,
  pass: id,
  name: z.string().nullable(),
  status: z.string(),
  judgeModel: z.string(),
  judgeEndpoint: z.string().nullable(),
  metrics: z.array(z.string()),
  generations: z.number().int(),
  judging: progress,
  percent: z.number().min(0).max(100),
  errors: z.array(errorGroup),
  workers: z.number().int().min(0).optional().describe("Workers seen in the last 15 s"),
});

export const emCellSchema = z.object({
  run: z.string().nullable(),
  condition: z.string().nullable(),
  variant: z.string().nullable(),
  question: z.string().nullable(),
  n: z.number().int().describe("Answers counted"),
  k: z.number().int().describe("Misaligned answers among them"),
  rate: z.number().min(0).max(1).nullable(),
  ciLow: z.number().min(0).max(1).nullable(),
  ciHigh: z.number().min(0).max(1).nullable(),
  interval: z.string(),
  questions: z.number().int(),
  meanAligned: z.number().nullable(),
  meanAlignedCiLow: z.number().nullable(),
  meanAlignedCiHigh: z.number().nullable(),
});

const importSummarySchema = z.looseObject({
  importId: id,
  fileName: z.string(),
  format: z.enum(["csv", "jsonl", "inspect-eval", "inspect-json"]),
  run: z.object({ id, name: z.string(), created: z.boolean() }),
  rows: z.number().int(),
  judgments: z.number().int(),
  metrics: z.record(z.string(), z.object({ scored: z.number().int(), nullScores: z.number().int() })),
});

export const uploadResultSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("judged"), summary: importSummarySchema }),
  z.object({ kind: z.literal("question-set"), summary: z.looseObject({ questionSetId: id, name: z.string(), questions: z.number().int(), paraphrases: z.number().int(), metrics: z.array(z.string()) }) }),
]);
