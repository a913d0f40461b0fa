"use server";
import { revalidatePath } from "next/cache";
import { inTransaction } from "@/lib/db/pg-pool";
import { formAction, valueAction } from "@/lib/guard";
import { queueClient } from "@/lib/server/batches/queue-client";
import { createRejudge, estimateRejudgeInput } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";
import { rejudgeCountingSchema, setRejudgeCounting } from "@/lib/server/rejudges/rejudge-counting";

/** How many judge requests and tokens the re-judge would use; writes nothing. */
export const estimateRejudgeAction = valueAction(rejudgeInputSchema, async (input) =>
  inTransaction(async (client) => {
    await client.query("SET TRANSACTION READ ONLY");
    return estimateRejudgeInput(client, input);
  }),
  "researcher",
);

export const launchRejudgeAction = valueAction(rejudgeInputSchema, async (input) => {
  const result = await createRejudge(await queueClient(), input);
  revalidatePath("/rejudges");
  return result;
}, "researcher");

/** Counts a re-judge in the default EM views (auto, primary) or not (excluded). */
export const setRejudgeCountingAction = formAction(
  rejudgeCountingSchema,
  async (input) => {
    const result = await setRejudgeCounting(input);
    revalidatePath(`/rejudges/${input.rejudgeId}`);
    return result;
  },
  "researcher",
);
