import { inTransaction } from "@/lib/db/pg-pool";
import { route } from "@/lib/guard";
import { estimateRejudgeInput } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";

export const dynamic = "force-dynamic";

/** Requests and tokens a re-judge would use; writes nothing. */
export const POST = route(async (request) => {
  const input = rejudgeInputSchema.parse(await request.json().catch(() => ({})));
  return inTransaction(async (client) => {
    await client.query("SET TRANSACTION READ ONLY");
    return estimateRejudgeInput(client, input);
  });
}, "researcher");
