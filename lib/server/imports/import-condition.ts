import "server-only";
import type pg from "pg";
import type { ConditionKind } from "@/lib/domain/condition-kind";

/** The batch-less condition that imported answers share, one row per (kind, variant). */
export async function findOrCreateImportCondition(client: pg.ClientBase, kind: ConditionKind, variant: string): Promise<number> {
  // Serialise creation across concurrent imports (no unique index can cover batchId IS NULL here).
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('emlab.import-condition'))`);
  const existing = await client.query<{ id: number }>(
    `SELECT id FROM "Condition" WHERE "batchId" IS NULL AND kind = $1::"ConditionKind" AND variant = $2 ORDER BY id LIMIT 1`,
    [kind, variant],
  );
  if (existing.rows.length) return existing.rows[0].id;
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "Condition" (kind, variant) VALUES ($1::"ConditionKind", $2) RETURNING id`,
    [kind, variant],
  );
  return rows[0].id;
}
