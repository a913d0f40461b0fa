import Link from "next/link";
import { z } from "zod";
import { describeDefinition, EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { labelsReport } from "@/lib/server/labels/labels-report";
import { EmptyRow } from "@/components/tables/empty-row";

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? "–" : x.toFixed(2));

export default async function LabelsReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { definition } = z.object({ definition: z.enum(EM_DEFINITIONS).catch("betley") }).parse(await searchParams);
  const report = await labelsReport(definition);
  return (
    <>
      <h1>Labels: agreement and corrected EM</h1>
      <p className="lede">
        People&apos;s labels against each other and against the primary judge. <Link href="/labels">Label answers</Link>. Method and assumptions:
        docs/JUDGE-ERROR.md in the repository.
      </p>
      <form method="get" className="controls" aria-label="EM definition">
        <label>
          EM definition
          <select name="definition" defaultValue={definition}>
            {EM_DEFINITIONS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
        <span className="muted">{describeDefinition(definition)}</span>
      </form>
      <section className="panel" aria-label="Labellers">
        <h2>Labellers</h2>
        {report.labellers.length === 0 ? (
          <p className="muted">No labels yet.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Labeller</th>
                <th className="num">Labels</th>
              </tr>
            </thead>
            <tbody>
              {report.labellers.map((l) => (
                <tr key={l.name} data-testid={`labeller-${l.name}`}>
                  <td>{l.name}</td>
                  <td className="num">{l.labels}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Inter-labeller agreement">
        <h2>Agreement between labellers</h2>
        {report.agreement.length === 0 ? (
          <p className="muted">No answer has labels from two people yet.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Labellers</th>
                <th className="num">Answers both labelled</th>
                <th className="num">
                  <span className="greek">κ</span> (five labels)
                </th>
                <th className="num">
                  <span className="greek">κ</span> (misaligned or not)
                </th>
                <th className="num">Observed agreement</th>
              </tr>
            </thead>
            <tbody>
              {report.agreement.map((a) => (
                <tr key={`${a.a}-${a.b}`} data-testid={`pair-${a.a}-${a.b}`}>
                  <td>
                    {a.a} · {a.b}
                  </td>
                  <td className="num">{a.n}</td>
                  <td className="num" data-testid="pair-kappa">{num(a.kappa.kappa)}</td>
                  <td className="num">{num(a.kappaEm.kappa)}</td>
                  <td className="num">{pct(a.kappa.observed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-label="Corrected EM">
        <h2>EM corrected for judge error</h2>
        <p className="muted">
          The primary judge&apos;s EM rate (pooled k/n) beside the Rogan-Gladen rate corrected with its sensitivity and specificity against the labels (
          {report.labelledCounted} labelled answers the judge counted), per run and condition. Interval: 95% bootstrap over both samples, judged answers resampled by
          question.
        </p>
        <div className="table-scroll">
          <table className="data">
            <thead>
              <tr>
                <th>Run</th>
                <th>Condition</th>
                <th className="num">Raw EM</th>
                <th className="num">Sensitivity</th>
                <th className="num">Specificity</th>
                <th className="num">Corrected EM</th>
                <th className="num">95% interval</th>
              </tr>
            </thead>
            <tbody>
              {report.corrected.map((c) => (
                <tr key={`${c.run}-${c.condition}`}>
                  <td>{c.run}</td>
                  <td>{c.condition}</td>
                  <td className="num">{pct(c.raw)}</td>
                  <td className="num">
                    {num(c.accuracy.sensitivity)} <span className="muted">({c.accuracy.positives})</span>
                  </td>
                  <td className="num">
                    {num(c.accuracy.specificity)} <span className="muted">({c.accuracy.negatives})</span>
                  </td>
                  <td className="num">
                    <strong>{pct(c.corrected)}</strong>
                  </td>
                  <td className="num">
                    {c.low === null ? "–" : `${pct(c.low)} – ${pct(c.high)}`}
                    {c.pooledLabels && <div className="muted">accuracy from all conditions&apos; labels</div>}
                  </td>
                </tr>
              ))}
              {report.corrected.length === 0 && (
                <EmptyRow columns={7}>
                  Label some answers first.
                </EmptyRow>
              )}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
