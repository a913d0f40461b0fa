import { z } from "zod";
import { route } from "@/lib/guard";
import { idParamsSchema } from "@/lib/search-params";
import { REJUDGE_COUNTINGS, rejudgeCountingSchema, setRejudgeCounting } from "@/lib/server/rejudges/rejudge-counting";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    tag: "rejudges",
    summary: "Whether the default EM views count this re-judge",
    description: "auto: counted once complete, as the latest pass; primary: counted even before it completes, above every other pass; excluded: never counted by default. The EM cells it covers are rebuilt at once.",
    params: idParamsSchema,
    body: z.strictObject({ counting: rejudgeCountingSchema.shape.counting }),
    response: { schema: z.object({ rejudgeId: z.number().int(), counting: z.enum(REJUDGE_COUNTINGS) }) },
    examples: { params: { id: 4 }, body: { counting: "primary" }, response: { rejudgeId: 4, counting: "primary" } },
  },
  ({ params: { id }, body }) => setRejudgeCounting({ rejudgeId: id, counting: body.counting }),
);
