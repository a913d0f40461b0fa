import { idParamsSchema } from "@/lib/search-params";
import { route } from "@/lib/guard";
import { cancelBatch } from "@/lib/server/batches/batch-control";

export const dynamic = "force-dynamic";

export const POST = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = idParamsSchema.parse(await params);
  await cancelBatch(id);
  return { ok: true };
}, "researcher");
