import Link from "next/link";
import type { RunRow } from "@/lib/server/runs/list-runs";

function percent(share: number | null): string {
  return share === null ? "" : `${Math.round(share * 1000) / 10}%`;
}

export function RunsTable({ runs }: { runs: RunRow[] }) {
  if (runs.length === 0) {
    return <p className="panel empty">No runs yet. Create the first one with the form above.</p>;
  }
  return (
    <div className="table-scroll">
    <table className="data" aria-label="Runs">
      <thead>
        <tr>
          <th>Name</th>
          <th>Base model</th>
          <th>Training dataset</th>
          <th className="num">Benign share</th>
          <th>Trigger</th>
          <th className="num">Seed</th>
          <th className="num">Generations</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <Link href={`/runs/${run.id}`}>{run.name}</Link>
            </td>
            <td>{run.baseModel}</td>
            <td>{run.trainingDataset}</td>
            <td className="num">{percent(run.benignShare)}</td>
            <td>
              {run.trainingTrigger && (
                <code title={run.trainingTrigger}>{run.trainingTrigger.length > 90 ? `${run.trainingTrigger.slice(0, 89)}…` : run.trainingTrigger}</code>
              )}
            </td>
            <td className="num">{run.seed}</td>
            <td className="num">{run.generations.toLocaleString("en-US")}</td>
            <td>
              <Link href={`/runs/${run.id}/edit`} aria-label={`Edit ${run.name}`}>
                Edit
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
    </div>
  );
}
