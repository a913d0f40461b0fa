import { rejudgeEstimateExample, rejudgeExample } from "@/lib/api/examples";
import { rejudgeCreatedSchema } from "@/lib/api/response-schemas";
import { route } from "@/lib/guard";
import { queueClient } from "@/lib/server/batches/queue-client";
import { createRejudge } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";

export const dynamic = "force-dynamic";

export const POST = route(
  {
    tag: "rejudges",
    summary: "Re-judge a set of answers as a new pass",
    description: "The set is frozen when the pass is created; workers judge it. The primary judgment (pass 0) is never changed.",
    body: rejudgeInputSchema,
    response: { status: 201, schema: rejudgeCreatedSchema },
    examples: { body: rejudgeExample, response: { rejudgeId: 4, pass: 4, generations: 400, estimate: rejudgeEstimateExample } },
  },
  async ({ body }) => createRejudge(await queueClient(), body),
);
