import { utcMinute } from "@/lib/format";
import Link from "next/link";
import { listBatches } from "@/lib/server/batches/list-batches";
import { EmptyRow } from "@/components/tables/empty-row";

export default async function BatchesPage() {
  const batches = await listBatches();
  return (
    <>
      <h1>Batches</h1>
      <p className="lede">
        Evaluation batches: answers sampled from each run&apos;s endpoint under each condition, then judged. <Link href="/batches/new">Launch a batch</Link>.
      </p>
      <div className="table-scroll">
      <table className="data" aria-label="Batches">
        <thead>
          <tr>
            <th>Batch</th>
            <th>Status</th>
            <th>Runs</th>
            <th>Question set</th>
            <th className="num">Generations</th>
            <th>Created (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => (
            <tr key={b.id}>
              <td>
                <Link href={`/batches/${b.id}`}>
                  #{b.id} {b.name ?? ""}
                </Link>
              </td>
              <td>{b.status}</td>
              <td>{b.runs}</td>
              <td>{b.questionSet}</td>
              <td className="num">
                {b.finished.toLocaleString("en-US")} / {b.generations.toLocaleString("en-US")}
              </td>
              <td>{utcMinute(b.createdAt)}</td>
            </tr>
          ))}
          {batches.length === 0 && (
            <EmptyRow columns={6}>
              No batches yet. Add endpoints on the <Link href="/endpoints">Endpoints</Link> page, name each run&apos;s endpoint, then{" "}
              <Link href="/batches/new">launch a batch</Link>.
            </EmptyRow>
          )}
        </tbody>
      </table>
      </div>
    </>
  );
}
