import { rejudgeResumedSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { queueClient } from "@/lib/server/batches/queue-client";
import { resumeRejudge } from "@/lib/server/rejudges/rejudge-control";

export const dynamic = "force-dynamic";

export const POST = route(
  { tag: "rejudges", summary: "Resume a cancelled or failed re-judge", params: idParamsSchema, response: { schema: rejudgeResumedSchema }, examples: { params: { id: 4 }, response: { judgments: 280 } } },
  async ({ params: { id } }) => resumeRejudge(await queueClient(), id),
);
