import { idParamsSchema } from "@/lib/search-params";
import { notFound } from "next/navigation";
import { batchStatus } from "@/lib/server/batches/batch-status";
import { BatchProgress } from "./batch-progress-client";

export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const status = await batchStatus(parsed.data.id);
  if (!status) notFound();
  return (
    <>
      <h1>
        Batch #{status.id} {status.name ?? ""}
      </h1>
      <BatchProgress initial={status} />
    </>
  );
}
