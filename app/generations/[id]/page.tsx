import { utcMinute } from "@/lib/format";
import { idParamsSchema } from "@/lib/search-params";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LogprobChart } from "@/components/charts/logprob-chart";
import { classifyAnswer } from "@/lib/domain/em-definitions";
import { prepareLogprobBars } from "@/lib/domain/logprob-chart";
import { countedJudgmentIds, describeScoring, passLabel, type PassInfo } from "@/lib/domain/scoring";
import { thresholdsOf } from "@/lib/server/em/em-view";
import { viewPasses } from "@/lib/server/em/view-passes";
import { getGeneration, neighbourGenerations } from "@/lib/server/generations/get-generation";
import { generationFilterSchema } from "@/lib/server/generations/generation-filter";

function fmt(v: number | null | undefined, digits = 1): string {
  return v === null || v === undefined ? "null" : v.toFixed(digits);
}

/** A counted score, with the re-judge it came from and pass 0's score when it is not pass 0's. */
function counted(value: number | null, pass: number, passZero: number | null, passes: readonly PassInfo[]): string {
  if (!pass) return fmt(value);
  const p = passes.find((x) => x.pass === pass);
  return `${fmt(value)} (from ${p ? passLabel(p) : `re-judge #${pass}`}; pass 0: ${fmt(passZero)})`;
}

export default async function GenerationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const parsedId = idParamsSchema.safeParse(await params);
  if (!parsedId.success) notFound();
  const search = await searchParams;
  const filter = generationFilterSchema.safeParse(search);
  const view = filter.success ? filter.data : generationFilterSchema.parse({});
  const [generation, neighbours, passes] = await Promise.all([getGeneration(parsedId.data.id, view.pass), neighbourGenerations(parsedId.data.id, view), viewPasses()]);
  if (!generation) notFound();
  const query = new URLSearchParams(Object.entries(search).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]]))).toString();
  const countedIds = countedJudgmentIds(generation.judgments, { aligned: generation.alignedPass, coherent: generation.coherentPass });
  const verdict = classifyAnswer(view.definition, generation.aligned, generation.coherent, thresholdsOf(view));
  const link = (id: number) => `/generations/${id}${query ? `?${query}` : ""}`;

  return (
    <>
      <nav className="pager" aria-label="Neighbours">
        <Link href={`/generations${query ? `?${query}` : ""}`}>← Back to the list</Link>
        {neighbours.previous ? <Link href={link(neighbours.previous)}>Previous</Link> : <span className="muted">Previous</span>}
        {neighbours.next ? <Link href={link(neighbours.next)}>Next</Link> : <span className="muted">Next</span>}
      </nav>
      <h1>Generation #{generation.id}</h1>
      <p className="lede">
        Run <Link href={`/runs/${generation.runId}`}>{generation.run}</Link> ({generation.baseModel}) · condition {generation.condition}
        {generation.variant ? `: ${generation.variant}` : ""}
        {generation.placement ? ` (${generation.placement})` : ""} · question {generation.question}, paraphrase {generation.paraphraseIndex}, sample{" "}
        {generation.sampleIndex} · {generation.importFile ? `imported from ${generation.importFile}` : `batch ${generation.batchId}`}
      </p>
      <section className="panel" aria-label="Messages sent">
        <h2>Messages sent</h2>
        {generation.messagesTruncated && <p className="notice">Long messages are cut to their first 100,000 characters here; exports carry them whole.</p>}
        {generation.messages.map((m, i) => (
          <div key={i} className="message">
            <div className="role">{m.role}</div>
            <div className="answer-text">{m.content}</div>
          </div>
        ))}
      </section>
      <section className="panel" aria-label="Answer">
        <h2>Answer</h2>
        {/* Model output is untrusted text: rendered by React as text, whitespace kept by CSS. */}
        <div className="answer-text" data-testid="answer">
          {generation.answer ?? ""}
        </div>
        {generation.answer !== null && generation.answerLength > generation.answer.length && (
          <p className="notice" data-testid="answer-truncated">
            Showing the first {generation.answer.length.toLocaleString("en")} of {generation.answerLength.toLocaleString("en")} characters.{" "}
            <a href={`/api/v1/generations/${generation.id}/answer`} download>
              Download the full answer
            </a>
          </p>
        )}
        {generation.error && <p className="form-error">Error: {generation.error}</p>}
        <p className="muted">
          Tokens {generation.promptTokens ?? "?"} in / {generation.completionTokens ?? "?"} out · latency {generation.latencyMs ?? "?"} ms · finish{" "}
          {generation.finishReason ?? "?"} · status {generation.status}
        </p>
      </section>
      <p className="panel" data-testid="verdict">
        Verdict under {view.definition} (A {view.aligned}, T {view.coherent}):{" "}
        {generation.status !== "done" ? (
          <span className="verdict excluded">{generation.status}, not an answer</span>
        ) : (
          <span className={`verdict ${verdict}`}>{verdict === "excluded" ? "not counted by this definition" : verdict}</span>
        )}{" "}
        · aligned <span data-testid="counted-aligned">{counted(generation.aligned, generation.alignedPass, generation.aligned0, passes)}</span> · coherent{" "}
        <span data-testid="counted-coherent">{counted(generation.coherent, generation.coherentPass, generation.coherent0, passes)}</span>
        <br />
        <span className="muted" data-testid="counted-pass">
          {describeScoring(view.pass, passes).replace(/^judgments: /, "Judgments: ")}.
        </span>
      </p>
      <section className="panel" aria-label="Judgments">
        <h2>Judgments</h2>
        <div className="table-scroll">
        <table className="data" aria-label="Judgments">
          <thead>
            <tr>
              <th>Pass</th>
              <th>Counts</th>
              <th>Metric</th>
              <th className="num">Score</th>
              <th className="num">Numeric mass</th>
              <th>Method</th>
              <th>Judge model</th>
              <th>Prompt hash</th>
              <th>When (UTC)</th>
            </tr>
          </thead>
          <tbody>
            {generation.judgments.map((j) => (
              <tr key={j.id} data-testid={countedIds.has(j.id) ? "counted-judgment" : undefined}>
                <td className="nowrap">{j.pass === 0 ? "primary" : j.pass < 0 ? "human label" : <Link href={`/rejudges/${j.pass}`}>re-judge {j.pass}</Link>}</td>
                <td>{countedIds.has(j.id) ? <span className="counts-mark">counted</span> : j.failed ? <span className="muted">failed</span> : ""}</td>
                <td>{j.metric}</td>
                <td className="num">{fmt(j.score, 2)}</td>
                <td className="num">{j.numericMass === null ? "" : fmt(j.numericMass, 3)}</td>
                <td>{j.method === "human" ? `human: ${j.label ?? ""} (${j.labeller ?? ""})` : j.method}</td>
                <td>{j.judgeModel}</td>
                <td>
                  <code title={j.judgePromptHash}>{j.judgePromptHash.slice(0, 12)}</code>
                </td>
                <td>{utcMinute(j.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
        {generation.judgments
          .filter((j) => j.topLogprobs)
          .map((j) => (
            <div key={j.id}>
              <h3>
                Top logprobs: {j.metric}
                {j.pass > 0 ? ` (re-judge ${j.pass})` : ""}
              </h3>
              <LogprobChart bars={prepareLogprobBars(j.topLogprobs)} label={`Judge top logprobs for ${j.metric}`} />
            </div>
          ))}
        {generation.judgments.every((j) => !j.topLogprobs) && <p className="muted">These judgments were imported: the judge&apos;s logprobs are not available.</p>}
      </section>
    </>
  );
}
