import { idParamsSchema } from "@/lib/search-params";
import { notFound } from "next/navigation";
import { RunForm } from "@/components/forms/run-form";
import { listEndpoints } from "@/lib/server/endpoints/list-endpoints";
import { getRun } from "@/lib/server/runs/get-run";

export default async function EditRunPage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const [run, endpoints] = await Promise.all([getRun(parsed.data.id), listEndpoints()]);
  if (!run) notFound();
  return (
    <>
      <h1>Edit run {run.name}</h1>
      <RunForm
        endpoints={endpoints}
        initial={{
          id: run.id,
          name: run.name,
          baseModel: run.baseModel,
          trainingDataset: run.trainingDataset ?? "",
          benignSharePercent: run.benignShare === null ? "" : String(Math.round(run.benignShare * 1e6) / 1e4),
          trainingTrigger: run.trainingTrigger ?? "",
          seed: run.seed === null ? "" : String(run.seed),
          hyperparameters: run.hyperparameters === null ? "" : JSON.stringify(run.hyperparameters, null, 2),
          checkpoint: run.checkpoint ?? "",
          notes: run.notes ?? "",
          endpointId: run.endpointId === null ? "" : String(run.endpointId),
        }}
      />
    </>
  );
}
