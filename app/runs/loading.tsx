export default function Loading() {
  return <p className="panel muted" role="status">Loading…</p>;
}
