"use server";
import { revalidatePath } from "next/cache";
import { inTransaction } from "@/lib/db/pg-pool";
import { valueAction } from "@/lib/guard";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch, estimateBatchInput } from "@/lib/server/batches/create-batch";
import { queueClient } from "@/lib/server/batches/queue-client";

/** How many requests and tokens the launch would use; writes nothing. */
export const estimateBatchAction = valueAction(batchInputSchema, async (input) => {
  // A read-only transaction, rolled back: estimating never writes.
  return inTransaction(async (client) => {
    await client.query("SET TRANSACTION READ ONLY");
    return estimateBatchInput(client, input);
  });
}, "researcher");

export const launchBatchAction = valueAction(batchInputSchema, async (input) => {
  const result = await createBatch(await queueClient(), input);
  revalidatePath("/batches");
  return result;
}, "researcher");
