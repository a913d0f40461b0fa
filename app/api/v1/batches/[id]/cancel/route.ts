import { okResponseSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { cancelBatch } from "@/lib/server/batches/batch-control";

export const dynamic = "force-dynamic";

export const POST = route(
  { tag: "batches", summary: "Cancel a queued or running batch (nothing done is undone)", params: idParamsSchema, response: { schema: okResponseSchema }, examples: { params: { id: 3 }, response: { ok: true } } },
  async ({ params: { id } }) => {
    await cancelBatch(id);
    return { ok: true };
  },
);
