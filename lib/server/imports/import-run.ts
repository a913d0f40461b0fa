import "server-only";
import type pg from "pg";
import { UserError } from "@/lib/errors";

export interface RunMetadata {
  name: string;
  baseModel?: string;
  trainingDataset?: string;
  benignShare?: number;
  trainingTrigger?: string;
  notes?: string;
}

/** The run an import belongs to: found by name, or created when a base model is given. */
export async function findOrCreateRun(client: pg.ClientBase, run: RunMetadata): Promise<{ id: number; name: string; created: boolean }> {
  const name = run.name.trim();
  if (!name) throw new UserError("Name the run the answers belong to.", { run: ["Required."] });
  const existing = await client.query<{ id: number }>(`SELECT id FROM "Run" WHERE name = $1`, [name]);
  if (existing.rows.length) return { id: existing.rows[0].id, name, created: false };
  if (!run.baseModel?.trim()) {
    throw new UserError(`Run "${name}" does not exist yet; give its base model to create it.`, { baseModel: ["Required for a new run."] });
  }
  const { rows } = await client.query<{ id: number }>(
    `INSERT INTO "Run" (name, "baseModel", "trainingDataset", "benignShare", "trainingTrigger", notes, "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (name) DO NOTHING RETURNING id`,
    [name, run.baseModel.trim(), run.trainingDataset ?? null, run.benignShare ?? null, run.trainingTrigger ?? null, run.notes ?? null],
  );
  if (rows.length) return { id: rows[0].id, name, created: true };
  const raced = await client.query<{ id: number }>(`SELECT id FROM "Run" WHERE name = $1`, [name]);
  return { id: raced.rows[0].id, name, created: false };
}
