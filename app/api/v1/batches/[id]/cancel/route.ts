import { z } from "zod";
import { route } from "@/lib/guard";
import { cancelBatch } from "@/lib/server/batches/batch-control";

export const dynamic = "force-dynamic";

export const POST = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = z.object({ id: z.coerce.number().int().positive() }).parse(await params);
  await cancelBatch(id);
  return { ok: true };
});
