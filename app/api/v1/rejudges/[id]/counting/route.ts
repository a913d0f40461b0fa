import { idParamsSchema } from "@/lib/search-params";
import { route } from "@/lib/guard";
import { rejudgeCountingSchema, setRejudgeCounting } from "@/lib/server/rejudges/rejudge-counting";

export const dynamic = "force-dynamic";

/** `{"counting": "auto"|"primary"|"excluded"}`: whether the default EM views count this re-judge. */
export const POST = route(async (request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = idParamsSchema.parse(await params);
  const body = (await request.json().catch(() => ({}))) as Record<string, unknown>;
  return setRejudgeCounting(rejudgeCountingSchema.parse({ ...body, rejudgeId: id }));
});
