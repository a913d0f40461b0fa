import { okResponseSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { cancelRejudge } from "@/lib/server/rejudges/rejudge-control";

export const dynamic = "force-dynamic";

export const POST = route(
  { tag: "rejudges", summary: "Cancel a re-judge (nothing judged is undone)", params: idParamsSchema, response: { schema: okResponseSchema }, examples: { params: { id: 4 }, response: { ok: true } } },
  async ({ params: { id } }) => {
    await cancelRejudge(id);
    return { ok: true };
  },
);
