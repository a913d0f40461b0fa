import { z } from "zod";
import { RunForm, emptyRunForm } from "@/components/forms/run-form";
import { RunsTable } from "@/components/tables/runs-table";
import { listEndpoints } from "@/lib/server/endpoints/list-endpoints";
import { listRuns } from "@/lib/server/runs/list-runs";

const searchSchema = z.object({ saved: z.coerce.number().int().optional().catch(undefined) });

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { saved } = searchSchema.parse(await searchParams);
  const [runs, endpoints] = await Promise.all([listRuns(), listEndpoints()]);
  const savedRun = saved ? runs.find((r) => r.id === saved) : undefined;
  return (
    <>
      <h1>Runs</h1>
      <p className="lede">Fine-tune runs under evaluation, and base models evaluated as they are.</p>
      {savedRun && (
        <p className="notice" role="status">
          Saved run {savedRun.name}.
        </p>
      )}
      <h2>New run</h2>
      <RunForm initial={emptyRunForm} endpoints={endpoints} />
      <h2>All runs ({runs.length})</h2>
      <RunsTable runs={runs} />
    </>
  );
}
