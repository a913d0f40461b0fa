"use client";
import Link from "next/link";
import { ErrorList } from "@/components/ui/error-list";
import { NoWorkerNotice } from "@/components/ui/no-worker-notice";
import { useLiveStatus } from "@/components/ui/use-live-status";
import type { RejudgeStatus } from "@/lib/server/rejudges/rejudge-status";

/** Live progress: polls the re-judge's status every 1.5 s until it is finished; cancel and resume. */
export function RejudgeProgress({ initial }: { initial: RejudgeStatus }) {
  const { status, live, message, control } = useLiveStatus(`/api/v1/rejudges/${initial.id}`, initial);

  const j = status.judging;
  return (
    <>
      <p className="lede">
        Status <strong data-testid="rejudge-status">{status.status}</strong> · <span data-testid="rejudge-percent">{status.percent}%</span> of{" "}
        {status.generations.toLocaleString("en-US")} answers
      </p>
      {message && (
        <p className="form-error" role="alert">
          {message}
        </p>
      )}
      {live && status.workers === 0 && <NoWorkerNotice />}
      <section className="panel">
        <div className="phase">
          <strong>Judging</strong> {j.done.toLocaleString("en-US")} done, {j.failed.toLocaleString("en-US")} failed, {j.pending.toLocaleString("en-US")} pending
          <progress max={100} value={status.percent} aria-label="Judging progress" />
        </div>
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
          <Link href={`/judges/agreement?a=0&b=${status.pass}`}>Agreement with the primary judgment</Link>
        </div>
      </section>
      <ErrorList errors={status.errors.map((e) => ({ label: e.kind, count: e.count, examples: e.examples }))} />
    </>
  );
}
