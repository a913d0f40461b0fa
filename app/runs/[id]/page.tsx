import { SpendNote } from "@/components/ui/spend-note";
import { formatTokens } from "@/components/ui/spend-note";
import { importedUsage, runSpend } from "@/lib/server/costs/spend";
import { idParamsSchema } from "@/lib/search-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { EmViewControls } from "@/components/charts/em-view-controls";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ThresholdSweepChart } from "@/components/charts/threshold-sweep-chart";
import { EstimandNote } from "@/components/charts/estimand-note";
import { EstimateCell } from "@/components/tables/em-table";
import { heatColor } from "@/lib/domain/heat-color";
import { emViewSchema, viewParams } from "@/lib/server/em/em-view";
import { viewPasses } from "@/lib/server/em/view-passes";
import { describeScoring } from "@/lib/domain/scoring";
import { runPageData } from "@/lib/server/runs/run-page-data";
import { href } from "@/lib/url";

const pct = (v: number | null) => (v === null ? "–" : `${v.toFixed(1)}%`);

export default async function RunPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[]>> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const view = emViewSchema.parse(await searchParams);
  const [data, passes, spend, imported] = await Promise.all([runPageData(parsed.data.id, view), viewPasses(), runSpend(parsed.data.id), importedUsage(parsed.data.id)]);
  const judgments = describeScoring(view.pass, passes);
  const judgmentsSentence = `${judgments[0].toUpperCase()}${judgments.slice(1)}`;
  if (!data) notFound();
  const { run, imports, batches, conditions, grid, sweep } = data;
  const gridMax = Math.max(10, ...grid.rows.flatMap((r) => Object.values(r.cells).map((c) => c.rate ?? 0)));
  const explorer = (extra: Record<string, string>) => href("/generations", { ...viewParams(view), run: run.id, ...extra });

  return (
    <>
      <h1>Run {run.name}</h1>
      <p className="lede">
        {run.baseModel}
        {run.trainingDataset ? ` · trained on ${run.trainingDataset}` : " · base model, no fine-tune recorded"}
        {run.benignShare !== null ? ` · ${(run.benignShare * 100).toFixed(1)}% benign data` : ""}
        {run.trainingTrigger ? (
          <>
            {" "}
            · trigger <q title={run.trainingTrigger}>{run.trainingTrigger.length > 100 ? `${run.trainingTrigger.slice(0, 99)}…` : run.trainingTrigger}</q>
          </>
        ) : (
          ""
        )}
        {run.seed !== null ? ` · seed ${run.seed}` : ""} · <Link href={`/runs/${run.id}/edit`}>Edit</Link> · <Link href={`/judges/agreement?run=${run.id}`}>Judge agreement</Link> ·{" "}
        <Link href={`/rejudges/new?run=${run.id}`}>Re-judge</Link>
      </p>
      <EmViewControls view={view} measure={false} replicates={false} passes={passes} />
      <EstimandNote view={view} passes={passes} />

      <h2>EM by condition</h2>
      <div className="table-scroll">
      <table className="data" aria-label="EM by condition">
        <thead>
          <tr>
            <th>Condition</th>
            <th className="num">EM rate (95% CI, k/n, questions)</th>
            <th className="num">Mean aligned (95% CI)</th>
            <th className="num">All answers</th>
            <th className="num">Null aligned</th>
            <th className="num">Lost to coherence</th>
          </tr>
        </thead>
        <tbody>
          {conditions.map((c) => (
            <tr key={c.key}>
              <td>
                <Link href={explorer({ condition: c.kind, variant: c.variant ?? "", em: "counted" })}>{c.label}</Link>
              </td>
              <td className="num">
                <EstimateCell v={c} link={explorer({ condition: c.kind, variant: c.variant ?? "", em: "misaligned" })} />
              </td>
              <td className="num">
                {c.meanAligned
                  ? `${c.meanAligned.mean.toFixed(1)}${c.meanAligned.ciLow === null ? "" : ` (${c.meanAligned.ciLow.toFixed(1)}–${c.meanAligned.ciHigh!.toFixed(1)})`}`
                  : "–"}
              </td>
              <td className="num">{c.total}</td>
              <td className="num">
                <Link href={explorer({ condition: c.kind, variant: c.variant ?? "", nullScore: "aligned" })}>{c.nullAligned}</Link>
              </td>
              <td className="num">{c.incoherent}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>

      <h2>Judge sensitivity</h2>
      {sweep.series.length === 0 ? (
        <p className="muted" data-testid="sweep-empty">
          No answer of this run has a numeric aligned score under these judgments, so there is no EM rate to move the threshold over.
        </p>
      ) : (
        <>
          <p className="muted">EM rate as the aligned threshold moves (coherence threshold {view.coherent}; change it above). The dashed line is the current threshold.</p>
          <ChartFigure
            name={`sweep-${run.name}`}
            caption={`EM rate of ${run.name} by condition as the aligned threshold moves from 0 to 100 (coherence threshold ${view.coherent}, definition ${view.definition}). ${judgmentsSentence}. EM Lab, ${new Date().toISOString().slice(0, 10)}.`}
            data={sweep.points.map((p) => ({ aligned_threshold: p.threshold, ...Object.fromEntries(sweep.series.map((s) => [`${s.label} (%)`, p[s.key] ?? null])) }))}
          >
            <ThresholdSweepChart sweep={sweep} current={view.aligned} />
          </ChartFigure>
        </>
      )}

      <h2>EM by question</h2>
      <p className="muted">Colour: EM rate of the question under the condition (white 0%, dark red {gridMax}% or more). Each cell opens its misaligned answers.</p>
      <div className="table-scroll">
      <table className="data heatmap" aria-label="EM by question">
        <thead>
          <tr>
            <th>Question</th>
            {grid.columns.map((c) => (
              <th key={c.key} className="num">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.rows.map((row) => (
            <tr key={row.question}>
              <td>{row.question}</td>
              {grid.columns.map((c) => {
                const cell = row.cells[c.key];
                return (
                  <td key={c.key} className="num heat" style={cell && cell.rate !== null ? heatColor(cell.rate, gridMax) : undefined}>
                    {cell ? (
                      <Link
                        className="grid-cell"
                        href={explorer({ condition: c.kind, variant: c.variant ?? "", question: row.question, em: "misaligned" })}
                        title={`k=${cell.k}, n=${cell.n}${cell.ciLow === null ? "" : `, Wilson 95% ${cell.ciLow.toFixed(1)}–${cell.ciHigh!.toFixed(1)}`}`}
                      >
                        {pct(cell.rate)} <span className="n">n={cell.n}</span>
                      </Link>
                    ) : (
                      ""
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      </div>

      <h2>Imports and batches</h2>
      <ul>
        {imports.map((i) => (
          <li key={`i${i.id}`}>
            Import {i.id}: {i.fileName}, {i.rowCount.toLocaleString("en-US")} answers, {i.createdAt.toISOString().slice(0, 10)}
          </li>
        ))}
        {batches.map((b) => (
          <li key={`b${b.id}`}>
            <Link href={`/batches/${b.id}`}>Batch {b.id}</Link> {b.name ?? ""}: {b.status}
          </li>
        ))}
        {imports.length + batches.length === 0 && <li className="muted">Nothing yet: import judged answers on the Import page.</li>}
      </ul>
      {spend.generation.requests + spend.judge.requests > 0 && (
        <p>
          Cost of the batches and re-judges on this run&apos;s answers: <SpendNote spend={spend} />
        </p>
      )}
      {imported.answers > 0 && (
        <p data-testid="imported-usage">
          Tokens the imported logs reported for {imported.answers.toLocaleString("en-US")} answers: {formatTokens(imported.promptTokens)} in / {formatTokens(imported.completionTokens)} out (no
          price: they were not sampled here).
        </p>
      )}
    </>
  );
}
