import { resumedSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { resumeBatch } from "@/lib/server/batches/batch-control";
import { queueClient } from "@/lib/server/batches/queue-client";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    tag: "batches",
    summary: "Resume a cancelled or failed batch",
    description: "Failed generations become pending again; every pending generation and missing judgment gets a job.",
    params: idParamsSchema,
    response: { schema: resumedSchema },
    examples: { params: { id: 3 }, response: { generations: 720, judgments: 40 } },
  },
  async ({ params: { id } }) => resumeBatch(await queueClient(), id),
);
