import Link from "next/link";
import { RoleRequired } from "@/components/auth/role-required";
import { lacksRole } from "@/lib/auth/authorize-action";
import { auditQuerySchema, listAuditEvents } from "@/lib/server/audit/list-audit-events";
import { EmptyRow } from "@/components/tables/empty-row";

/** User ids are UUIDs: their first 8 characters name them well enough (the whole id is the title). */
function shortId(id: string | null): string {
  return id && id.length > 12 ? `${id.slice(0, 8)}…` : (id ?? "");
}

/** `name: e2e script · role: researcher` rather than JSON. */
function describeDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : String(value)}`)
    .join(" · ");
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await lacksRole("admin")) return <RoleRequired title="Audit log" role="admin" />;
  const raw = await searchParams;
  const query = auditQuerySchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { events, nextBefore, actions } = await listAuditEvents(query);
  const older = new URLSearchParams({ ...(query.actor ? { actor: query.actor } : {}), ...(query.action ? { action: query.action } : {}), ...(nextBefore ? { before: String(nextBefore) } : {}) });
  return (
    <>
      <h1>Audit log</h1>
      <p className="lede">Who imported, launched, cancelled, resumed, re-judged, changed endpoints, users and tokens, and who signed in (or failed to). Newest first.</p>
      <form className="controls" method="get" aria-label="Filter the audit log">
        <label className="field">
          Actor (email, local or cli)
          <input name="actor" defaultValue={query.actor} />
        </label>
        <label className="field">
          Action
          <select name="action" defaultValue={query.action ?? ""}>
            <option value="">any</option>
            {actions.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
        {(query.actor || query.action || query.before) && <Link href="/audit">Clear</Link>}
      </form>
      <div className="table-scroll">
        <table className="data wide-table" aria-label="Audit events">
          <thead>
            <tr>
              <th>Time (UTC)</th>
              <th>Actor</th>
              <th>Action</th>
              <th>Object</th>
              <th>Detail</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={e.id}>
                <td className="nowrap">{e.at.toISOString().slice(0, 19).replace("T", " ")}</td>
                <td>{e.actor}</td>
                <td className="nowrap">
                  <code className="nowrap">{e.action}</code>
                </td>
                <td className="nowrap" title={e.objectId ?? undefined}>
                  {e.objectType ? `${e.objectType} ${shortId(e.objectId)}` : "–"}
                </td>
                <td className="small">{e.detail ? describeDetail(e.detail) : ""}</td>
              </tr>
            ))}
            {events.length === 0 && (
              <EmptyRow columns={5}>
                No events{query.actor || query.action ? " match" : " yet"}.
              </EmptyRow>
            )}
          </tbody>
        </table>
      </div>
      {nextBefore && (
        <p className="pager">
          <Link href={`/audit?${older}`}>Older events</Link>
        </p>
      )}
    </>
  );
}
