import { idParamsSchema } from "@/lib/search-params";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/guard";
import { batchStatus } from "@/lib/server/batches/batch-status";

export const dynamic = "force-dynamic";

export const GET = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = idParamsSchema.parse(await params);
  const status = await batchStatus(id);
  if (!status) throw new NotFoundError(`Batch ${id} does not exist.`);
  return status;
}, "viewer");
