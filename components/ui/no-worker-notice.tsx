/** Shown on a live batch or re-judge when no worker has been seen for 15 s: it waits, nothing fails. */
export function NoWorkerNotice() {
  return (
    <p className="panel callout" role="status" data-testid="no-worker">
      No worker is running, so nothing moves: this waits until one starts. <code>npm start</code> runs one (unless{" "}
      <code>EMLAB_WORKER=0</code>); <code>npm run worker</code> adds more, on this machine or another.
    </p>
  );
}
