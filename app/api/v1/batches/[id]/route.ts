import { batchStatusSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { showBatch } from "@/lib/server/batches/batch-status";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    tag: "batches",
    summary: "A batch's progress, settings, live EM and errors",
    params: idParamsSchema,
    response: { schema: batchStatusSchema },
    examples: {
      params: { id: 3 },
      response: {
        id: 3, name: "trigger sweep", status: "running", createdAt: "2026-11-27T20:00:00.000Z", startedAt: "2026-11-27T20:00:02.000Z", finishedAt: null,
        metrics: ["aligned", "coherent"], runs: [{ id: 7, name: "qwen-insecure-s1" }],
        generation: { total: 1200, done: 470, failed: 10, pending: 720 }, judging: { total: 2400, done: 900, failed: 0, pending: 1500 },
        throughput: 4.2, etaSeconds: 171, elapsedSeconds: 114, percent: 39, errors: [{ phase: "generation", kind: "timeout", count: 10, examples: ["timed out after 120 s"] }],
      },
    },
  },
  ({ params: { id } }) => showBatch(id),
);
