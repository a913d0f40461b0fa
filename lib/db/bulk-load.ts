import type pg from "pg";

/**
 * Speeds up a large COPY inside the current transaction by skipping the per-row foreign-key
 * triggers, where the role may (superusers only, e.g. the embedded database). The caller must
 * already hold FOR KEY SHARE locks on every row the new rows reference, which is exactly the
 * guarantee those triggers give, taken once instead of once per row. Returns whether it applied.
 */
export async function skipForeignKeyTriggers(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ rolsuper: boolean }>(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
  if (!rows[0]?.rolsuper) return false;
  await client.query(`SET LOCAL session_replication_role = replica`);
  return true;
}

/** FOR KEY SHARE locks on referenced rows: they cannot be deleted or re-keyed until commit. */
export async function lockReferenced(client: pg.ClientBase, table: string, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const { rows } = await client.query(`SELECT id FROM "${table}" WHERE id = ANY($1::int[]) FOR KEY SHARE`, [ids]);
  if (rows.length !== new Set(ids).size) throw new Error(`Some ${table} rows referenced by the import no longer exist.`);
}
