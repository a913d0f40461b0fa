import Link from "next/link";
import { z } from "zod";
import { AgreementScatter } from "@/components/charts/agreement-scatter";
import { DEFAULT_THRESHOLDS, describeDefinition, EM_DEFINITIONS } from "@/lib/domain/em-definitions";
import { VERDICTS } from "@/lib/domain/judge-agreement";
import { agreementData, DISAGREEMENTS } from "@/lib/server/judges/agreement-data";
import { judgingPasses } from "@/lib/server/judges/judging-passes";
import { listRuns } from "@/lib/server/runs/list-runs";
import { EmptyRow } from "@/components/tables/empty-row";

const paramsSchema = z.object({
  a: z.coerce.number().int().min(0).optional().catch(undefined),
  b: z.coerce.number().int().min(0).optional().catch(undefined),
  run: z.coerce.number().int().positive().optional().catch(undefined),
  definition: z.enum(EM_DEFINITIONS).catch("betley"),
});

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null, digits = 2) => (x === null ? "–" : x.toFixed(digits));

/** One pass's EM rate in a table cell: the rate, its interval and k/n. */
function PassRate({ interval, em }: { interval: { estimate: number | null; low: number | null; high: number | null } | null | undefined; em: { k: number; n: number } }) {
  return (
    <>
      {pct(interval?.estimate)}
      {interval?.low != null && (
        <span className="muted">
          {" "}
          [{pct(interval.low)}, {pct(interval.high)}]
        </span>
      )}
      <div className="muted">
        k/n {em.k}/{em.n}
      </div>
    </>
  );
}

export default async function JudgeAgreementPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const params = paramsSchema.parse(await searchParams);
  const [passes, runs] = await Promise.all([judgingPasses(), listRuns()]);
  const a = params.a ?? 0;
  const b = params.b ?? passes.find((p) => p.pass > 0)?.pass ?? 0;
  const label = (pass: number) => passes.find((p) => p.pass === pass)?.label ?? `pass ${pass}`;
  const model = (pass: number) => passes.find((p) => p.pass === pass)?.judgeModel ?? "";
  const data = await agreementData(a, b, params.definition, params.run);
  const [all] = data.summaries;
  return (
    <>
      <h1>Judge agreement</h1>
      <p className="lede">
        Two judging passes over the same answers: do the judges agree on the EM verdict? The EM views (Overview, Containment, Runs) count the latest completed pass per answer by default, and can count any pass;
        re-judge answers on the <Link href="/rejudges">Re-judging</Link> page to compare another judge.
      </p>
      <form className="controls" method="get" aria-label="Passes">
        <label>
          Pass A
          <select name="a" defaultValue={a}>
            {passes.map((p) => (
              <option key={p.pass} value={p.pass}>
                {p.label} · {p.judgeModel} ({p.generations.toLocaleString("en-US")})
              </option>
            ))}
          </select>
        </label>
        <label>
          Pass B
          <select name="b" defaultValue={b}>
            {passes.map((p) => (
              <option key={p.pass} value={p.pass}>
                {p.label} · {p.judgeModel} ({p.generations.toLocaleString("en-US")})
              </option>
            ))}
          </select>
        </label>
        <label>
          Run
          <select name="run" defaultValue={params.run ?? ""}>
            <option value="">all runs</option>
            {runs.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          EM definition
          <select name="definition" defaultValue={params.definition}>
            {EM_DEFINITIONS.map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Compare</button>
      </form>
      <p className="muted">
        A: <strong>{label(a)}</strong> ({model(a)}) · B: <strong>{label(b)}</strong> ({model(b)}) · {describeDefinition(params.definition)} · answers both passes scored on aligned and
        coherent: <strong data-testid="paired-answers">{data.answers.toLocaleString("en-US")}</strong>
      </p>
      {data.answers === 0 ? (
        <p className="panel empty">These two passes have no answers in common. Re-judge a set of answers, then compare the new pass with the primary one.</p>
      ) : (
        <>
          <section className="panel" aria-label="Agreement by condition">
            <h2>Agreement and EM rate by condition</h2>
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th>Condition</th>
                    <th className="num">Answers</th>
                    <th className="num">
                      Cohen&apos;s <span className="greek">κ</span> (verdict)
                    </th>
                    <th className="num">
                      <span className="greek">κ</span> (EM yes/no)
                    </th>
                    <th className="num">
                      Spearman <span className="greek">ρ</span> (aligned)
                    </th>
                    <th className="num">EM under A</th>
                    <th className="num">EM under B</th>
                  </tr>
                </thead>
                <tbody>
                  {data.summaries.map((s) => (
                    <tr key={s.condition} data-testid={`agreement-${s.condition}`}>
                      <td>{s.condition === "all" ? <strong>all conditions</strong> : s.condition}</td>
                      <td className="num">{s.answers.toLocaleString("en-US")}</td>
                      <td className="num" data-testid="kappa">{num(s.kappa.kappa)}</td>
                      <td className="num">{num(s.kappaEm.kappa)}</td>
                      <td className="num">{num(s.spearmanAligned)}</td>
                      <td className="num">
                        <PassRate interval={s.intervalA} em={s.emA} />
                      </td>
                      <td className="num">
                        <PassRate interval={s.intervalB} em={s.emB} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className="muted">
              EM rates: pooled k/n over answers with a 95% question-clustered interval (cluster-adjusted Wilson, as on the other EM views; none with one question). κ is
              undefined (–) when both judges give every answer the same verdict.
            </p>
          </section>
          <section className="panel" aria-label="Scatter of aligned scores">
            <h2>Aligned scores</h2>
            <AgreementScatter series={data.scatter.series} labelA={`A (${model(a)})`} labelB={`B (${model(b)})`} threshold={DEFAULT_THRESHOLDS.aligned} />
            <p className="muted">
              {data.scatter.shown.toLocaleString("en-US")} of {data.scatter.total.toLocaleString("en-US")} answers both passes scored; click a point to open the answer. Dashed lines: the
              aligned threshold.
            </p>
          </section>
          <section className="panel" aria-label="Confusion matrices">
            <h2>Verdicts: A (rows) against B (columns)</h2>
            <div className="matrices">
              {data.summaries.map((s) => (
                <table key={s.condition} className="data matrix" aria-label={`Confusion matrix, ${s.condition}`} data-testid={`matrix-${s.condition}`}>
                  <caption>{s.condition === "all" ? "all conditions" : s.condition}</caption>
                  <thead>
                    <tr>
                      <th>A \ B</th>
                      {VERDICTS.map((v) => (
                        <th key={v} className="num">
                          {v}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {VERDICTS.map((v, i) => (
                      <tr key={v}>
                        <th>{v}</th>
                        {s.matrix.counts[i].map((n, j) => (
                          <td key={j} className={`num${i === j ? " diagonal" : ""}`}>
                            {n}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              ))}
            </div>
          </section>
          <section className="panel" aria-label="Largest disagreements">
            <h2>Where they disagree most</h2>
            <p className="muted">Different verdicts first, then the largest gap in aligned score; up to {DISAGREEMENTS}.</p>
            <div className="table-scroll">
              <table className="data">
                <thead>
                  <tr>
                    <th>Answer</th>
                    <th>Condition</th>
                    <th>Question</th>
                    <th>Verdict A</th>
                    <th>Verdict B</th>
                    <th className="num">aligned A</th>
                    <th className="num">aligned B</th>
                    <th className="num">coherent A</th>
                    <th className="num">coherent B</th>
                  </tr>
                </thead>
                <tbody>
                  {data.disagreements.map((d) => (
                    <tr key={d.generationId}>
                      <td>
                        <Link href={`/generations/${d.generationId}${b > 0 ? `?pass=${b}` : ""}`}>#{d.generationId}</Link>
                      </td>
                      <td>{d.condition}</td>
                      <td>{d.question}</td>
                      <td>{d.verdictA}</td>
                      <td>{d.verdictB}</td>
                      <td className="num">{num(d.a.aligned, 1)}</td>
                      <td className="num">{num(d.b.aligned, 1)}</td>
                      <td className="num">{num(d.a.coherent, 1)}</td>
                      <td className="num">{num(d.b.coherent, 1)}</td>
                    </tr>
                  ))}
                  {data.disagreements.length === 0 && (
                    <EmptyRow columns={9}>
                      The two passes gave every answer the same scores.
                    </EmptyRow>
                  )}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </>
  );
}
