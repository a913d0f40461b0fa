import Link from "next/link";
import { utcMinute } from "@/lib/format";
import { listRejudges } from "@/lib/server/rejudges/list-rejudges";
import { EmptyRow } from "@/components/tables/empty-row";

export default async function RejudgesPage() {
  const rejudges = await listRejudges();
  return (
    <>
      <h1>Re-judging</h1>
      <p className="lede">
        Answers judged again with another judge endpoint, model or prompt, each as a new pass beside the primary judgment. By default the EM views (Overview,
        Containment, Runs, the API and CLI) count the latest completed pass per answer and metric; each view can choose another, and a
        re-judge&apos;s page can make it primary or exclude it. Compare passes on <Link href="/judges/agreement">Judge agreement</Link>. <Link href="/rejudges/new">Re-judge answers</Link>.
      </p>
      <table className="data" aria-label="Re-judges">
        <thead>
          <tr>
            <th>Pass</th>
            <th>Status</th>
            <th>Judge model</th>
            <th>Metrics</th>
            <th className="num">Judgments</th>
            <th>Created (UTC)</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rejudges.map((r) => (
            <tr key={r.id}>
              <td>
                <Link href={`/rejudges/${r.id}`}>
                  #{r.id} {r.name ?? ""}
                </Link>
              </td>
              <td>{r.status}</td>
              <td>{r.judgeModel}</td>
              <td>{r.metrics.join(", ")}</td>
              <td className="num">
                {r.judged.toLocaleString("en-US")} / {r.total.toLocaleString("en-US")}
              </td>
              <td>{utcMinute(r.createdAt)}</td>
              <td>
                <Link href={`/judges/agreement?a=0&b=${r.id}`}>Agreement with primary</Link>
              </td>
            </tr>
          ))}
          {rejudges.length === 0 && (
            <EmptyRow columns={7}>
              Nothing re-judged yet. <Link href="/rejudges/new">Re-judge a run, a batch, a condition</Link> or, from the <Link href="/generations">explorer</Link>, the answers a filter matches.
            </EmptyRow>
          )}
        </tbody>
      </table>
    </>
  );
}
