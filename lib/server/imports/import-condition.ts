import "server-only";
import type pg from "pg";
import type { ConditionKind } from "@/lib/domain/condition-kind";

/**
 * The batch-less condition that imported answers share, one row per (kind, variant), kept unique
 * by Condition.importKey. Concurrent imports only wait on each other when both create the same
 * new condition.
 */
export async function findOrCreateImportCondition(client: pg.ClientBase, kind: ConditionKind, variant: string): Promise<number> {
  const key = `${kind}:${variant}`;
  const existing = await client.query<{ id: number }>(`SELECT id FROM "Condition" WHERE "importKey" = $1`, [key]);
  if (existing.rows.length) return existing.rows[0].id;
  await client.query(
    `INSERT INTO "Condition" (kind, variant, "importKey") VALUES ($1::"ConditionKind", $2, $3) ON CONFLICT ("importKey") DO NOTHING`,
    [kind, variant, key],
  );
  const { rows } = await client.query<{ id: number }>(`SELECT id FROM "Condition" WHERE "importKey" = $1`, [key]);
  return rows[0].id;
}
