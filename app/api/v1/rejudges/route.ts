import { NextResponse } from "next/server";
import { route } from "@/lib/guard";
import { queueClient } from "@/lib/server/batches/queue-client";
import { createRejudge } from "@/lib/server/rejudges/create-rejudge";
import { rejudgeInputSchema } from "@/lib/server/rejudges/rejudge-input";

export const dynamic = "force-dynamic";

export const POST = route(async (request) => {
  const input = rejudgeInputSchema.parse(await request.json().catch(() => ({})));
  const result = await createRejudge(await queueClient(), input);
  return NextResponse.json(result, { status: 201 });
}, "researcher");
