import { idParamsSchema } from "@/lib/search-params";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/guard";
import { rejudgeStatus } from "@/lib/server/rejudges/rejudge-status";

export const dynamic = "force-dynamic";

export const GET = route(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = idParamsSchema.parse(await params);
  const status = await rejudgeStatus(id);
  if (!status) throw new NotFoundError(`Re-judge ${id} does not exist.`);
  return status;
}, "viewer");
