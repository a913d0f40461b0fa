import { idParamsSchema } from "@/lib/search-params";
import { route } from "@/lib/guard";
import { cancelRejudge } from "@/lib/server/rejudges/rejudge-control";

export const dynamic = "force-dynamic";

export const POST = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = idParamsSchema.parse(await params);
  await cancelRejudge(id);
  return { ok: true };
}, "researcher");
