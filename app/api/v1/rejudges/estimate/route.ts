import { rejudgeEstimateExample, rejudgeExample } from "@/lib/api/examples";
import { rejudgeEstimateSchema } from "@/lib/api/response-schemas";
import { inTransaction } from "@/lib/db/pg-pool";
import { route } from "@/lib/guard";
import { estimateRejudgeInput } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";

export const dynamic = "force-dynamic";

/** Requests and tokens a re-judge would use; writes nothing. */
export const POST = route(
  {
    tag: "rejudges",
    summary: "Estimate a re-judge's requests and tokens (writes nothing)",
    body: rejudgeInputSchema,
    response: { schema: rejudgeEstimateSchema },
    examples: { body: rejudgeExample, response: rejudgeEstimateExample },
  },
  ({ body }) =>
    inTransaction(async (client) => {
      await client.query("SET TRANSACTION READ ONLY");
      return estimateRejudgeInput(client, body);
    }),
);
