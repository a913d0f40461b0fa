"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import type { BatchStatus } from "@/lib/server/batches/batch-status";

function Bar({ label, part }: { label: string; part: { total: number; done: number; failed: number; pending: number } }) {
  const pct = part.total === 0 ? 100 : Math.floor(((part.done + part.failed) / part.total) * 1000) / 10;
  return (
    <div className="phase">
      <strong>{label}</strong> {part.done.toLocaleString("en-US")} done, {part.failed.toLocaleString("en-US")} failed, {part.pending.toLocaleString("en-US")} pending
      <progress max={100} value={pct} aria-label={`${label} progress`} />
    </div>
  );
}

/** Live progress: polls the batch's status every 1.5 s until it is finished. */
export function BatchProgress({ initial }: { initial: BatchStatus }) {
  const [status, setStatus] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const live = status.status === "queued" || status.status === "running";

  useEffect(() => {
    if (!live) return;
    const timer = setInterval(async () => {
      const response = await fetch(`/api/v1/batches/${status.id}`, { cache: "no-store" });
      if (response.ok) setStatus(await response.json());
    }, 1500);
    return () => clearInterval(timer);
  }, [live, status.id]);

  async function control(action: "cancel" | "resume") {
    const response = await fetch(`/api/v1/batches/${status.id}/${action}`, { method: "POST" });
    const body = await response.json();
    setMessage(response.ok ? null : body.error);
    const fresh = await fetch(`/api/v1/batches/${status.id}`, { cache: "no-store" });
    if (fresh.ok) setStatus(await fresh.json());
  }

  return (
    <>
      <p className="lede">
        Status <strong data-testid="batch-status">{status.status}</strong> · <span data-testid="batch-percent">{status.percent}%</span> · {status.throughput} generations/s
        {status.etaSeconds !== null && live ? ` · about ${Math.ceil(status.etaSeconds / 60)} min left` : ""}
      </p>
      {message && <p className="form-error" role="alert">{message}</p>}
      <section className="panel">
        <Bar label="Generation" part={status.generation} />
        <Bar label="Judging" part={status.judging} />
        <div className="actions">
          {live && (
            <button type="button" className="button secondary" onClick={() => control("cancel")}>
              Cancel
            </button>
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
      {status.errors.length > 0 && (
        <section className="panel" aria-label="Errors">
          <h2>Errors</h2>
          {status.errors.map((e) => (
            <div key={`${e.phase}-${e.kind}`}>
              <strong>
                {e.phase}: {e.kind}
              </strong>{" "}
              × {e.count}
              <ul>
                {e.examples.map((x, i) => (
                  <li key={i}>
                    <code>{x}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      )}
    </>
  );
}
