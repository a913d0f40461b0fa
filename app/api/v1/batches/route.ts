import { NextResponse } from "next/server";
import { route } from "@/lib/guard";
import { batchInputSchema } from "@/lib/server/batches/batch-input";
import { createBatch } from "@/lib/server/batches/create-batch";
import { queueClient } from "@/lib/server/batches/queue-client";

export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  const input = batchInputSchema.parse(await request.json().catch(() => ({})));
  const result = await createBatch(await queueClient(), input);
  return NextResponse.json(result, { status: 201 });
}, "researcher");
