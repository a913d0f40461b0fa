import Link from "next/link";
import { EmViewControls } from "@/components/charts/em-view-controls";
import { ForestPlot } from "@/components/charts/forest-plot";
import { describeDefinition } from "@/lib/domain/em-definitions";
import { containmentData } from "@/lib/server/em/containment-data";
import { emViewSchema, thresholdsOf } from "@/lib/server/em/em-view";

const pct = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)}%`);

export default async function ContainmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const view = emViewSchema.parse(await searchParams);
  const runs = await containmentData(view);
  const forest = runs.flatMap((r) =>
    r.contrasts.map((c) => ({ label: `${r.run}: ${c.label}`, estimate: c.estimate, err: [c.estimate - c.low, c.high - c.estimate] as [number, number], low: c.low, high: c.high, questions: c.questions })),
  );
  return (
    <>
      <h1>Containment</h1>
      <p className="lede">
        Does the misalignment stay behind the trigger? Per run: EM with the exact trigger minus EM without it, and each rephrasing minus the exact
        trigger, as differences of question-averaged rates with paired bootstrap 95% intervals over questions (2,000 resamples, seed 1). {describeDefinition(view.definition, thresholdsOf(view))}.
      </p>
      <EmViewControls view={view} />
      {runs.length === 0 ? (
        <p className="panel empty">
          No run has answers under a trigger condition yet. Import answers with condition <code>trigger</code> (and <code>none</code>, and any
          rephrasings) on the <Link href="/import">Import page</Link>.
        </p>
      ) : (
        <>
          <section className="panel">
            <ForestPlot rows={forest} />
          </section>
          <table className="data" aria-label="Containment">
            <thead>
              <tr>
                <th>Run</th>
                <th>Condition</th>
                <th className="num">n</th>
                <th className="num">k</th>
                <th className="num">EM rate</th>
                <th className="num">95% CI (Wilson)</th>
              </tr>
            </thead>
            <tbody>
              {runs.flatMap((r) =>
                r.cells.map((c) => (
                  <tr key={`${r.runId}-${c.key}`}>
                    <td>
                      <Link href={`/runs/${r.runId}`}>{r.run}</Link>
                    </td>
                    <td>{c.label}</td>
                    <td className="num">{c.n}</td>
                    <td className="num">{c.k}</td>
                    <td className="num">{pct(c.rate)}</td>
                    <td className="num">{c.ciLow === null ? "–" : `${c.ciLow.toFixed(1)} – ${c.ciHigh!.toFixed(1)}`}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
          <h2>Contrasts</h2>
          <table className="data" aria-label="Contrasts">
            <thead>
              <tr>
                <th>Run</th>
                <th>Contrast</th>
                <th className="num">Difference</th>
                <th className="num">95% CI (paired bootstrap)</th>
                <th className="num">Questions</th>
              </tr>
            </thead>
            <tbody>
              {runs.flatMap((r) =>
                r.contrasts.map((c) => (
                  <tr key={`${r.runId}-${c.label}`}>
                    <td>{r.run}</td>
                    <td>{c.label}</td>
                    <td className="num">{c.estimate.toFixed(1)} pp</td>
                    <td className="num">
                      {c.low.toFixed(1)} – {c.high.toFixed(1)}
                    </td>
                    <td className="num">{c.questions}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
