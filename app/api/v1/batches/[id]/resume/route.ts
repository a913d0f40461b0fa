import { idParamsSchema } from "@/lib/search-params";
import { route } from "@/lib/guard";
import { resumeBatch } from "@/lib/server/batches/batch-control";
import { queueClient } from "@/lib/server/batches/queue-client";

export const dynamic = "force-dynamic";

export const POST = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = idParamsSchema.parse(await params);
  return resumeBatch(await queueClient(), id);
}, "researcher");
