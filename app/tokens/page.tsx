import { currentActor } from "@/lib/auth/authorize-action";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { NewTokenForm, RevokeTokenButton } from "./tokens-client";
import { EmptyRow } from "@/components/tables/empty-row";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") : "–");

export default async function TokensPage() {
  const actor = await currentActor();
  if (actor?.kind !== "user") {
    return (
      <>
        <h1>API tokens</h1>
        <p className="lede">Tokens belong to users. This instance runs in local mode (no users): REST calls from this machine need no token.</p>
      </>
    );
  }
  const tokens = await listApiTokens(actor.userId);
  const now = new Date();
  return (
    <>
      <h1>API tokens</h1>
      <p className="lede">
        Personal tokens for scripts and the REST API: send <code>Authorization: Bearer emlab_…</code>. A token acts as you, with your role or a lower
        one; it is shown once, and only its SHA-256 is kept.
      </p>
      <NewTokenForm role={actor.role} />
      <div className="table-scroll">
        <table className="data wide-table" aria-label="API tokens">
          <thead>
            <tr>
              <th>Name</th>
              <th>Token</th>
              <th>Role</th>
              <th>Created</th>
              <th>Expires</th>
              <th>Last used</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => {
              const expired = t.expiresAt !== null && t.expiresAt <= now;
              return (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="nowrap">
                    <code className="nowrap">{t.prefix}…</code>
                  </td>
                  <td>{t.role ?? actor.role}</td>
                  <td className="nowrap">{day(t.createdAt)}</td>
                  <td className="nowrap">{t.expiresAt ? day(t.expiresAt) : "never"}</td>
                  <td className="nowrap">{day(t.lastUsedAt)}</td>
                  <td>{t.revokedAt ? <span className="muted">revoked</span> : expired ? <span className="muted">expired</span> : <RevokeTokenButton id={t.id} name={t.name} />}</td>
                </tr>
              );
            })}
            {tokens.length === 0 && (
              <EmptyRow columns={7}>
                No tokens yet.
              </EmptyRow>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
