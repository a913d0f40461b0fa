"use client";
import { SpendNote } from "@/components/ui/spend-note";
import Link from "next/link";
import { useState } from "react";
import { ErrorList } from "@/components/ui/error-list";
import { NoWorkerNotice } from "@/components/ui/no-worker-notice";
import { useLiveStatus } from "@/components/ui/use-live-status";
import { formatDuration } from "@/lib/domain/batch-timing";
import type { BatchStatus } from "@/lib/server/batches/batch-status";

/** Done in the progress colour, failed in red, pending empty: a failed batch never looks complete. */
function Bar({ label, part }: { label: string; part: { total: number; done: number; failed: number; pending: number } }) {
  const share = (x: number) => (part.total === 0 ? 0 : (x / part.total) * 100);
  return (
    <div className="phase">
      <strong>{label}</strong> {part.done.toLocaleString("en-US")} done,{" "}
      <span className={part.failed > 0 ? "failed-text" : undefined}>{part.failed.toLocaleString("en-US")} failed</span>, {part.pending.toLocaleString("en-US")} pending
      <div className="stacked" role="progressbar" aria-label={`${label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.floor(share(part.done + part.failed))}>
        <span className="done" style={{ width: `${share(part.done)}%` }} />
        <span className="failed" style={{ width: `${share(part.failed)}%` }} />
      </div>
    </div>
  );
}

/** Live progress: polls the batch's status every 1.5 s until it is finished. */
export function BatchProgress({ initial }: { initial: BatchStatus }) {
  const { status, live, message, control: send } = useLiveStatus(`/api/v1/batches/${initial.id}`, initial);
  const [confirming, setConfirming] = useState(false);
  const control = (action: "cancel" | "resume") => {
    setConfirming(false);
    return send(action);
  };

  return (
    <>
      <p className="lede">
        Status <strong data-testid="batch-status" className={status.status === "failed" ? "failed-text" : undefined}>{status.status}</strong> ·{" "}
        <span data-testid="batch-percent">{status.percent}%</span>
        {status.elapsedSeconds !== null && ` · ${live ? "running for" : "took"} ${formatDuration(status.elapsedSeconds)}`}
        {live && status.throughput !== null && ` · ${status.throughput} generations/s (last minute)`}
        {live && status.workers === 0 && " · waiting for a worker"}
        {live && status.workers !== 0 && (status.etaSeconds !== null && status.etaSeconds > 0 ? ` · about ${formatDuration(status.etaSeconds)} left` : " · estimating time left…")}
      </p>
      {message && <p className="form-error" role="alert">{message}</p>}
      {live && status.workers === 0 && <NoWorkerNotice />}
      <section className="panel">
        <Bar label="Generation" part={status.generation} />
        <Bar label="Judging" part={status.judging} />
        <div className="actions">
          {live && !confirming && (
            <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
              Cancel
            </button>
          )}
          {live && confirming && (
            <span role="group" aria-label="Confirm cancel">
              Cancel this batch? Pending generations stop; you can resume later.{" "}
              <button type="button" className="danger" onClick={() => control("cancel")}>
                Yes, cancel
              </button>{" "}
              <button type="button" className="button secondary" onClick={() => setConfirming(false)}>
                Keep running
              </button>
            </span>
          )}
          {(status.status === "cancelled" || status.status === "failed") && (
            <button type="button" onClick={() => control("resume")}>
              Resume
            </button>
          )}
          {status.runs.map((r) => (
            <Link key={r.id} href={`/runs/${r.id}`}>
              Charts for {r.name}
            </Link>
          ))}
        </div>
      </section>
      {status.em.length > 0 && (
        <section className="panel" aria-label="EM so far">
          <h2>EM so far</h2>
          <p className="muted small">betley, A 30, T 50, over the answers judged so far by this batch&apos;s own judge (pass 0; re-judges count on the Overview and Runs pages);
            question-clustered 95% intervals.</p>
          <table className="data" aria-label="EM so far">
            <thead>
              <tr>
                <th>Run</th>
                <th>Condition</th>
                <th className="num">EM rate</th>
                <th className="num">95% CI</th>
                <th className="num">k / n</th>
              </tr>
            </thead>
            <tbody>
              {status.em.map((e) => (
                <tr key={`${e.run}-${e.key}`}>
                  <td>{e.run}</td>
                  <td>{e.label}</td>
                  <td className="num">{e.estimate.rate === null ? "–" : `${e.estimate.rate.toFixed(1)}%`}</td>
                  <td className="num">{e.estimate.ciLow === null ? (e.estimate.note ?? "–") : `${e.estimate.ciLow.toFixed(1)} – ${e.estimate.ciHigh!.toFixed(1)}`}</td>
                  <td className="num">
                    {e.estimate.k} / {e.estimate.n}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section className="panel" aria-label="Configuration">
        <h2>Configuration</h2>
        <dl className="config">
          <dt>Question set</dt>
          <dd>{status.config.questionSet}</dd>
          <dt>Conditions</dt>
          <dd>
            {status.config.conditions.map((c, i) => (
              <div key={i}>
                {c.kind}
                {c.variant ? ` (${c.variant})` : ""}
                {c.placement ? `, ${c.placement}` : ""}
                {c.text ? <>: <q>{c.text}</q></> : ""}
              </div>
            ))}
          </dd>
          <dt>Samples</dt>
          <dd>{status.config.samplesPerParaphrase} per paraphrase</dd>
          <dt>Sampling</dt>
          <dd>
            temperature {status.config.temperature}, top_p {status.config.topP}, max {status.config.maxTokens} tokens
          </dd>
          <dt>Judge</dt>
          <dd>
            {status.config.judge} on {status.metrics.join(", ")}
          </dd>
          <dt>Attempts</dt>
          <dd>{status.config.maxAttempts} per request</dd>
          <dt>Cost</dt>
          <dd>
            <SpendNote spend={status.spend} />
          </dd>
        </dl>
      </section>
      {status.providerBatches.length > 0 && (
        <section className="panel" aria-label="Batch API">
          <h2>Judging through the Batch API</h2>
          <div className="table-scroll">
            <table className="data" aria-label="Provider batches">
              <thead>
                <tr>
                  <th>Provider batch</th>
                  <th>Status</th>
                  <th className="num">Requests</th>
                  <th className="num">Completed</th>
                  <th className="num">Failed</th>
                  <th>Sent</th>
                  <th>Note</th>
                </tr>
              </thead>
              <tbody>
                {status.providerBatches.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <code>{p.remoteId ?? "(sending)"}</code>
                    </td>
                    <td>{p.finishedAt ? `${p.status}, applied` : p.status}</td>
                    <td className="num">{p.requests.toLocaleString("en-US")}</td>
                    <td className="num">{p.completed.toLocaleString("en-US")}</td>
                    <td className="num">{p.failed.toLocaleString("en-US")}</td>
                    <td>{p.submittedAt ? new Date(p.submittedAt).toLocaleString() : "–"}</td>
                    <td>{p.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <ErrorList errors={status.errors.map((e) => ({ label: `${e.phase}: ${e.kind}`, count: e.count, examples: e.examples }))} />
    </>
  );
}
