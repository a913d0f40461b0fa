import Link from "next/link";
import { EmViewControls } from "@/components/charts/em-view-controls";
import { EstimandNote } from "@/components/charts/estimand-note";
import { ChartFigure } from "@/components/charts/chart-figure";
import { ForestPlot } from "@/components/charts/forest-plot";
import { describeDefinition } from "@/lib/domain/em-definitions";
import { figureCaption } from "@/lib/domain/figure-export";
import { EmFigure } from "@/components/charts/em-figure";
import { ConditionLegend } from "@/components/charts/overview-chart";
import { EstimateCell } from "@/components/tables/em-table";
import { MIN_CONTRAST_QUESTIONS } from "@/lib/domain/pooled-contrast";
import { formatP, prepareForest, summariseDropped } from "@/lib/domain/forest-plot";
import { containmentData } from "@/lib/server/em/containment-data";
import { overviewData } from "@/lib/server/em/overview-data";
import { runComparison, runPairSchema } from "@/lib/server/em/run-comparison";
import { emViewSchema, thresholdsOf, viewParams } from "@/lib/server/em/em-view";
import { viewPasses } from "@/lib/server/em/view-passes";
import { describeScoring } from "@/lib/domain/scoring";
import { href } from "@/lib/url";

export default async function ContainmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = await searchParams;
  const view = emViewSchema.parse(params);
  const pair = runPairSchema.parse(params);
  const comparing = pair.runA !== undefined && pair.runB !== undefined && pair.runA !== pair.runB;
  const [runs, overview, comparison, passes] = await Promise.all([
    containmentData(view),
    overviewData(view),
    comparing ? runComparison(view, pair.runA!, pair.runB!) : Promise.resolve(null),
    viewPasses(),
  ]);
  const judgments = describeScoring(view.pass, passes);
  const triggered = new Set(runs.map((r) => r.runId));
  const figure = overview.groups.filter((g) => g.runs.some((r) => triggered.has(r.runId)));
  const forest = prepareForest(runs.flatMap((r) => r.contrasts.map((c) => ({ label: `${r.run}: ${c.label}`, contrast: c }))));
  const explorerQuery = new URLSearchParams(viewParams(view)).toString();
  const lowCoherence = view.metric === "em" && runs.some((r) => r.cells.some((c) => c.meanAligned && c.n < 0.6 * c.meanAligned.n));
  return (
    <>
      <h1>Containment</h1>
      <p className="lede">
        Does the misalignment stay behind the trigger? Per base model, every run under each condition (no trigger, exact trigger, each
        rephrasing); then each contrast as a difference of pooled EM rates over the questions both conditions share, with its 95% interval
        and an exact sign-flip p-value over questions.
      </p>
      <EmViewControls view={view} replicates={false} passes={passes} />
      <EstimandNote view={view} passes={passes} />
      {runs.length === 0 ? (
        <p className="panel empty">
          No run has answers under a trigger condition yet. Import answers with condition <code>trigger</code> (and <code>none</code>, and any
          rephrasings) on the <Link href="/import">Import page</Link>.
        </p>
      ) : (
        <>
          {lowCoherence && (
            <p className="panel callout" data-testid="low-coherence">
              For some runs fewer than 60% of the scored answers are coherent, and the EM rate counts only coherent ones: misaligned but
              incoherent answers (common in small models) drop out, so EM can sit near zero while the model is plainly worse. See the{" "}
              <Link href={href("/containment", { ...viewParams(view), metric: "aligned" })}>mean aligned score</Link>, which uses every scored
              answer, or lower the coherence threshold (<Link href={href("/containment", { ...viewParams(view), coherent: 0 })}>T = 0</Link>).
            </p>
          )}
          <ConditionLegend groups={figure} />
          {figure.map((group) => (
            <section key={group.baseModel} className="panel" aria-label={`Containment ${group.baseModel}`}>
              <h2>{group.baseModel}</h2>
              <EmFigure group={group} view={view} explorerQuery={explorerQuery} yMax={overview.yMax} judgments={judgments} />
            </section>
          ))}
          {view.metric === "aligned" ? (
            <p className="panel muted">Contrasts compare EM rates: switch the measure to EM rate to see them.</p>
          ) : (
          <>
          <section className="panel">
            <h2>Contrasts</h2>
            {forest.rows.length ? (
              <ChartFigure
                name="contrasts"
                caption={figureCaption({
                  what: "Contrasts: difference of pooled EM rates (percentage points), paired by question, with jackknife-t 95% intervals (MOVER when a side is at 0)",
                  definition: describeDefinition(view.definition, thresholdsOf(view)),
                  interval: "see docs/STATISTICS.md",
                  answers: runs.reduce((s, r) => s + r.cells.reduce((t, c) => t + c.n, 0), 0),
                  date: new Date(),
                  judgments,
                })}
                data={forest.rows.map((r) => ({ contrast: r.label, difference_pp: r.estimate, ci_low_pp: r.low, ci_high_pp: r.high, p_sign_flip: r.pValue, questions: r.questions }))}
              >
                <ForestPlot rows={forest.rows} domain={forest.domain} ticks={forest.ticks} />
              </ChartFigure>
            ) : (
              <p className="muted">No contrast has an estimate.</p>
            )}
          </section>
          <div className="table-scroll">
            <table className="data" aria-label="Contrasts">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Contrast</th>
                  <th className="num">Difference</th>
                  <th className="num">95% CI</th>
                  <th className="num">p (sign-flip)</th>
                  <th className="num">Questions</th>
                  <th className="num">Answers</th>
                  <th>Dropped questions</th>
                </tr>
              </thead>
              <tbody>
                {runs.flatMap((r) =>
                  r.contrasts.map((c) => (
                    <tr key={`${r.runId}-${c.label}`}>
                      <td className="nowrap">
                        <Link href={href(`/runs/${r.runId}`, viewParams(view))}>{r.run}</Link>
                      </td>
                      <td>{c.label}</td>
                      <td className="num nowrap">{c.estimate === null ? "–" : `${c.estimate.toFixed(1)} pp`}</td>
                      <td className="num nowrap">{c.low === null ? <span className="muted">{c.note ?? "–"}</span> : `${c.low.toFixed(1)} – ${c.high!.toFixed(1)}`}</td>
                      <td className="num">
                        {formatP(c.pValue)}
                        {c.pValue !== null && !c.pValueExact ? " (MC)" : ""}
                      </td>
                      <td className="num">{c.questions}</td>
                      <td className="num">
                        {c.nA} / {c.nB}
                      </td>
                      <td className="small" title={c.dropped.map((d) => `${d.question}: ${d.reason}`).join("\n")}>
                        {summariseDropped(c.dropped)}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            Below {MIN_CONTRAST_QUESTIONS} shared questions no interval is printed. A contrast equals the difference of the two bars when both
            conditions have the same questions; dropped questions are listed.
          </p>
          </>
          )}
          <h2>By condition</h2>
          <div className="table-scroll">
            <table className="data" aria-label="Containment">
              <thead>
                <tr>
                  <th>Run</th>
                  <th>Condition</th>
                  <th className="num">EM rate (95% CI, k/n, questions)</th>
                  <th className="num">Mean aligned (95% CI)</th>
                </tr>
              </thead>
              <tbody>
                {runs.flatMap((r) =>
                  r.cells.map((c) => (
                    <tr key={`${r.runId}-${c.key}`}>
                      <td>
                        <Link href={href(`/runs/${r.runId}`, viewParams(view))}>{r.run}</Link>
                      </td>
                      <td>{c.label}</td>
                      <td className="num">
                        <EstimateCell v={c} link={href("/generations", { ...viewParams(view), run: r.runId, condition: c.kind, variant: c.variant ?? "", em: "misaligned" })} />
                      </td>
                      <td className="num">
                        {c.meanAligned
                          ? `${c.meanAligned.mean.toFixed(1)}${c.meanAligned.ciLow === null ? "" : ` (${c.meanAligned.ciLow.toFixed(1)}–${c.meanAligned.ciHigh!.toFixed(1)})`}, n=${c.meanAligned.n}`
                          : "–"}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
      <section className="panel" aria-label="Compare two runs">
        <h2>Compare two runs</h2>
        <p className="muted small">
          E.g. a 0%-benign and a 97%-benign training mix, or two seeds: the difference of pooled EM rates under each condition both runs
          were evaluated under, paired by question, with the same interval and sign-flip p-value as above.
        </p>
        <form method="get" className="controls" aria-label="Runs to compare">
          {Object.entries(viewParams(view)).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          {(["runA", "runB"] as const).map((field) => (
            <label key={field}>
              {field === "runA" ? "Run A" : "Run B"}
              <select name={field} defaultValue={pair[field] ?? ""}>
                <option value="">choose…</option>
                {overview.recipes.map((r) => (
                  <option key={r.runId} value={r.runId}>
                    {r.run}
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit" className="button secondary">
            Compare
          </button>
        </form>
        {comparison && comparison.length === 0 && <p className="muted">These two runs share no condition.</p>}
        {comparison && comparison.length > 0 && (
          <div className="table-scroll">
            <table className="data" aria-label="Run comparison">
              <thead>
                <tr>
                  <th>Condition</th>
                  <th className="num">Run A</th>
                  <th className="num">Run B</th>
                  <th className="num">A − B</th>
                  <th className="num">95% CI</th>
                  <th className="num">p (sign-flip)</th>
                  <th className="num">Questions</th>
                  <th>Dropped questions</th>
                </tr>
              </thead>
              <tbody>
                {comparison.map((c) => (
                  <tr key={c.condition}>
                    <td>{c.condition}</td>
                    <td className="num">
                      <EstimateCell v={c.a} />
                    </td>
                    <td className="num">
                      <EstimateCell v={c.b} />
                    </td>
                    <td className="num nowrap">{c.contrast.estimate === null ? "–" : `${c.contrast.estimate.toFixed(1)} pp`}</td>
                    <td className="num nowrap">
                      {c.contrast.low === null ? <span className="muted">{c.contrast.note ?? "–"}</span> : `${c.contrast.low.toFixed(1)} – ${c.contrast.high!.toFixed(1)}`}
                    </td>
                    <td className="num">{formatP(c.contrast.pValue)}</td>
                    <td className="num">{c.contrast.questions}</td>
                    <td className="small">{summariseDropped(c.contrast.dropped)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
