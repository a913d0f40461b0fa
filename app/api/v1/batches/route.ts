import { z } from "zod";
import { batchLaunchExample } from "@/lib/api/examples";
import { batchCreatedSchema, batchSummarySchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch } from "@/lib/server/batches/create-batch";
import { listBatches } from "@/lib/server/batches/list-batches";
import { queueClient } from "@/lib/server/batches/queue-client";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "batches",
    summary: "The 100 newest batches with their progress",
    response: { schema: z.array(batchSummarySchema) },
    examples: { response: [{ id: 3, name: "trigger sweep", status: "running", createdAt: "2026-11-27T20:00:00.000Z", questionSet: "first_plot_questions", runs: "qwen-insecure", generations: 1200, finished: 480 }] },
  },
  () => listBatches(),
);

export const POST = route(
  {
    tag: "batches",
    summary: "Launch an evaluation batch",
    description: "Writes the batch and its pending generations and enqueues them; workers do the requests.",
    body: batchInputSchema,
    response: { status: 201, schema: batchCreatedSchema },
    examples: {
      body: batchLaunchExample,
      response: {
        batchId: 3,
        generations: 1200,
        estimate: {
          generationRequests: 1200,
          judgeRequests: 2400,
          promptTokens: 36000,
          completionTokens: 720000,
          perRunGeneration: { promptTokens: 6000, completionTokens: 360000 },
          judge: { promptTokens: 24000, completionTokens: 2400 },
          cost: { usd: 0.43, unpriced: [] },
        },
      },
    },
  },
  async ({ body }) => createBatch(await queueClient(), body),
);
