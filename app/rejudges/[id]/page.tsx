import { notFound } from "next/navigation";
import { idParamsSchema } from "@/lib/search-params";
import { rejudgeStatus } from "@/lib/server/rejudges/rejudge-status";
import { CountingForm } from "./counting-form-client";
import { RejudgeProgress } from "./rejudge-progress-client";

export default async function RejudgePage({ params }: { params: Promise<{ id: string }> }) {
  const parsed = idParamsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const status = await rejudgeStatus(parsed.data.id);
  if (!status) notFound();
  return (
    <>
      <h1>
        Re-judge #{status.id} {status.name ?? ""}
      </h1>
      <p className="lede">
        Pass {status.pass}: judge model <strong>{status.judgeModel}</strong>
        {status.judgeEndpoint ? ` on ${status.judgeEndpoint}` : ""}, metrics {status.metrics.join(", ")}; the judge reads{" "}
        {status.questionContext === "prompt" ? "the user message as sent (trigger included)" : "the question as the first judge did"}. Its scores are a separate pass: by
        default the EM views count it once it has completed, over the primary judgment and older re-judges, for the answers and metrics it
        scored; choose a pass on any EM view to compare.
      </p>
      <RejudgeProgress initial={status} />
      <CountingForm rejudgeId={status.id} counting={status.counting} />
      <section className="panel" aria-label="Judge prompts">
        <h2>Judge prompts</h2>
        {status.prompts.length === 0 && <p className="muted">Each question&apos;s own judge prompt.</p>}
        {status.prompts.map((p) => (
          <div key={p.metric}>
            <strong>{p.metric}</strong> <code className="muted">sha256 {p.hash.slice(0, 12)}…</code>
            <pre className="answer-text">{p.template}</pre>
          </div>
        ))}
        {status.prompts.length > 0 && status.prompts.length < status.metrics.length && <p className="muted">Other metrics: each question&apos;s own judge prompt.</p>}
        <p className="muted">
          Selection: <code>{JSON.stringify(status.scope)}</code>
        </p>
      </section>
    </>
  );
}
